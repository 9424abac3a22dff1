// @ts-check
'use strict';
const {
	MAX_IMAGE_BYTES,
	MIN_DOCUMENT_BYTES,
	MIN_ID_CARD_LONG_SIDE,
	MIN_PASSPORT_LONG_SIDE,
	isJpeg,
	readJpegSize,
	checkImage,
	ChunkedImageCheck,
	documentImageWarnings,
} = require('../../../dist/nodes/SmileId/core/imageChecks');
const { makeJpeg } = require('../../fixtures/jpeg');

const seg = (marker, payload) => {
	const length = payload.length + 2;
	return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...payload]);
};
const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const APP0 = seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
const sof = (marker, width, height) =>
	seg(marker, [0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
const DQT = seg(0xdb, [0x00, ...new Array(64).fill(1)]);
const DHT = seg(0xc4, [0x00, ...new Array(16).fill(0), 0x00]);
const SOS = seg(0xda, [0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00]);

describe('constants', () => {
	test('limits', () => {
		expect(MAX_IMAGE_BYTES).toBe(10485760);
		expect(MIN_DOCUMENT_BYTES).toBe(614400);
		expect(MIN_ID_CARD_LONG_SIDE).toBe(1500);
		expect(MIN_PASSPORT_LONG_SIDE).toBe(2200);
	});
});

describe('isJpeg', () => {
	test.each([
		['makeJpeg output', makeJpeg(), true],
		['FF D8 FF', Buffer.from([0xff, 0xd8, 0xff]), true],
		['FF D8 FF E1 (EXIF)', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]), true],
		['empty', Buffer.alloc(0), false],
		['FF D8 only', Buffer.from([0xff, 0xd8]), false],
		['FF D8 00', Buffer.from([0xff, 0xd8, 0x00]), false],
		['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), false],
		['GIF', Buffer.from('GIF89a'), false],
		['WebP', Buffer.from('RIFF\0\0\0\0WEBP'), false],
		['PDF', Buffer.from('%PDF-1.7'), false],
		['base64 text of a JPEG', Buffer.from(makeJpeg().toString('base64')), false],
		['D8 FF FF (shifted)', Buffer.from([0xd8, 0xff, 0xff]), false],
	])('%s → %s', (_label, data, expected) => {
		expect(isJpeg(data)).toBe(expected);
	});

	test('works on a Uint8Array', () => {
		expect(isJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
	});
});

describe('readJpegSize', () => {
	test.each([
		[640, 480],
		[1, 1],
		[1500, 1000],
		[1000, 2200],
		[4000, 3000],
		[65535, 65535],
		[256, 255],
	])('makeJpeg %ix%i', (width, height) => {
		expect(readJpegSize(makeJpeg({ width, height }))).toEqual({ width, height });
	});

	test('10 MB makeJpeg', () => {
		expect(readJpegSize(makeJpeg({ width: 3024, height: 4032, bytes: 10 * 1024 * 1024 }))).toEqual({
			width: 3024,
			height: 4032,
		});
	});

	test('progressive JPEG (SOF2) after DQT and DHT', () => {
		const data = Buffer.concat([SOI, APP0, DQT, DHT, sof(0xc2, 2400, 1600), SOS, Buffer.from([1, 2, 3]), EOI]);
		expect(readJpegSize(data)).toEqual({ width: 2400, height: 1600 });
	});

	test.each([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])(
		'SOF marker 0x%s is a frame',
		(marker) => {
			expect(readJpegSize(Buffer.concat([SOI, sof(marker, 321, 123), EOI]))).toEqual({ width: 321, height: 123 });
		},
	);

	test('DHT (C4), JPG (C8) and DAC (CC) segments are skipped, not read as frames', () => {
		const fake = (marker) => seg(marker, [0x08, 0x00, 0x10, 0x00, 0x10, 0, 0, 0, 0]);
		const data = Buffer.concat([SOI, fake(0xc4), fake(0xc8), fake(0xcc), sof(0xc0, 1920, 1080), EOI]);
		expect(readJpegSize(data)).toEqual({ width: 1920, height: 1080 });
	});

	test('a fake SOF inside an APP1 (EXIF thumbnail) segment is skipped', () => {
		const app1 = seg(0xe1, [...Buffer.from('Exif\0\0'), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10]);
		const data = Buffer.concat([SOI, app1, sof(0xc0, 3000, 2000), EOI]);
		expect(readJpegSize(data)).toEqual({ width: 3000, height: 2000 });
	});

	test('fill bytes (FF FF) before a marker are skipped', () => {
		const data = Buffer.concat([SOI, Buffer.from([0xff, 0xff, 0xff]), sof(0xc0, 800, 600), EOI]);
		expect(readJpegSize(data)).toEqual({ width: 800, height: 600 });
	});

	test('no SOF: SOS before any frame → undefined', () => {
		expect(readJpegSize(Buffer.concat([SOI, APP0, DQT, SOS, Buffer.alloc(100, 0x11), EOI]))).toBeUndefined();
	});

	test('no SOF: EOI right after APP0 → undefined', () => {
		expect(readJpegSize(Buffer.concat([SOI, APP0, EOI]))).toBeUndefined();
	});

	test('no SOF: only SOI → undefined', () => {
		expect(readJpegSize(Buffer.concat([SOI, Buffer.from([0xff])]))).toBeUndefined();
	});

	test.each([3, 10, 20, 22, 24, 25, 26, 28])('makeJpeg truncated to %i bytes → undefined', (length) => {
		// SOF0 starts at byte 20; width/height end at byte 29
		expect(readJpegSize(makeJpeg({ width: 640, height: 480 }).subarray(0, length))).toBeUndefined();
	});

	test('makeJpeg truncated right after the size fields still reads the size', () => {
		expect(readJpegSize(makeJpeg({ width: 640, height: 480 }).subarray(0, 29))).toEqual({ width: 640, height: 480 });
	});

	test('segment length past the end → undefined', () => {
		const data = Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0xff, 0xff, 0, 0, 0])]);
		expect(readJpegSize(data)).toBeUndefined();
	});

	test('segment length below 2 → undefined (no endless loop)', () => {
		expect(readJpegSize(Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0x00, 0x00]), sof(0xc0, 10, 10)]))).toBeUndefined();
		expect(readJpegSize(Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0x00, 0x01]), sof(0xc0, 10, 10)]))).toBeUndefined();
	});

	test('garbage where a marker should be → undefined', () => {
		expect(readJpegSize(Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0x00, 0x04, 1, 2]), Buffer.from([0x12, 0x34]), sof(0xc0, 10, 10)]))).toBeUndefined();
	});

	test('not a JPEG → undefined', () => {
		expect(readJpegSize(Buffer.from('GIF89a......'))).toBeUndefined();
		expect(readJpegSize(Buffer.alloc(0))).toBeUndefined();
	});

	test('never throws on random bytes after a JPEG signature', () => {
		let seed = 1;
		const rand = () => {
			seed = (seed * 1103515245 + 12345) >>> 0;
			return seed >>> 24;
		};
		for (let n = 0; n < 2000; n++) {
			const len = 3 + (n % 200);
			const data = Buffer.alloc(len);
			data[0] = 0xff;
			data[1] = 0xd8;
			data[2] = 0xff;
			for (let i = 3; i < len; i++) data[i] = rand();
			const size = readJpegSize(data);
			if (size !== undefined) {
				expect(Number.isInteger(size.width)).toBe(true);
				expect(Number.isInteger(size.height)).toBe(true);
			}
		}
	});
});

