// @ts-check
'use strict';
const { createMultipartBody } = require('../../../dist/nodes/SmileId/core/multipart');
const { makeJpeg } = require('../../fixtures/jpeg');

const CRLF = '\r\n';

/**
 * A strict multipart/form-data parser for these tests (RFC 7578 framing): the body must
 * start with the first delimiter, parts are separated by CRLF + delimiter, and the body
 * ends with the close delimiter + CRLF. Part bodies are kept as Buffers.
 */
function parseMultipart(body, contentType) {
	const match = /^multipart\/form-data; boundary=(.+)$/.exec(contentType);
	if (!match) throw new Error(`bad content type ${contentType}`);
	const boundary = match[1];
	const delimiter = Buffer.from(`--${boundary}`, 'latin1');
	const close = Buffer.from(`--${boundary}--\r\n`, 'latin1');
	if (!body.subarray(body.length - close.length).equals(close)) throw new Error('no close delimiter at the end');
	if (!body.subarray(0, delimiter.length).equals(delimiter)) throw new Error('does not start with the delimiter');
	const parts = [];
	let p = 0;
	for (;;) {
		// at a delimiter
		if (!body.subarray(p, p + delimiter.length).equals(delimiter)) throw new Error(`expected delimiter at ${p}`);
		p += delimiter.length;
		const after = body.subarray(p, p + 2).toString('latin1');
		if (after === '--') {
			p += 2;
			if (body.subarray(p).toString('latin1') !== CRLF) throw new Error('trailing bytes after close');
			break;
		}
		if (after !== CRLF) throw new Error(`expected CRLF after delimiter at ${p}`);
		p += 2;
		const headerEnd = body.indexOf('\r\n\r\n', p, 'latin1');
		if (headerEnd < 0) throw new Error('no header end');
		const headerLines = body.subarray(p, headerEnd).toString('utf8').split(CRLF);
		const headers = {};
		for (const line of headerLines) {
			const colon = line.indexOf(':');
			if (colon < 0) throw new Error(`bad header line ${JSON.stringify(line)}`);
			const key = line.slice(0, colon).toLowerCase();
			if (key in headers) throw new Error(`duplicate header ${key}`);
			headers[key] = line.slice(colon + 1).trim();
		}
		const dataStart = headerEnd + 4;
		const next = body.indexOf(Buffer.concat([Buffer.from(CRLF), delimiter]), dataStart);
		if (next < 0) throw new Error('part not terminated');
		const disposition = /^form-data; name="([^"]*)"(?:; filename="([^"]*)")?$/.exec(headers['content-disposition'] ?? '');
		if (!disposition) throw new Error(`bad content-disposition ${headers['content-disposition']}`);
		parts.push({
			headers,
			name: disposition[1],
			filename: disposition[2],
			data: body.subarray(dataStart, next),
		});
		p = next + 2;
	}
	return { boundary, parts };
}

