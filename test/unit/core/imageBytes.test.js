// @ts-check
'use strict';
const { ImageBytes } = require('../../../dist/nodes/SmileId/core/imageBytes');
const { makeJpeg } = require('../../fixtures/jpeg');

describe('ImageBytes', () => {
	const jpeg = makeJpeg({ bytes: 5000, seed: 'bytes' });

	test.each([
		[3, 0],
		[4, 2],
		[5, 1],
	])('from base64 of %i bytes (padding %i): length known without decoding', (length) => {
		const bytes = jpeg.subarray(0, length);
		const image = ImageBytes.fromBase64(bytes.toString('base64'));
		expect(image?.byteLength).toBe(length);
		expect(image?.toBytes().equals(bytes)).toBe(true);
	});

	test('base64 not padded to a multiple of four is refused (its length is unknown)', () => {
		expect(ImageBytes.fromBase64('QUJD\nREVG')).toBeUndefined();
		expect(ImageBytes.fromBase64('QUJDRA')).toBeUndefined();
	});

	test('base64 with a character outside the alphabet decodes shorter than its byteLength', () => {
		const text = jpeg.toString('base64');
		const image = ImageBytes.fromBase64(`${text.slice(0, 40)}!${text.slice(41)}`);
		expect(image?.byteLength).toBe(jpeg.length);
		expect(image?.toBytes().length).toBeLessThan(jpeg.length);
	});

	test('head decodes only the first bytes, the same from base64 as from bytes', () => {
		const fromBase64 = ImageBytes.fromBase64(jpeg.toString('base64'));
		const fromBytes = ImageBytes.fromBytes(jpeg);
		for (const count of [1, 3, 4, 100, 4999, 5000, 9000]) {
			expect(fromBase64?.head(count).equals(jpeg.subarray(0, count))).toBe(true);
			expect(fromBytes.head(count).equals(jpeg.subarray(0, count))).toBe(true);
		}
	});

	test('toBytes and toBase64 round-trip either way; a Uint8Array view is read in place', () => {
		const view = new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
		const fromView = ImageBytes.fromBytes(view);
		expect(fromView.toBytes().buffer).toBe(jpeg.buffer);
		expect(fromView.toBase64()).toBe(jpeg.toString('base64'));
		const fromBase64 = ImageBytes.fromBase64(jpeg.toString('base64'));
		expect(fromBase64?.toBytes().equals(jpeg)).toBe(true);
		expect(fromBase64?.toBase64()).toBe(jpeg.toString('base64'));
	});

	test('from chunks (a download): kept as they are, never joined for the zip; head, toBytes and toBase64 as from one buffer', () => {
		const cuts = [0, 2, 2, 1000, 4096, 5000];
		const chunks = cuts.slice(1).map((end, i) => jpeg.subarray(cuts[i], end));
		const image = ImageBytes.fromChunks(chunks);
		expect(image.byteLength).toBe(jpeg.length);
		const sent = image.toChunks();
		expect(sent).toHaveLength(chunks.length);
		sent.forEach((chunk, i) => expect(chunk).toBe(chunks[i]));
		for (const count of [1, 2, 3, 999, 1000, 1001, 4999, 5000, 9000]) {
			expect(image.head(count).equals(jpeg.subarray(0, count))).toBe(true);
		}
		expect(image.toBytes().equals(jpeg)).toBe(true);
		expect(image.toBase64()).toBe(jpeg.toString('base64'));
		expect(ImageBytes.fromChunks([]).byteLength).toBe(0);
		expect(ImageBytes.fromChunks([]).head(3).length).toBe(0);
	});

	test('one buffer: toChunks is that buffer; base64: toChunks decodes it once', () => {
		expect(ImageBytes.fromBytes(jpeg).toChunks()).toEqual([jpeg]);
		expect(ImageBytes.fromBytes(jpeg).toChunks()[0]).toBe(jpeg);
		const fromBase64 = ImageBytes.fromBase64(jpeg.toString('base64'));
		expect(fromBase64?.toChunks()).toHaveLength(1);
		expect(fromBase64?.toChunks()[0].equals(jpeg)).toBe(true);
	});
});
