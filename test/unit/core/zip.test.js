// @ts-check
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync, spawnSync } = require('child_process');
const JSZip = require('jszip');
const { createZip, crc32 } = require('../../../dist/nodes/SmileId/core/zip');
const { makeJpeg } = require('../../fixtures/jpeg');

const MODIFIED = new Date('2024-02-29T13:45:58.000Z');

/** The zip as the upload sends it: its pieces one after another, byteLength long. */
function zipBytes(entries, modified) {
	const zip = createZip(entries, modified);
	const joined = Buffer.concat(zip.pieces);
	expect(zip.byteLength).toBe(joined.length);
	return joined;
}
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Bitwise CRC-32 (IEEE), the slow textbook way, to check the table-driven one. */
function referenceCrc32(data) {
	let crc = 0xffffffff;
	for (const byte of data) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Minimal zip reader written for these tests: walks the local headers front to back and
 * the central directory from the end record, and returns every field it saw.
 */
function parseZip(buf) {
	const eocd = buf.length - 22;
	expect(buf.readUInt32LE(eocd)).toBe(0x06054b50);
	const end = {
		disk: buf.readUInt16LE(eocd + 4),
		cdDisk: buf.readUInt16LE(eocd + 6),
		entriesOnDisk: buf.readUInt16LE(eocd + 8),
		entries: buf.readUInt16LE(eocd + 10),
		cdSize: buf.readUInt32LE(eocd + 12),
		cdOffset: buf.readUInt32LE(eocd + 16),
		commentLength: buf.readUInt16LE(eocd + 20),
	};
	const central = [];
	let p = end.cdOffset;
	for (let i = 0; i < end.entries; i++) {
		expect(buf.readUInt32LE(p)).toBe(0x02014b50);
		const nameLength = buf.readUInt16LE(p + 28);
		const extraLength = buf.readUInt16LE(p + 30);
		const commentLength = buf.readUInt16LE(p + 32);
		central.push({
			versionMadeBy: buf.readUInt16LE(p + 4),
			versionNeeded: buf.readUInt16LE(p + 6),
			flags: buf.readUInt16LE(p + 8),
			method: buf.readUInt16LE(p + 10),
			time: buf.readUInt16LE(p + 12),
			date: buf.readUInt16LE(p + 14),
			crc: buf.readUInt32LE(p + 16),
			compressedSize: buf.readUInt32LE(p + 20),
			size: buf.readUInt32LE(p + 24),
			extraLength,
			commentLength,
			diskStart: buf.readUInt16LE(p + 34),
			internalAttr: buf.readUInt16LE(p + 36),
			externalAttr: buf.readUInt32LE(p + 38),
			localOffset: buf.readUInt32LE(p + 42),
			name: buf.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
		});
		p += 46 + nameLength + extraLength + commentLength;
	}
	expect(p).toBe(eocd);
	const local = [];
	p = 0;
	while (p < end.cdOffset) {
		expect(buf.readUInt32LE(p)).toBe(0x04034b50);
		const nameLength = buf.readUInt16LE(p + 26);
		const extraLength = buf.readUInt16LE(p + 28);
		const compressedSize = buf.readUInt32LE(p + 18);
		const dataStart = p + 30 + nameLength + extraLength;
		local.push({
			offset: p,
			versionNeeded: buf.readUInt16LE(p + 4),
			flags: buf.readUInt16LE(p + 6),
			method: buf.readUInt16LE(p + 8),
			time: buf.readUInt16LE(p + 10),
			date: buf.readUInt16LE(p + 12),
			crc: buf.readUInt32LE(p + 14),
			compressedSize,
			size: buf.readUInt32LE(p + 22),
			extraLength,
			name: buf.subarray(p + 30, p + 30 + nameLength).toString('utf8'),
			data: buf.subarray(dataStart, dataStart + compressedSize),
		});
		// no data descriptor: the next record starts right after the data
		p = dataStart + compressedSize;
	}
	expect(p).toBe(end.cdOffset);
	return { end, central, local };
}

function headerBytes(entries) {
	return entries.reduce((sum, e) => sum + 30 + 46 + 2 * Buffer.byteLength(e.name, 'utf8'), 0) + 22;
}

// Generated once: a 10 MB JPEG-shaped image (exactly 10 MiB, the Smile ID limit).
const TEN_MB = 10 * 1024 * 1024;
let bigImage;
beforeAll(() => {
	bigImage = makeJpeg({ width: 4000, height: 3000, bytes: TEN_MB, seed: 'zip-10mb' });
});

describe('crc32', () => {
	test('check value: crc32("123456789") === 0xCBF43926', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
	});

	test('empty input → 0', () => {
		expect(crc32(Buffer.alloc(0))).toBe(0);
		expect(crc32(new Uint8Array(0))).toBe(0);
	});

	test.each([
		['a', 0xe8b7be43],
		['abc', 0x352441c2],
		['The quick brown fox jumps over the lazy dog', 0x414fa339],
		['\u0000', 0xd202ef8d],
	])('crc32(%j) known value', (text, value) => {
		expect(crc32(Buffer.from(text, 'utf8'))).toBe(value);
	});

	test('32 zero bytes and 32 0xff bytes', () => {
		expect(crc32(Buffer.alloc(32, 0))).toBe(0x190a55ad);
		expect(crc32(Buffer.alloc(32, 0xff))).toBe(0xff6cab0b);
	});

	test('result is an unsigned 32-bit integer', () => {
		for (let i = 0; i < 200; i++) {
			const value = crc32(crypto.randomBytes(i));
			expect(Number.isInteger(value)).toBe(true);
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThanOrEqual(0xffffffff);
		}
	});

	test('matches the bitwise reference for every length 0..300 and unaligned views', () => {
		const pool = crypto.createHash('sha512').update('crc').digest();
		const big = Buffer.concat(Array.from({ length: 10 }, (_, i) => crypto.createHash('sha512').update(`p${i}`).digest()));
		expect(pool.length).toBe(64);
		for (let len = 0; len <= 300; len++) {
			for (const start of [0, 1, 3, 7]) {
				if (start + len > big.length) continue;
				const view = new Uint8Array(big.buffer, big.byteOffset + start, len);
				expect(crc32(view)).toBe(referenceCrc32(view));
			}
		}
	});

	test('matches zlib.crc32 on random buffers (when available)', () => {
		if (typeof zlib.crc32 !== 'function') {
			console.warn('zlib.crc32 not available in this Node version; skipped');
			return;
		}
		for (let i = 0; i < 100; i++) {
			const data = crypto.randomBytes(i * 37 + (i % 8));
			expect(crc32(data)).toBe(zlib.crc32(data));
		}
	});

	test("matches jszip's own crc32 on random buffers and on the 65 KB image", () => {
		const jszipCrc = require('jszip/lib/crc32');
		for (let i = 0; i < 100; i++) {
			const data = crypto.randomBytes(i * 53 + (i % 8));
			expect(crc32(data)).toBe(jszipCrc(data) >>> 0);
		}
		const image = makeJpeg({ bytes: 65 * 1024, seed: 'crc' });
		expect(crc32(image)).toBe(jszipCrc(image) >>> 0);
	});

	test('matches zlib.crc32 on the 10 MB image', () => {
		const expected = typeof zlib.crc32 === 'function' ? zlib.crc32(bigImage) : referenceCrc32(bigImage);
		expect(crc32(bigImage)).toBe(expected);
	});

	test('incremental: the CRC of the bytes before continues over the next chunk, at any split', () => {
		const data = crypto.createHash('sha512').update('split').digest();
		const whole = referenceCrc32(data);
		for (let at = 0; at <= data.length; at++) {
			const first = new Uint8Array(data.buffer, data.byteOffset, at);
			const rest = new Uint8Array(data.buffer, data.byteOffset + at, data.length - at);
			expect(crc32(rest, crc32(first))).toBe(whole);
		}
		expect(crc32(Buffer.from('56789'), crc32(Buffer.from('1234')))).toBe(0xcbf43926);
		expect(crc32(Buffer.alloc(0), 0xcbf43926)).toBe(0xcbf43926);
	});

	test('incremental over the 10 MB image in unaligned 65,536-byte-ish chunks, as a download delivers them', () => {
		let crc = 0;
		for (let at = 0, n = 0; at < bigImage.length; n++) {
			const size = 65_536 - (n % 7);
			crc = crc32(bigImage.subarray(at, at + size), crc);
			at += size;
		}
		expect(crc).toBe(crc32(bigImage));
	});
});