describe('createMultipartBody', () => {
	test('exact bytes for one field and one file with a fixed boundary', () => {
		const { body, contentType } = createMultipartBody(
			[['partner_id', '085']],
			[{ name: 'selfie_image', fileName: 'selfie.jpg', contentType: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0x00, 0xd9]) }],
			'B',
		);
		expect(contentType).toBe('multipart/form-data; boundary=B');
		const expected = Buffer.concat([
			Buffer.from(
				'--B\r\nContent-Disposition: form-data; name="partner_id"\r\n\r\n085\r\n' +
					'--B\r\nContent-Disposition: form-data; name="selfie_image"; filename="selfie.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
				'latin1',
			),
			Buffer.from([0xff, 0xd8, 0x00, 0xd9]),
			Buffer.from('\r\n--B--\r\n', 'latin1'),
		]);
		expect(body.equals(expected)).toBe(true);
	});

	test('default boundary: random, 32 hex characters, carried by the content type', () => {
		const a = createMultipartBody([['a', '1']], []);
		const b = createMultipartBody([['a', '1']], []);
		const boundaryA = /^multipart\/form-data; boundary=(----SmileIdN8nBoundary[0-9a-f]{32})$/.exec(a.contentType);
		expect(boundaryA).not.toBeNull();
		expect(a.contentType).not.toBe(b.contentType);
		expect(a.body.toString('latin1').startsWith(`--${boundaryA[1]}\r\n`)).toBe(true);
		expect(a.body.toString('latin1').endsWith(`--${boundaryA[1]}--\r\n`)).toBe(true);
		// RFC 2046: at most 70 characters
		expect(boundaryA[1].length).toBeLessThanOrEqual(70);
	});

	test('SmartSelfie Compare shape: fields then files, in order, one liveness_images part per frame', () => {
		const selfie = makeJpeg({ bytes: 30000, seed: 'selfie' });
		const idPhoto = makeJpeg({ bytes: 20000, seed: 'id' });
		const frames = Array.from({ length: 8 }, (_, i) => makeJpeg({ bytes: 5000 + i, seed: `frame${i}` }));
		const fields = [
			['partner_id', '085'],
			['partner_params', JSON.stringify({ job_id: 'job-1', user_id: 'user-1' })],
			['callback_url', 'https://example.com/webhook?x=1&y=2'],
			['allow_new_enroll', 'false'],
		];
		const files = [
			{ name: 'selfie_image', fileName: 'selfie.jpg', contentType: 'image/jpeg', data: selfie },
			{ name: 'id_image', fileName: 'id_photo.jpg', contentType: 'image/jpeg', data: idPhoto },
			...frames.map((data, i) => ({
				name: 'liveness_images',
				fileName: `liveness_${i + 1}.jpg`,
				contentType: 'image/jpeg',
				data,
			})),
		];
		const { body, contentType } = createMultipartBody(fields, files);
		const { parts } = parseMultipart(body, contentType);
		expect(parts.map((p) => p.name)).toEqual([
			'partner_id',
			'partner_params',
			'callback_url',
			'allow_new_enroll',
			'selfie_image',
			'id_image',
			...new Array(8).fill('liveness_images'),
		]);
		expect(parts.some((p) => p.name.includes('[]'))).toBe(false);
		// text parts: one header, exact values, no filename
		fields.forEach(([, value], i) => {
			expect(parts[i].data.toString('utf8')).toBe(value);
			expect(parts[i].filename).toBeUndefined();
			expect(Object.keys(parts[i].headers)).toEqual(['content-disposition']);
		});
		// file parts: disposition + content type, bytes intact
		files.forEach((file, i) => {
			const part = parts[fields.length + i];
			expect(part.filename).toBe(file.fileName);
			expect(part.headers).toEqual({
				'content-disposition': `form-data; name="${file.name}"; filename="${file.fileName}"`,
				'content-type': 'image/jpeg',
			});
			expect(part.data.equals(file.data)).toBe(true);
		});
		expect(parts.slice(6).map((p) => p.filename)).toEqual(frames.map((_, i) => `liveness_${i + 1}.jpg`));
	});

	test('binary data with CR, LF, NUL and every byte value is intact', () => {
		const every = Buffer.alloc(256 * 4);
		for (let i = 0; i < every.length; i++) every[i] = i % 256;
		const tricky = Buffer.from('\r\n--\r\n\r\n--x--\r\n\u0000', 'latin1');
		const { body, contentType } = createMultipartBody(
			[],
			[
				{ name: 'a', fileName: 'a.bin', contentType: 'application/octet-stream', data: every },
				{ name: 'b', fileName: 'b.bin', contentType: 'application/octet-stream', data: tricky },
				{ name: 'c', fileName: 'c.bin', contentType: 'application/octet-stream', data: Buffer.alloc(0) },
			],
		);
		const { parts } = parseMultipart(body, contentType);
		expect(parts).toHaveLength(3);
		expect(parts[0].data.equals(every)).toBe(true);
		expect(parts[1].data.equals(tricky)).toBe(true);
		expect(parts[2].data.length).toBe(0);
	});

	test('Uint8Array views are written as the view only', () => {
		const backing = Buffer.from('XXXXpayloadYYYY');
		const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 7);
		const { body, contentType } = createMultipartBody(
			[],
			[{ name: 'f', fileName: 'f.bin', contentType: 'application/octet-stream', data: view }],
		);
		expect(parseMultipart(body, contentType).parts[0].data.toString()).toBe('payload');
	});

	test('body length = sum of the pieces exactly', () => {
		const data = makeJpeg({ bytes: 12345, seed: 'len' });
		const { body } = createMultipartBody(
			[['k', 'v']],
			[{ name: 'f', fileName: 'f.jpg', contentType: 'image/jpeg', data }],
			'X',
		);
		const text =
			'--X\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n' +
			'--X\r\nContent-Disposition: form-data; name="f"; filename="f.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' +
			'\r\n--X--\r\n';
		expect(body.length).toBe(Buffer.byteLength(text) + data.length);
	});

	test('UTF-8 field values and names are written as UTF-8', () => {
		const { body, contentType } = createMultipartBody([['náme', 'Ádá Lövelace — 李']], [], 'U');
		const { parts } = parseMultipart(body, contentType);
		expect(parts[0].name).toBe('náme');
		expect(parts[0].data.toString('utf8')).toBe('Ádá Lövelace — 李');
	});

	test('field values may contain line breaks (they are part data, not headers)', () => {
		const { body, contentType } = createMultipartBody([['note', 'line1\r\nline2\nline3']], []);
		expect(parseMultipart(body, contentType).parts[0].data.toString()).toBe('line1\r\nline2\nline3');
	});

	test('no parts: only the close delimiter', () => {
		const { body } = createMultipartBody([], [], 'Z');
		expect(body.toString('latin1')).toBe('--Z--\r\n');
	});

	describe('names that would break the headers throw', () => {
		const message = (value) => `Multipart name "${value}" must not contain quotes or line breaks`;
		const file = (overrides) => ({
			name: 'f',
			fileName: 'f.jpg',
			contentType: 'image/jpeg',
			data: Buffer.from('x'),
			...overrides,
		});

		test.each(['a"b', 'a\rb', 'a\nb', 'x"; filename="evil.exe', 'x\r\nContent-Type: text/html', '"'])(
			'field name %j',
			(name) => {
				expect(() => createMultipartBody([[name, 'v']], [])).toThrow(message(name));
			},
		);

		test.each(['a"b', 'a\rb', 'a\nb', 'selfie_image"; x="y'])('file part name %j', (name) => {
			expect(() => createMultipartBody([], [file({ name })])).toThrow(message(name));
		});

		test.each(['a"b.jpg', 'a\r.jpg', 'a\n.jpg', 'x.jpg"\r\nContent-Type: text/html'])('file name %j', (fileName) => {
			expect(() => createMultipartBody([], [file({ fileName })])).toThrow(message(fileName));
		});

		test('a bad name after good parts still throws (no partial body returned)', () => {
			expect(() => createMultipartBody([['ok', '1']], [file({}), file({ name: 'bad"' })])).toThrow(message('bad"'));
		});
	});
});
