// @ts-check
/**
 * What one image download costs in memory before the package does anything with it: the
 * floor under benchmark 1's "images by URL" row.
 *
 *   node --expose-gc bench/download-floor.mjs [--bytes 3000000] [--reps 7]
 *   (n8n's helpers come from $SMILEID_E2E_CACHE_DIR or .cache: n8n-2/ and n8n-1/)
 *
 * The image is served by a child process, so serving costs the measured process nothing.
 * Each way of downloading runs reps times after two warm-ups; per run, the peak growth of
 * heap + external above a baseline taken after GC (bench/lib/memory.mjs, as benchmark 1),
 * what is left after a GC with the downloaded chunks still held, and the download's wall time
 * (with the memory sampler running, the same for every way). Ways:
 *   node:http, chunks kept / joined        (Node's own client, no n8n)
 *   n8n 2.x / 1.x httpRequest, encoding 'stream', chunks kept   (what the node does)
 *   n8n 2.x / 1.x httpRequest, encoding 'arraybuffer'           (what it did before)
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { MemorySampler } from './lib/memory.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE = process.env.SMILEID_E2E_CACHE_DIR ?? path.join(HERE, '..', '.cache');
const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
	const at = process.argv.indexOf(name);
	return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const BYTES = arg('--bytes', 3_000_000);
const REPS = arg('--reps', 7);

if (process.argv[2] === '--serve') {
	const image = Buffer.alloc(BYTES, 0x5a);
	image.set([0xff, 0xd8, 0xff]);
	const server = http.createServer((_req, res) =>
		res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length }).end(image),
	);
	server.listen(0, '127.0.0.1', () => process.send?.(/** @type {any} */ (server.address()).port));
	process.on('disconnect', () => process.exit(0));
} else {
	await main();
}

/** n8n's httpRequest of one line, or undefined when that line is not installed. */
function n8nHttpRequest(/** @type {'1'|'2'} */ line) {
	const modules = path.join(CACHE, `n8n-${line}`, 'node_modules');
	try {
		if (line === '2') {
			const { Container } = require(path.join(modules, '@n8n', 'di'));
			const network = require(path.join(modules, '@n8n', 'backend-network'));
			const outbound = Container.get(network.OutboundHttp);
			return async (/** @type {any} */ o) => await outbound.requests().request(o);
		}
		const helpers = require(
			path.join(
				modules,
				'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions.js',
			),
		);
		return async (/** @type {any} */ o) => await helpers.httpRequest(o);
	} catch {
		return undefined;
	}
}

async function main() {
	const server = fork(fileURLToPath(import.meta.url), ['--serve', '--bytes', String(BYTES)]);
	const port = await new Promise((resolve) => server.once('message', resolve));
	const url = `http://127.0.0.1:${port}/image.jpg`;

	/** @returns {Promise<Buffer[]>} */
	const nodeGet = (/** @type {boolean} */ join) =>
		new Promise((resolve, reject) =>
			http
				.get(url, (res) => {
					/** @type {Buffer[]} */
					const chunks = [];
					res.on('data', (chunk) => chunks.push(chunk));
					res.on('end', () => resolve(join ? [Buffer.concat(chunks)] : chunks));
				})
				.on('error', reject),
		);
	const n8nGet =
		(/** @type {any} */ request, /** @type {'stream'|'arraybuffer'} */ encoding) => async () => {
			const response = await request({
				method: 'GET',
				url,
				encoding,
				headers: { 'Accept-Encoding': 'identity' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: false,
				timeout: 30_000,
			});
			if (encoding === 'arraybuffer') return [response.body];
			/** @type {Buffer[]} */
			const chunks = [];
			await new Promise((resolve, reject) => {
				response.body.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
				response.body.on('end', resolve);
				response.body.on('error', reject);
			});
			return chunks;
		};

	/** @type {Array<[string, () => Promise<Buffer[]>]>} */
	const ways = [
		['node:http get, chunks kept', () => nodeGet(false)],
		['node:http get, chunks joined', () => nodeGet(true)],
	];
	for (const line of /** @type {const} */ (['2', '1'])) {
		const request = n8nHttpRequest(line);
		if (!request) continue;
		ways.push([`n8n ${line}.x httpRequest, stream, chunks kept`, n8nGet(request, 'stream')]);
		ways.push([`n8n ${line}.x httpRequest, arraybuffer`, n8nGet(request, 'arraybuffer')]);
	}

	// V8 frees the memory of collected Buffers shortly after a GC, not during it
	const settled = async () => {
		MemorySampler.gc();
		await new Promise((resolve) => setTimeout(resolve, 20));
		MemorySampler.gc();
	};
	const sampler = new MemorySampler();
	const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
	console.log(`one ${BYTES}-byte image, ${REPS} runs each, Node ${process.version}`);
	console.log(
		'| download | peak heap+external growth (× image) | after GC, chunks held | chunks | wall time (median) |',
	);
	console.log('| --- | --- | --- | --- | --- |');
	/** One download, in a function of its own: its chunks must not outlive it into the next baseline. */
	const measure = async (
		/** @type {string} */ name,
		/** @type {() => Promise<Buffer[]>} */ download,
	) => {
		await settled();
		sampler.start();
		const t0 = performance.now();
		const chunks = await download();
		const ms = performance.now() - t0;
		const memory = sampler.stop();
		await settled();
		const after = process.memoryUsage();
		const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
		if (bytes !== BYTES) throw new Error(`${name}: got ${bytes} bytes`);
		return {
			peak: memory.heapExtGrowth / BYTES,
			kept: (after.heapUsed + after.external - memory.baselineHeapExt) / BYTES,
			chunkCount: chunks.length,
			ms,
		};
	};
	for (const [name, download] of ways) {
		const peaks = [];
		const kept = [];
		const times = [];
		let chunkCount = 0;
		for (let run = 0; run < REPS + 2; run++) {
			const result = await measure(name, download);
			if (run < 2) continue;
			peaks.push(result.peak);
			kept.push(result.kept);
			times.push(result.ms);
			chunkCount = result.chunkCount;
		}
		const range = `${Math.min(...peaks).toFixed(2)}–${Math.max(...peaks).toFixed(2)}`;
		console.log(
			`| ${name} | ${median(peaks).toFixed(2)}× (${range}) | ${median(kept).toFixed(2)}× | ${chunkCount} | ${median(times).toFixed(1)} ms |`,
		);
	}
	sampler.close();
	server.disconnect();
	process.exit(0);
}