describe('createZip round trip through jszip', () => {
	const sizes = [
		['0 bytes', () => Buffer.alloc(0)],
		['1 byte', () => Buffer.from([0xab])],
		['7 bytes', () => Buffer.from('1234567')],
		['65 KB JPEG', () => makeJpeg({ bytes: 65 * 1024, seed: '65k' })],
		['10 MB JPEG', () => bigImage],
	];

	test.each(sizes)('single entry of %s: identical bytes, name and CRC', async (_label, make) => {
		const data = make();
		const zip = zipBytes([{ name: 'selfie.jpg', data }], MODIFIED);
		const loaded = await JSZip.loadAsync(zip, { checkCRC32: true });
		expect(Object.keys(loaded.files)).toEqual(['selfie.jpg']);
		const out = await loaded.file('selfie.jpg').async('nodebuffer');
		expect(out.length).toBe(data.length);
		expect(sha256(out)).toBe(sha256(data));
		expect(Buffer.compare(out, data)).toBe(0);
		expect(zip.length).toBe(data.length + headerBytes([{ name: 'selfie.jpg' }]));
	});

	test('several entries of all sizes, in order, bytes identical', async () => {
		const entries = [
			{ name: 'info.json', data: Buffer.from('{"images":[]}') },
			{ name: 'empty.bin', data: Buffer.alloc(0) },
			{ name: 'one.bin', data: Buffer.from([0]) },
			{ name: 'selfie.jpg', data: makeJpeg({ bytes: 65 * 1024, seed: 'a' }) },
			{ name: 'id_card_front.jpg', data: bigImage },
			{ name: 'liveness_1.jpg', data: makeJpeg({ bytes: 4096, seed: 'l1' }) },
		];
		const zip = zipBytes(entries, MODIFIED);
		const loaded = await JSZip.loadAsync(zip, { checkCRC32: true });
		expect(Object.keys(loaded.files)).toEqual(entries.map((e) => e.name));
		for (const entry of entries) {
			const out = await loaded.file(entry.name).async('nodebuffer');
			expect(sha256(out)).toBe(sha256(entry.data));
			expect(out.equals(Buffer.from(entry.data))).toBe(true);
		}
		// output length = sum(entries) + headers, exactly
		const dataBytes = entries.reduce((s, e) => s + e.data.length, 0);
		expect(zip.length).toBe(dataBytes + headerBytes(entries));
	});

	test('Uint8Array views (non-zero byteOffset) are zipped as the view, not the whole buffer', async () => {
		const backing = Buffer.from('XXXXhello worldYYYY');
		const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 11);
		const zip = zipBytes([{ name: 'v.txt', data: view }], MODIFIED);
		const loaded = await JSZip.loadAsync(zip, { checkCRC32: true });
		expect(await loaded.file('v.txt').async('string')).toBe('hello world');
		expect(parseZip(zip).central[0].crc).toBe(crc32(Buffer.from('hello world')));
	});

	test("the entries' own buffers are pieces of the zip, not copies; an empty entry adds none", () => {
		const info = Buffer.from('{"images":[]}');
		const selfie = makeJpeg({ bytes: 65 * 1024, seed: 'w' });
		const zip = createZip(
			[
				{ name: 'info.json', data: info },
				{ name: 'empty.bin', data: Buffer.alloc(0) },
				{ name: 'selfie.jpg', data: selfie },
			],
			MODIFIED,
		);
		// local header, data, local header, local header, data, central directory + end record
		expect(zip.pieces.map((p) => p.length)).toEqual([
			30 + 9,
			info.length,
			30 + 9,
			30 + 10,
			selfie.length,
			3 * 46 + 9 + 9 + 10 + 22,
		]);
		expect(zip.pieces[1]).toBe(info);
		expect(zip.pieces[4]).toBe(selfie);
		expect(zip.byteLength).toBe(zip.pieces.reduce((sum, p) => sum + p.length, 0));
	});

	test('an entry given as chunks: its chunks are the pieces as they are, the CRC is over all of them, jszip reads the bytes back', async () => {
		const image = makeJpeg({ bytes: 200_003, seed: 'chunks' });
		// odd sizes and offsets, an empty chunk in the middle, as a socket may deliver them
		const cuts = [0, 1, 65_537, 65_537, 131_000, 200_003];
		const chunks = cuts.slice(1).map((end, i) => image.subarray(cuts[i], end));
		const info = Buffer.from('{"images":[]}');
		const zip = createZip(
			[
				{ name: 'info.json', data: info },
				{ name: 'selfie.jpg', data: chunks },
			],
			MODIFIED,
		);
		expect(zip.pieces.map((p) => p.length)).toEqual([
			30 + 9,
			info.length,
			30 + 10,
			1,
			65_536,
			65_463,
			69_003,
			2 * 46 + 9 + 10 + 22,
		]);
		for (const [i, chunk] of chunks.filter((c) => c.length > 0).entries()) {
			expect(zip.pieces[3 + i]).toBe(chunk);
		}
		const joined = Buffer.concat(zip.pieces);
		expect(zip.byteLength).toBe(joined.length);
		expect(joined.length).toBe(info.length + image.length + headerBytes([{ name: 'info.json' }, { name: 'selfie.jpg' }]));
		const parsed = parseZip(joined);
		expect(parsed.central[1].crc).toBe(referenceCrc32(image));
		expect(parsed.central[1].size).toBe(image.length);
		const loaded = await JSZip.loadAsync(joined, { checkCRC32: true });
		const out = await loaded.file('selfie.jpg').async('nodebuffer');
		expect(out.equals(image)).toBe(true);
		// the same zip, byte for byte, as from the image in one buffer
		expect(joined.equals(Buffer.concat(createZip([{ name: 'info.json', data: info }, { name: 'selfie.jpg', data: image }], MODIFIED).pieces))).toBe(true);
	});

	test('UTF-8 names come back unchanged', async () => {
		const names = ['sélfie.jpg', 'удостоверение.jpg', '身份证.jpg', '🙂.jpg'];
		const zip = zipBytes(
			names.map((name, i) => ({ name, data: Buffer.from([i]) })),
			MODIFIED,
		);
		const loaded = await JSZip.loadAsync(zip);
		expect(Object.keys(loaded.files)).toEqual(names);
		expect(parseZip(zip).central.map((c) => c.name)).toEqual(names);
	});
});