describe('checkImage', () => {
	test('a valid JPEG passes', () => {
		expect(checkImage('Selfie Image', makeJpeg())).toBeUndefined();
	});

	test('empty', () => {
		expect(checkImage('Selfie Image', Buffer.alloc(0))).toEqual({
			field: 'Selfie Image',
			message: 'Selfie Image is empty. Provide a JPEG image.',
		});
	});

	test('not a JPEG (PNG)', () => {
		expect(checkImage('ID Card Front', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({
			field: 'ID Card Front',
			message:
				"ID Card Front is not a JPEG image. Smile ID accepts only JPEG (.jpg): convert the image, e.g. with n8n's Edit Image node, and try again.",
		});
	});

	test('exactly 10 MB passes, one byte more fails with the size in the message', () => {
		const exact = makeJpeg({ bytes: MAX_IMAGE_BYTES });
		expect(checkImage('Liveness Image 3', exact)).toBeUndefined();
		const over = Buffer.concat([exact, Buffer.from([0])]);
		expect(checkImage('Liveness Image 3', over)).toEqual({
			field: 'Liveness Image 3',
			message:
				'Liveness Image 3 is 10485761 bytes; Smile ID accepts at most 10 MB (10485760 bytes) per image. Resize or recompress it.',
		});
	});

	test('12.5 MB', () => {
		const data = Buffer.alloc(Math.round(12.5 * 1024 * 1024));
		data[0] = 0xff;
		data[1] = 0xd8;
		data[2] = 0xff;
		expect(checkImage('Selfie Image', data)?.message).toBe(
			'Selfie Image is 13107200 bytes; Smile ID accepts at most 10 MB (10485760 bytes) per image. Resize or recompress it.',
		);
	});

	test('a big non-JPEG is reported as not a JPEG (format first)', () => {
		expect(checkImage('Selfie Image', Buffer.alloc(MAX_IMAGE_BYTES + 1))?.message).toMatch(/^Selfie Image is not a JPEG image\./);
	});

	test('the first bytes and the full length are enough (the rest of the image is never decoded)', () => {
		const image = makeJpeg({ bytes: 5000 });
		expect(checkImage('Selfie', image.subarray(0, 3), 5000)).toBeUndefined();
		expect(checkImage('Selfie', image.subarray(0, 3), MAX_IMAGE_BYTES + 1)?.message).toMatch(
			new RegExp(`^Selfie is ${MAX_IMAGE_BYTES + 1} bytes; Smile ID accepts at most 10 MB`),
		);
		expect(checkImage('Selfie', Buffer.from([0x89, 0x50, 0x4e]), 5000)?.message).toMatch(/^Selfie is not a JPEG image\./);
		expect(checkImage('Selfie', Buffer.alloc(0), 0)?.message).toBe('Selfie is empty. Provide a JPEG image.');
	});
});

describe('ChunkedImageCheck (an image checked while it downloads)', () => {
	const TOO_LARGE_UNKNOWN =
		'ID Card Front is larger than 10 MB; Smile ID accepts at most 10 MB (10485760 bytes) per image. Resize or recompress it.';
	/** Feeds chunks until one is refused; how many were taken and what finish() says. */
	const feed = (chunks, announced) => {
		const check = new ChunkedImageCheck('ID Card Front');
		if (announced !== undefined) check.announce(announced);
		let taken = 0;
		for (const chunk of chunks) {
			taken++;
			if (!check.add(chunk)) break;
		}
		return { taken, problem: check.finish() };
	};
	const split = (data, size) =>
		Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

	test('a JPEG in chunks of any size passes, announced or not', () => {
		const image = makeJpeg({ bytes: 70_000, seed: 'chunked' });
		for (const size of [1, 2, 3, 1000, 65_536, 70_000]) {
			expect(feed(split(image, size))).toEqual({ taken: Math.ceil(70_000 / size), problem: undefined });
			expect(feed(split(image, size), 70_000).problem).toBeUndefined();
		}
	});

	test('exactly 10 MB passes; one byte more stops at the chunk that passes the limit', () => {
		const exact = makeJpeg({ bytes: MAX_IMAGE_BYTES, seed: 'limit' });
		expect(feed(split(exact, 65_536)).problem).toBeUndefined();
		const over = split(Buffer.concat([exact, Buffer.from([0])]), 65_536);
		expect(feed(over)).toEqual({
			taken: over.length,
			problem: { field: 'ID Card Front', message: TOO_LARGE_UNKNOWN },
		});
	});

	test('an announced length over 10 MB stops after the first chunk, with the exact size as checkImage words it', () => {
		const first = makeJpeg({ bytes: 65_536, seed: 'announced' });
		const result = feed([first, first, first], 11_534_336);
		expect(result.taken).toBe(1);
		expect(result.problem).toEqual(checkImage('ID Card Front', first.subarray(0, 3), 11_534_336));
		expect(result.problem?.message).toBe(
			'ID Card Front is 11534336 bytes; Smile ID accepts at most 10 MB (10485760 bytes) per image. Resize or recompress it.',
		);
	});

	test('not a JPEG stops after the chunk that completes the first 3 bytes (format first, even when announced too large)', () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(100).fill(0)]);
		const notJpeg = checkImage('ID Card Front', png);
		expect(feed(split(png, 1))).toEqual({ taken: 3, problem: notJpeg });
		expect(feed(split(png, 2))).toEqual({ taken: 2, problem: notJpeg });
		expect(feed(split(png, 50), MAX_IMAGE_BYTES + 1)).toEqual({ taken: 1, problem: notJpeg });
		// an HTML error page served with status 200
		expect(feed([Buffer.from('<html>Sign in</html>')]).problem?.message).toMatch(/^ID Card Front is not a JPEG image\./);
	});

	test('empty and too short downloads get checkImage\'s messages', () => {
		expect(feed([]).problem).toEqual(checkImage('ID Card Front', Buffer.alloc(0)));
		expect(feed([Buffer.alloc(0), Buffer.alloc(0)]).problem?.message).toBe('ID Card Front is empty. Provide a JPEG image.');
		expect(feed([Buffer.from([0xff, 0xd8])]).problem?.message).toMatch(/^ID Card Front is not a JPEG image\./);
	});

	test('a refused image stays refused', () => {
		const check = new ChunkedImageCheck('Selfie');
		expect(check.add(Buffer.from('GIF89a'))).toBe(false);
		expect(check.add(makeJpeg({ bytes: 1000 }))).toBe(false);
		expect(check.finish()?.message).toMatch(/^Selfie is not a JPEG image\./);
	});
});

