// @ts-check
'use strict';
const http = require('http');
const { PassThrough, Writable, pipeline } = require('stream');
const axios = require('axios');
const { isObjectEmpty } = require('n8n-workflow');
const { PieceStream } = require('../../../dist/nodes/SmileId/transport/pieceStream');

const pieces = [Buffer.from('local header 1|'), Buffer.alloc(200_000, 7), Buffer.from('|central')];
const whole = Buffer.concat(pieces);

/** A writable that takes `highWaterMark` bytes before it asks to wait, and answers late. */
function slowSink(highWaterMark = 16) {
	const chunks = [];
	const sink = new Writable({
		highWaterMark,
		write(chunk, _encoding, done) {
			chunks.push(chunk);
			setImmediate(done);
		},
	});
	return { sink, received: () => Buffer.concat(chunks) };
}

describe('PieceStream', () => {
	test('pipe: every piece in order, waiting for drain; then end, then close; the destination is ended', async () => {
		const { sink, received } = slowSink();
		const body = new PieceStream(pieces);
		const events = [];
		body.on('end', () => events.push('end'));
		body.on('close', () => events.push('close'));
		await new Promise((resolve) => {
			sink.on('finish', resolve);
			body.pipe(sink);
		});
		expect(received().equals(whole)).toBe(true);
		expect(events).toEqual(['end', 'close']);
		expect(body.destroyed).toBe(true);
	});

	test('pipe starts after the caller has attached its listeners', async () => {
		const { sink } = slowSink(1 << 20);
		const body = new PieceStream([Buffer.from('x')]);
		body.pipe(sink);
		const ended = new Promise((resolve) => body.once('end', resolve));
		await expect(ended).resolves.toBeUndefined();
	});

	test('pipe with end: false leaves the destination open', async () => {
		const { sink, received } = slowSink(1 << 20);
		const body = new PieceStream(pieces);
		await new Promise((resolve) => {
			body.once('end', resolve);
			body.pipe(sink, { end: false });
		});
		expect(sink.writableEnded).toBe(false);
		await new Promise((resolve) => sink.end(resolve));
		expect(received().equals(whole)).toBe(true);
	});

	test("a destination whose write returns nothing (follow-redirects' request) gets every piece at once", async () => {
		const written = [];
		let ended = false;
		const destination = {
			write: (/** @type {Uint8Array} */ chunk) => void written.push(chunk),
			end: () => {
				ended = true;
			},
			once: () => {
				throw new Error('no drain expected');
			},
		};
		const body = new PieceStream(pieces);
		await new Promise((resolve) => {
			body.once('close', resolve);
			body.pipe(destination);
		});
		expect(written).toEqual(pieces);
		expect(written[1]).toBe(pieces[1]);
		expect(ended).toBe(true);
	});

	test('through stream.pipeline, as axios sends a stream body without follow-redirects', async () => {
		const chunks = [];
		const out = new PassThrough();
		out.on('data', (chunk) => chunks.push(chunk));
		await new Promise((resolve, reject) =>
			pipeline(/** @type {any} */ (new PieceStream(pieces)), out, (error) =>
				error ? reject(error) : resolve(undefined),
			),
		);
		expect(Buffer.concat(chunks).equals(whole)).toBe(true);
	});

	test('destroy stops the writing and closes once', async () => {
		const { sink, received } = slowSink();
		const body = new PieceStream(pieces);
		const closes = [];
		body.on('close', () => closes.push('close'));
		body.pipe(sink);
		await new Promise((resolve) => setImmediate(resolve));
		body.destroy();
		body.destroy();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(closes).toEqual(['close']);
		expect(received().length).toBeLessThan(whole.length);
	});

	test('a destination that throws is reported as an error event, not an unhandled rejection', async () => {
		const body = new PieceStream(pieces);
		const failure = new Error('socket gone');
		const destination = {
			write: () => {
				throw failure;
			},
			end: () => undefined,
			once: () => undefined,
		};
		const reported = new Promise((resolve) => body.once('error', resolve));
		body.pipe(destination);
		await expect(reported).resolves.toBe(failure);
	});

	test('a write that throws after a drain is reported as an error event too', async () => {
		const body = new PieceStream(pieces);
		const failure = new Error('socket gone');
		/** @type {(() => void) | undefined} */
		let drain;
		let writes = 0;
		const destination = {
			write: () => {
				writes++;
				if (writes === 1) return false;
				throw failure;
			},
			end: () => undefined,
			once: (/** @type {string} */ _event, /** @type {() => void} */ listener) => {
				drain = listener;
			},
		};
		const reported = new Promise((resolve) => body.once('error', resolve));
		body.pipe(destination);
		await new Promise((resolve) => setImmediate(resolve));
		expect(drain).toBeDefined();
		expect(() => drain?.()).not.toThrow();
		await expect(reported).resolves.toBe(failure);
	});

	test('n8n does not drop it as an empty body (isObjectEmpty)', () => {
		expect(isObjectEmpty(new PieceStream(pieces))).toBe(false);
	});

	describe('sent by axios (the client inside n8n 1.x and 2.x) to a real server', () => {
		/** @type {http.Server} */
		let server;
		/** @type {{ headers: http.IncomingHttpHeaders, body: Buffer }[]} */
		const requests = [];
		let url = '';
		beforeAll(async () => {
			server = http.createServer((req, res) => {
				const chunks = [];
				req.on('data', (c) => chunks.push(c));
				req.on('end', () => {
					requests.push({ headers: req.headers, body: Buffer.concat(chunks) });
					res.writeHead(200).end();
				});
			});
			await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
			url = `http://127.0.0.1:${/** @type {import('net').AddressInfo} */ (server.address()).port}/upload`;
		});
		afterAll(() => new Promise((resolve) => server.close(() => resolve(undefined))));

		// n8n 1.x: maxBodyLength -1 through follow-redirects; n8n 2.x: Infinity through
		// follow-redirects, or without redirects (its SSRF guard behind a proxy) through pipeline
		test.each([
			['follow-redirects, maxBodyLength -1 (n8n 1.x)', { maxBodyLength: -1 }],
			['follow-redirects, maxBodyLength Infinity (n8n 2.x)', { maxBodyLength: Infinity }],
			[
				'no redirects, maxBodyLength Infinity (n8n 2.x SSRF guard)',
				{ maxBodyLength: Infinity, maxRedirects: 0 },
			],
		])('%s: exact bytes with the given Content-Length, not chunked', async (_label, options) => {
			requests.length = 0;
			const response = await axios.put(url, new PieceStream(pieces), {
				...options,
				headers: { 'Content-Type': 'application/zip', 'Content-Length': whole.length },
			});
			expect(response.status).toBe(200);
			expect(requests).toHaveLength(1);
			expect(requests[0].body.equals(whole)).toBe(true);
			expect(requests[0].headers['content-length']).toBe(String(whole.length));
			expect(requests[0].headers['transfer-encoding']).toBeUndefined();
		});
	});
});