describe('createZip structure (parsed byte by byte)', () => {
	const entries = [
		{ name: 'info.json', data: Buffer.from('{"a":1}') },
		{ name: 'selfie.jpg', data: makeJpeg({ bytes: 5000, seed: 's' }) },
		{ name: 'empty', data: Buffer.alloc(0) },
	];
	const zip = zipBytes(entries, MODIFIED);
	const parsed = parseZip(zip);

	test('local headers: STORE (method 0), UTF-8 flag only, version 20, no extra field', () => {
		expect(parsed.local).toHaveLength(3);
		for (const h of parsed.local) {
			expect(h.method).toBe(0);
			expect(h.flags).toBe(0x0800);
			expect(h.flags & 0x0008).toBe(0); // no data descriptor
			expect(h.flags & 0x0001).toBe(0); // not encrypted
			expect(h.versionNeeded).toBe(20);
			expect(h.extraLength).toBe(0);
		}
	});

	test('central headers: STORE, UTF-8 flag, no extra/comment, zero attributes, disk 0', () => {
		expect(parsed.central).toHaveLength(3);
		for (const c of parsed.central) {
			expect(c.method).toBe(0);
			expect(c.flags).toBe(0x0800);
			expect(c.versionMadeBy).toBe(20);
			expect(c.versionNeeded).toBe(20);
			expect(c.extraLength).toBe(0);
			expect(c.commentLength).toBe(0);
			expect(c.diskStart).toBe(0);
			expect(c.internalAttr).toBe(0);
			expect(c.externalAttr).toBe(0);
		}
	});

	test('sizes and CRCs are in the local headers (no data descriptor) and agree with central ones', () => {
		parsed.local.forEach((h, i) => {
			const c = parsed.central[i];
			expect(h.name).toBe(entries[i].name);
			expect(c.name).toBe(entries[i].name);
			expect(h.size).toBe(entries[i].data.length);
			expect(h.compressedSize).toBe(entries[i].data.length);
			expect(c.size).toBe(entries[i].data.length);
			expect(c.compressedSize).toBe(entries[i].data.length);
			expect(h.crc).toBe(referenceCrc32(entries[i].data));
			expect(c.crc).toBe(h.crc);
			expect(c.localOffset).toBe(h.offset);
			expect(h.data.equals(entries[i].data)).toBe(true);
			expect(c.time).toBe(h.time);
			expect(c.date).toBe(h.date);
		});
		expect(parsed.local[2].crc).toBe(0);
	});

	test('first local header at offset 0 and entries are contiguous', () => {
		expect(parsed.local[0].offset).toBe(0);
		expect(parsed.local[1].offset).toBe(30 + 9 + 7);
		expect(parsed.local[2].offset).toBe(30 + 9 + 7 + 30 + 10 + 5000);
	});

	test('end of central directory: counts, size, offset, no comment', () => {
		const cdOffset = entries.reduce((s, e) => s + 30 + e.name.length + e.data.length, 0);
		const cdSize = entries.reduce((s, e) => s + 46 + e.name.length, 0);
		expect(parsed.end).toEqual({
			disk: 0,
			cdDisk: 0,
			entriesOnDisk: 3,
			entries: 3,
			cdSize,
			cdOffset,
			commentLength: 0,
		});
		expect(zip.length).toBe(cdOffset + cdSize + 22);
	});

	test('DOS time and date are the UTC fields of `modified`', () => {
		// 2024-02-29 13:45:58 UTC
		const time = (13 << 11) | (45 << 5) | (58 >> 1);
		const date = ((2024 - 1980) << 9) | (2 << 5) | 29;
		for (const h of [...parsed.local, ...parsed.central]) {
			expect(h.time).toBe(time);
			expect(h.date).toBe(date);
		}
	});

	test('DOS fields do not depend on the process time zone (child processes in UTC+5:30 and UTC-9:30)', () => {
		// jest sandboxes process.env, so the zone is set on a child node process instead
		const zipPath = require.resolve('../../../dist/nodes/SmileId/core/zip');
		const script = `
			const { createZip } = require(${JSON.stringify(zipPath)});
			const d = new Date('2023-12-31T23:45:58.000Z'); // already 2024 in Kolkata
			const z = Buffer.concat(createZip([{ name: 'a', data: Buffer.from('x') }], d).pieces);
			console.log(JSON.stringify({ localHour: d.getHours(), time: z.readUInt16LE(10), date: z.readUInt16LE(12) }));
		`;
		for (const tz of ['Asia/Kolkata', 'Pacific/Marquesas']) {
			const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }));
			expect(out.localHour).not.toBe(23); // the zone took effect
			expect(out.time).toBe((23 << 11) | (45 << 5) | 29);
			expect(out.date).toBe(((2023 - 1980) << 9) | (12 << 5) | 31);
		}
	});

	test('jszip reads the same modification date', async () => {
		const loaded = await JSZip.loadAsync(zip);
		const d = loaded.file('info.json').date;
		// jszip decodes DOS fields as UTC
		expect(d.toISOString()).toBe('2024-02-29T13:45:58.000Z');
	});

	test('years before 1980 are clamped to 1980', () => {
		const early = parseZip(zipBytes([{ name: 'a', data: Buffer.from('x') }], new Date('1975-06-15T00:00:00Z')));
		expect(early.local[0].date >> 9).toBe(0);
	});

	test.each([
		[0, []],
		[1, [{ name: 'a', data: Buffer.from('a') }]],
		[5, Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(i, i) }))],
	])('EOCD counts %i entries', (count, list) => {
		const z = zipBytes(list, MODIFIED);
		const p = parseZip(z);
		expect(p.end.entries).toBe(count);
		expect(p.end.entriesOnDisk).toBe(count);
		expect(p.central).toHaveLength(count);
		expect(p.local).toHaveLength(count);
		expect(z.length).toBe(list.reduce((s, e) => s + e.data.length, 0) + headerBytes(list));
	});

	test('an empty zip is exactly the 22-byte end record', () => {
		const z = zipBytes([], MODIFIED);
		expect(z).toEqual(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
	});

	test('exact bytes of a one-entry zip', () => {
		const z = zipBytes([{ name: 'a.txt', data: Buffer.from('hi') }], new Date('2020-01-02T03:04:06Z'));
		const crc = crc32(Buffer.from('hi'));
		expect(crc).toBe(0xd8932aac);
		const time = (3 << 11) | (4 << 5) | 3;
		const date = (40 << 9) | (1 << 5) | 2;
		const u16 = (n) => [n & 0xff, n >>> 8];
		const u32 = (n) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
		const name = [...Buffer.from('a.txt')];
		const expected = Buffer.from([
			...u32(0x04034b50), ...u16(20), ...u16(0x0800), ...u16(0), ...u16(time), ...u16(date),
			...u32(crc), ...u32(2), ...u32(2), ...u16(5), ...u16(0), ...name, 0x68, 0x69,
			...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0x0800), ...u16(0), ...u16(time), ...u16(date),
			...u32(crc), ...u32(2), ...u32(2), ...u16(5), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0),
			...name,
			...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(1), ...u16(1), ...u32(51), ...u32(37), ...u16(0),
		]);
		expect(z.equals(expected)).toBe(true);
	});
});