describe('documentImageWarnings', () => {
	const KB600 = 600 * 1024;

	test('ID card: 1500 px long side and 600 KB → no warnings', () => {
		expect(documentImageWarnings('ID Card Front', makeJpeg({ width: 1500, height: 1000, bytes: KB600 }), false)).toEqual([]);
	});

	test('ID card: 1499 px long side → one warning naming the field and the minimum', () => {
		expect(documentImageWarnings('ID Card Front', makeJpeg({ width: 1499, height: 1000, bytes: KB600 }), false)).toEqual([
			'ID Card Front is 1499×1000 px; Smile ID asks for at least 1500 px on the longer side of an ID card.',
		]);
	});

	test('portrait orientation: the longer side counts (height 1500)', () => {
		expect(documentImageWarnings('ID Card Back', makeJpeg({ width: 900, height: 1500, bytes: KB600 }), false)).toEqual([]);
	});

	test('passport: 2199 px → warning, 2200 px → none', () => {
		expect(documentImageWarnings('ID Card Front', makeJpeg({ width: 2199, height: 1500, bytes: KB600 }), true)).toEqual([
			'ID Card Front is 2199×1500 px; Smile ID asks for at least 2200 px on the longer side of a passport.',
		]);
		expect(documentImageWarnings('ID Card Front', makeJpeg({ width: 2200, height: 1500, bytes: KB600 }), true)).toEqual([]);
	});

	test('passport minimum does not apply to ID cards (2199 px card is fine)', () => {
		expect(documentImageWarnings('ID Card Front', makeJpeg({ width: 2199, height: 1500, bytes: KB600 }), false)).toEqual([]);
	});

	test('600 KB boundary: 614400 bytes → none, 614399 → a size warning', () => {
		expect(documentImageWarnings('ID Card Front', makeJpeg({ width: 2000, height: 1200, bytes: KB600 }), false)).toEqual([]);
		const warnings = documentImageWarnings('ID Card Front', makeJpeg({ width: 2000, height: 1200, bytes: KB600 - 1 }), false);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toBe(
			'ID Card Front is 614399 bytes; Smile ID asks for document images of at least 600 KB (614400 bytes) for a reliable authenticity check.',
		);
	});

	test('small and low resolution → both warnings, size first', () => {
		expect(documentImageWarnings('ID Card Back', makeJpeg({ width: 800, height: 600, bytes: 500 * 1024 }), false)).toEqual([
			'ID Card Back is 512000 bytes; Smile ID asks for document images of at least 600 KB (614400 bytes) for a reliable authenticity check.',
			'ID Card Back is 800×600 px; Smile ID asks for at least 1500 px on the longer side of an ID card.',
		]);
	});

	test('unreadable size → warning that says so', () => {
		const noFrame = Buffer.concat([SOI, APP0, SOS, Buffer.alloc(KB600, 0x11), EOI]);
		expect(documentImageWarnings('ID Card Front', noFrame, false)).toEqual([
			'ID Card Front: the image size could not be read from the JPEG header.',
		]);
	});

	test('reads the size from the first bytes and the length from byteLength', () => {
		const image = makeJpeg({ width: 1499, height: 1000, bytes: KB600 });
		expect(documentImageWarnings('ID Card Front', image.subarray(0, 1024), false, KB600)).toEqual([
			'ID Card Front is 1499×1000 px; Smile ID asks for at least 1500 px on the longer side of an ID card.',
		]);
		expect(documentImageWarnings('ID Card Front', image.subarray(0, 1024), false, KB600 - 1)).toHaveLength(2);
	});
});
