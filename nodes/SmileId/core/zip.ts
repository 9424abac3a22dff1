const CRC_TABLE = buildCrcTables();

// Slicing-by-8: eight lookup tables let the loop consume 8 bytes per step, which keeps a
// 10 MB selfie or ID image well under the time of the upload itself.
function buildCrcTables(): Uint32Array[] {
	const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		tables[0][n] = c >>> 0;
	}
	for (let n = 0; n < 256; n++) {
		let c = tables[0][n];
		for (let t = 1; t < 8; t++) {
			c = tables[0][c & 0xff] ^ (c >>> 8);
			tables[t][n] = c >>> 0;
		}
	}
	return tables;
}

// The word loop reads four bytes per load, which halves the time, and assumes the
// little-endian byte order of x64 and arm64; other machines take the byte loop.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const NO_WORDS = new Uint32Array(0);

/**
 * CRC-32 (IEEE) of data, or, given the CRC of the bytes before it, of those bytes and data
 * together: an image that arrives in chunks is checksummed chunk by chunk, never joined.
 */
export function crc32(data: Uint8Array, crcBefore = 0): number {
	const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLE;
	let crc = (crcBefore ^ 0xffffffff) >>> 0;
	let i = 0;
	if (LITTLE_ENDIAN) {
		while (i < data.length && (data.byteOffset + i) % 4 !== 0) {
			crc = t0[(crc ^ data[i++]) & 0xff] ^ (crc >>> 8);
		}
		const wordCount = ((data.length - i) >>> 3) << 1;
		// Always a Uint32Array, also for the short chunks a download delivers, so that the
		// loop's loads see one type only.
		const words =
			wordCount > 0 ? new Uint32Array(data.buffer, data.byteOffset + i, wordCount) : NO_WORDS;
		for (let w = 0; w < words.length; w += 2) {
			const a = words[w] ^ crc;
			const b = words[w + 1];
			crc =
				t7[a & 0xff] ^
				t6[(a >>> 8) & 0xff] ^
				t5[(a >>> 16) & 0xff] ^
				t4[a >>> 24] ^
				t3[b & 0xff] ^
				t2[(b >>> 8) & 0xff] ^
				t1[(b >>> 16) & 0xff] ^
				t0[b >>> 24];
		}
		i += words.length * 4;
	} else {
		const fastEnd = data.length - (data.length % 8);
		while (i < fastEnd) {
			const a = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) ^ crc;
			crc =
				t7[a & 0xff] ^
				t6[(a >>> 8) & 0xff] ^
				t5[(a >>> 16) & 0xff] ^
				t4[a >>> 24] ^
				t3[data[i + 4]] ^
				t2[data[i + 5]] ^
				t1[data[i + 6]] ^
				t0[data[i + 7]];
			i += 8;
		}
	}
	while (i < data.length) crc = t0[(crc ^ data[i++]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
	name: string;
	/** The entry's bytes, whole or as the chunks they arrived in (sent as they are). */
	data: Uint8Array | readonly Uint8Array[];
}

/**
 * A zip as the pieces it is sent in, in order: each local header, then that entry's own
 * bytes (the caller's buffers, not a copy), and last the central directory. byteLength is
 * the sum of the pieces, the Content-Length of the upload.
 */
export interface ZipPieces {
	pieces: Uint8Array[];
	byteLength: number;
}

const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_RECORD_SIZE = 22;
const UTF8_NAME_FLAG = 0x0800;
const STORE_METHOD = 0;
const ZIP_VERSION = 20;
const MAX_ZIP32 = 0xffffffff;

function dosDateTime(date: Date): { time: number; day: number } {
	const year = Math.max(1980, date.getUTCFullYear());
	return {
		time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
		day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
	};
}

/**
 * Writes a zip with every entry STORED: the uploads are JPEGs, which deflate cannot shrink,
 * so compressing would only cost time. Only the headers are new memory: the entries' bytes
 * stay where they are and are sent from there, so an image read from n8n's binary data
 * store or downloaded in chunks is never copied. Each CRC is taken over the entry's bytes,
 * which are all in hand, so it sits in the local header and no data descriptor is needed.
 */
export function createZip(entries: ZipEntry[], modified: Date = new Date()): ZipPieces {
	const names = new Set<string>();
	const { time, day } = dosDateTime(modified);
	const records = entries.map((entry) => {
		if (entry.name === '' || entry.name.includes('/') || entry.name.includes('\\')) {
			throw new Error(`Zip entry name "${entry.name}" must be a plain file name`);
		}
		if (names.has(entry.name)) throw new Error(`Zip entry "${entry.name}" appears twice`);
		names.add(entry.name);
		const chunks = entry.data instanceof Uint8Array ? [entry.data] : entry.data;
		const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
		return { chunks, size, name: Buffer.from(entry.name, 'utf8') };
	});

	const localHeadersSize = records.reduce((sum, r) => sum + LOCAL_HEADER_SIZE + r.name.length, 0);
	const dataSize = records.reduce((sum, r) => sum + r.size, 0);
	const centralSize = records.reduce((sum, r) => sum + CENTRAL_HEADER_SIZE + r.name.length, 0);
	if (localHeadersSize + dataSize + centralSize > MAX_ZIP32 || records.length > 0xffff) {
		throw new Error('The upload is too large for a zip without ZIP64 extensions');
	}

	// All headers in one small zero-filled buffer (the fields not written are 0): the local
	// headers first, then the central directory and end record. The pieces are views into it.
	const headers = Buffer.alloc(localHeadersSize + centralSize + END_RECORD_SIZE);
	const central = headers.subarray(localHeadersSize);
	const pieces: Uint8Array[] = [];
	let headerOffset = 0;
	let zipOffset = 0;
	let offset = 0;
	records.forEach((r) => {
		const crc = r.chunks.reduce((sum, chunk) => crc32(chunk, sum), 0);
		const { size } = r;
		const local = headers.subarray(headerOffset, headerOffset + LOCAL_HEADER_SIZE + r.name.length);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(ZIP_VERSION, 4);
		local.writeUInt16LE(UTF8_NAME_FLAG, 6);
		local.writeUInt16LE(STORE_METHOD, 8);
		local.writeUInt16LE(time, 10);
		local.writeUInt16LE(day, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(size, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(r.name.length, 26);
		r.name.copy(local, LOCAL_HEADER_SIZE);
		pieces.push(local);
		for (const chunk of r.chunks) if (chunk.length > 0) pieces.push(chunk);
		headerOffset += local.length;

		central.writeUInt32LE(0x02014b50, offset);
		central.writeUInt16LE(ZIP_VERSION, offset + 4);
		central.writeUInt16LE(ZIP_VERSION, offset + 6);
		central.writeUInt16LE(UTF8_NAME_FLAG, offset + 8);
		central.writeUInt16LE(STORE_METHOD, offset + 10);
		central.writeUInt16LE(time, offset + 12);
		central.writeUInt16LE(day, offset + 14);
		central.writeUInt32LE(crc, offset + 16);
		central.writeUInt32LE(size, offset + 20);
		central.writeUInt32LE(size, offset + 24);
		central.writeUInt16LE(r.name.length, offset + 28);
		central.writeUInt32LE(zipOffset, offset + 42);
		offset += CENTRAL_HEADER_SIZE;
		offset += r.name.copy(central, offset);
		zipOffset += local.length + size;
	});
	central.writeUInt32LE(0x06054b50, offset);
	central.writeUInt16LE(records.length, offset + 8);
	central.writeUInt16LE(records.length, offset + 10);
	central.writeUInt32LE(centralSize, offset + 12);
	central.writeUInt32LE(zipOffset, offset + 16);
	pieces.push(central);
	return { pieces, byteLength: headers.length + dataSize };
}