describe('createZip names', () => {
	const d = Buffer.from('x');

	test('duplicate names throw', () => {
		expect(() =>
			zipBytes([
				{ name: 'selfie.jpg', data: d },
				{ name: 'selfie.jpg', data: d },
			]),
		).toThrow('Zip entry "selfie.jpg" appears twice');
	});

	test.each(['dir/selfie.jpg', '/selfie.jpg', 'selfie.jpg/', '../selfie.jpg', 'a\\b.jpg', ''])(
		'name %j throws (must be a plain file name)',
		(name) => {
			expect(() => zipBytes([{ name, data: d }])).toThrow(`Zip entry name "${name}" must be a plain file name`);
		},
	);

	test('names differing only in case are distinct entries', () => {
		expect(() =>
			zipBytes([
				{ name: 'A.jpg', data: d },
				{ name: 'a.jpg', data: d },
			]),
		).not.toThrow();
	});
});

describe('createZip determinism and speed', () => {
	test('same entries + fixed date → identical bytes', () => {
		const entries = [
			{ name: 'info.json', data: Buffer.from('{}') },
			{ name: 'selfie.jpg', data: makeJpeg({ bytes: 20000, seed: 'd' }) },
		];
		const a = zipBytes(entries, MODIFIED);
		const b = zipBytes(entries, new Date(MODIFIED.getTime()));
		expect(a.equals(b)).toBe(true);
	});

	test('a different date changes only the time/date fields', () => {
		const entries = [{ name: 'x', data: Buffer.from('abc') }];
		const a = zipBytes(entries, MODIFIED);
		const b = zipBytes(entries, new Date('2030-07-01T00:00:00Z'));
		const differing = [];
		for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing.push(i);
		// local header 10..13, central header at 34: 46..49
		expect(differing.every((i) => (i >= 10 && i <= 13) || (i >= 34 + 12 && i <= 34 + 15))).toBe(true);
		expect(differing.length).toBeGreaterThan(0);
	});

	test('default date is now', () => {
		const before = new Date();
		const z = zipBytes([{ name: 'x', data: Buffer.from('a') }]);
		const p = parseZip(z);
		const year = (p.local[0].date >> 9) + 1980;
		expect(year).toBe(before.getUTCFullYear());
	});

	test('zipping a 10 MB image takes < 300 ms and output = data + headers exactly', () => {
		createZip([{ name: 'warm.jpg', data: bigImage.subarray(0, 1024) }], MODIFIED);
		const entries = [
			{ name: 'info.json', data: Buffer.from('{"images":[{"image_type_id":0}]}') },
			{ name: 'selfie.jpg', data: bigImage },
		];
		const start = process.hrtime.bigint();
		const zip = createZip(entries, MODIFIED);
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		expect(ms).toBeLessThan(300);
		expect(zip.byteLength).toBe(entries[0].data.length + TEN_MB + headerBytes(entries));
	});
});

describe('unzip -t accepts the output', () => {
	const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

	(hasUnzip ? test : test.skip)('unzip -t reports no errors and unzip -p extracts identical bytes', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-zip-'));
		try {
			const selfie = makeJpeg({ bytes: 70000, seed: 'unzip' });
			const info = Buffer.from(JSON.stringify({ images: [{ image_type_id: 0, file_name: 'selfie.jpg', image: '' }] }));
			const file = path.join(dir, 'selfie.zip');
			fs.writeFileSync(
				file,
				zipBytes(
					[
						{ name: 'info.json', data: info },
						{ name: 'selfie.jpg', data: selfie },
						{ name: 'empty.bin', data: Buffer.alloc(0) },
					],
					MODIFIED,
				),
			);
			const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
			expect(out).toMatch(/No errors detected in compressed data/);
			expect(out).toMatch(/testing: info\.json\s+OK/);
			expect(out).toMatch(/testing: selfie\.jpg\s+OK/);
			const extracted = execFileSync('unzip', ['-p', file, 'selfie.jpg'], { maxBuffer: 1 << 24 });
			expect(extracted.equals(selfie)).toBe(true);
			const listing = execFileSync('unzip', ['-Z', '-v', file], { encoding: 'utf8' });
			expect(listing).toMatch(/compression method:\s+none \(stored\)/);
			expect(listing).not.toMatch(/deflated/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	if (!hasUnzip) {
		test('unzip missing', () => {
			console.warn('`unzip` is not installed: the unzip -t check was skipped');
		});
	}
});
