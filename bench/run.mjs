// @ts-check
/**
 * npm run bench  (= node bench/run.mjs)
 *
 * Benchmarks of issue 6, each against the offline Smile ID simulator, with the official Node
 * SDK (smile-identity-core) as the baseline where one exists:
 *   1. dv        Document Verification submit (selfie 0.3 MB, ID front + back 3 MB, 8 liveness
 *                frames 0.1 MB): client time and peak memory, ours vs the SDK, alternating.
 *   2. status    Job Status of 1,000 jobs at 50 ms simulator latency: our bulk option
 *                (concurrency N) vs one at a time vs the SDK's get_job_status in a loop.
 *   3. callback  10,000 signed / forged callbacks through the trigger's verify path.
 *   4. n8n       100 items through Document Verification in real n8n 2.x.
 *   5. trigger   the Smile ID Trigger vs n8n's plain Webhook node in one real n8n instance:
 *                forged callbacks refused, valid ones accepted; one at a time and 4 senders
 *                at once (bench/lib/trigger-n8n.mjs).
 *   6. kyc       200 Enhanced KYC lookups at 50 ms simulator latency: ours (default Items at
 *                Once, and one at a time) vs the SDK's IDApi.submit_job in a loop, and the same
 *                lookups as a workflow in real n8n 2.x.
 *
 * Options:
 *   --only dv,status,callback,n8n,trigger,kyc   run some benchmarks (default: all)
 *   --reps N            repetitions of benchmark 1 (default 10)
 *   --callback-reps N   repetitions of benchmark 3 (default 5)
 *   --status-reps N     repetitions of each bulk Job Status case (default 5)
 *   --serial-reps N     repetitions of the two one-at-a-time Job Status cases, ~1 min each
 *                       (default 2, to keep the whole run near 10 minutes on 2 cores)
 *   --concurrency 5,10  concurrency values of our bulk Job Status (default 5,10,16); the
 *                       node's default for Job Status runs with Items at Once not set
 *   --full              10 repetitions of everything (about 35 minutes)
 *   --status-jobs N     jobs for benchmark 2 (default 1000)
 *   --callbacks N       callbacks per repetition for benchmark 3 (default 10000)
 *   --n8n-items N       items for benchmark 4 (default 100), --n8n-reps N (default 3)
 *   --kyc-lookups N     lookups for benchmark 6 (default 200), --kyc-reps N (default 3)
 *   --trigger-lines 2,1 n8n lines for benchmark 5 (default 2; 1 = n8n 1.123.x on Node 20)
 *   --trigger-version N the Smile ID Trigger's type version in benchmark 5 (default 2; 1 = workflows
 *                       built before version 2, whose body n8n 2.x reads through an expression)
 *   --trigger-env K=V   an environment variable for benchmark 5's n8n (repeatable), e.g.
 *                       N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
 *   --trigger-profile DIR  benchmark 5 with n8n's main process under --cpu-prof, and a summary
 *                       of where 400 requests of each kind spend their CPU (slows n8n down)
 *   --build             `npm run build` first (otherwise only when dist/ is missing)
 *   --no-write          do not write bench/results/latest.{md,json}
 *   --out DIR           write the results elsewhere
 * Results: bench/results/latest.md and latest.json (table printed to stdout too).
 */
import { execFileSync, fork, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureN8n } from '../test/e2e/lib/install.mjs';
import { parseJsonOr } from '../test/e2e/lib/json.mjs';

import { f1, f2, MB, report } from './lib/report.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const { startSimulator } = require('../test/simulator/index.js');
const { makeJpeg } = require('../test/fixtures/jpeg.js');

// ------------------------------------------------------------------ options

function parseArgs(/** @type {string[]} */ argv) {
	const o = {
		only: ['dv', 'status', 'callback', 'n8n', 'trigger', 'kyc'],
		reps: 10,
		statusReps: 5,
		callbackReps: 5,
		serialReps: 2,
		concurrency: [5, 10, 16],
		statusJobs: 1000,
		callbacks: 10_000,
		n8nItems: 100,
		n8nReps: 3,
		kycLookups: 200,
		kycReps: 3,
		triggerLines: /** @type {('1'|'2')[]} */ (['2']),
		triggerVersion: 2,
		/** @type {Record<string, string>} */
		triggerEnv: {},
		/** @type {string | undefined} */
		triggerProfile: undefined,
		build: false,
		write: true,
		out: path.join(HERE, 'results'),
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--only')
			o.only = next()
				.split(',')
				.map((s) => ({ 1: 'dv', 2: 'status', 3: 'callback', 4: 'n8n', 5: 'trigger', 6: 'kyc' })[s] ?? s);
		else if (a === '--reps') o.reps = Number(next());
		else if (a === '--serial-reps') o.serialReps = Number(next());
		else if (a === '--status-reps') o.statusReps = Number(next());
		else if (a === '--callback-reps') o.callbackReps = Number(next());
		else if (a === '--full') {
			o.reps = Math.max(o.reps, 10);
			o.statusReps = 10;
			o.serialReps = 10;
			o.callbackReps = 10;
		} else if (a === '--concurrency') o.concurrency = next().split(',').map(Number);
		else if (a === '--status-jobs') o.statusJobs = Number(next());
		else if (a === '--callbacks') o.callbacks = Number(next());
		else if (a === '--n8n-items') o.n8nItems = Number(next());
		else if (a === '--n8n-reps') o.n8nReps = Number(next());
		else if (a === '--kyc-lookups') o.kycLookups = Number(next());
		else if (a === '--kyc-reps') o.kycReps = Number(next());
		else if (a === '--trigger-lines')
			o.triggerLines = /** @type {('1'|'2')[]} */ (next().split(','));
		else if (a === '--trigger-version') o.triggerVersion = Number(next());
		else if (a === '--trigger-env') {
			const [k, ...v] = next().split('=');
			o.triggerEnv[k] = v.join('=');
		}
		else if (a === '--trigger-profile') o.triggerProfile = path.resolve(next());
		else if (a === '--build') o.build = true;
		else if (a === '--no-write') o.write = false;
		else if (a === '--out') o.out = path.resolve(next());
		else if (a === '--help' || a === '-h') {
			console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
			process.exit(0);
		} else throw new Error(`unknown option ${a}`);
	}
	for (const b of o.only)
		if (!['dv', 'status', 'callback', 'n8n', 'trigger', 'kyc'].includes(b))
			throw new Error(`unknown benchmark ${b}`);
	return o;
}

// ------------------------------------------------------------------ helpers

const median = (/** @type {number[]} */ xs) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const load = () =>
	os
		.loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');
const log = (/** @type {string} */ s) => console.log(`# ${s}`);

/** Self-signed certificate for 127.0.0.1, made with openssl into dir. @param {string} dir */
function makeCertificate(dir) {
	const key = path.join(dir, 'sim-key.pem');
	const cert = path.join(dir, 'sim-cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	return { keyFile: key, certFile: cert, key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** A callback receiver that answers 200, so the simulator's result callbacks cost nothing. */
async function startSink() {
	let received = 0;
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			received++;
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}/smile-callback`,
		get received() {
			return received;
		},
		stop: () =>
			new Promise((r) => {
				server.close(() => r(undefined));
				server.closeAllConnections();
			}),
	};
}

/**
 * Serves the files of dir over plain HTTP (the images for Document Verification by URL), from
 * this process, so that serving them costs the measured client nothing.
 */
async function startFileServer(/** @type {string} */ dir) {
	const server = http.createServer((req, res) => {
		const name = path.basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
		fs.readFile(path.join(dir, name), (error, data) => {
			if (error) res.writeHead(404).end();
			else res.writeHead(200, { 'content-type': 'image/jpeg' }).end(data);
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () =>
			new Promise((r) => {
				server.close(() => r(undefined));
				server.closeAllConnections();
			}),
	};
}

/** A measuring child process (client.mjs) that trusts the simulator's certificate. */
function startClient(/** @type {string} */ role, /** @type {string} */ certFile) {
	const child = fork(path.join(HERE, 'client.mjs'), [], {
		execArgv: ['--expose-gc'],
		env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let seq = 0;
	/** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
	const pending = new Map();
	child.on('message', (/** @type {any} */ msg) => {
		const p = pending.get(msg.id);
		if (!p) return;
		pending.delete(msg.id);
		if (msg.ok) p.resolve(msg.result);
		else p.reject(new Error(`${role} client: ${msg.error}`));
	});
	child.on('exit', (code) => {
		for (const p of pending.values()) p.reject(new Error(`${role} client exited (${code})`));
		pending.clear();
	});
	return {
		role,
		/** @param {string} cmd @param {any} [args] @returns {Promise<any>} */
		call(cmd, args) {
			const id = ++seq;
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve, reject });
				child.send({ id, cmd, args });
			});
		},
		stop() {
			return new Promise((r) => {
				if (child.exitCode !== null) return r(undefined);
				child.once('exit', () => r(undefined));
				child.disconnect();
			});
		},
	};
}

/** JSON request to the TLS simulator from this process (trusting its certificate explicitly). */
function simRequest(
	/** @type {string} */ method,
	/** @type {string} */ url,
	/** @type {Buffer|object} */ body,
	/** @type {Buffer} */ ca,
	/** @type {Record<string,string>} */ headers = {},
) {
	const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
	return new Promise((resolve, reject) => {
		const req = https.request(
			url,
			{
				method,
				ca,
				headers: {
					'content-type': 'application/json',
					'content-length': String(payload.length),
					...headers,
				},
			},
			(res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode, body: parseJsonOr(text, text) });
				});
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** Waits until the simulator has inspected the upload of a job (untimed). */
async function settledJob(/** @type {any} */ sim, /** @type {string} */ jobId, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const job = sim.getJob(jobId);
		if (
			job &&
			job.upload &&
			(job.upload.entries || job.upload.info_json_error || job.status !== 'processing')
		) {
			if (
				job.status === 'complete' ||
				job.status === 'pending_review' ||
				job.failure ||
				job.results?.length
			)
				return job;
		}
		if (Date.now() > deadline) return job;
		await sleep(20);
	}
}

/** What the simulator received for a job: zip entries and images, for the honesty check. */
function describeUpload(/** @type {any} */ job) {
	const u = job?.upload ?? {};
	return {
		zipBytes: u.bytes,
		entries: (u.entries ?? [])
			.filter((/** @type {any} */ e) => !e.dir)
			.map((/** @type {any} */ e) => ({ name: e.name, size: e.size })),
		images: (u.images ?? []).map((/** @type {any} */ i) => ({
			type: i.image_type_id,
			role: i.role,
			source: i.source,
			size: i.size,
			sha256: i.sha256,
		})),
		status: job?.failure ? 'failed' : job?.status,
		result: job?.failure
			? { code: job.failure.code, reason: job.failure.reason }
			: (job?.results?.at?.(-1)?.ResultCode ?? job?.result?.ResultCode),
	};
}

// ------------------------------------------------------------------ 1. Document Verification

/** Issue 6 (in memory) and issue 14 (filesystem mode, URLs): ours ÷ the SDK's time. */
const DV_TIME_TARGET = 0.5;
/** Peak heap+external growth, as a multiple of the image bytes, per way of giving the images. */
const DV_MEMORY_TARGETS = { ours: 2, oursOnDisk: 1.3, oursByUrl: 1.3 };

async function benchDv(/** @type {any} */ ctx) {
	const { sim, dvClients, sdk, o, info, imageBaseUrl } = ctx;
	const tag = crypto.randomBytes(3).toString('hex');
	let n = 0;
	const nextUser = () => `bench-dv-${tag}-${++n}`;
	const runOurs = async (memory = true, binaryMode = 'memory') => {
		const r = await dvClients[binaryMode].call('dvOurs', {
			userId: nextUser(),
			memory,
			binaryMode,
			imageBaseUrl,
		});
		r.job = describeUpload(await settledJob(sim, r.jobId));
		return r;
	};
	const runSdk = async (memory = true, naive = false) => {
		const userId = nextUser();
		const r = await sdk.call('dvSdk', { userId, jobId: `bench-sdk-${tag}-${n}`, memory, naive });
		r.job = describeUpload(await settledJob(sim, r.jobId));
		return r;
	};
	// n8n binary data in memory (base64 in the item), on disk (filesystem mode, the n8n 2.x
	// default), and images given by URL
	const modes = /** @type {const} */ (['memory', 'filesystem', 'url']);
	log(
		`1. Document Verification: 2 warm-up runs each, then ${o.reps} alternating runs (ours ${modes.join(' / ')}, SDK)`,
	);
	for (let i = 0; i < 2; i++) {
		for (const mode of modes) await runOurs(false, mode);
		await runSdk(false);
	}
	/** @type {Record<string, { timed: any[], sampled: any[] }>} */
	const runs = Object.fromEntries(
		[...modes, 'sdk'].map((k) => [k, { timed: [], sampled: [] }]),
	);
	// Time and memory come from separate runs: sampling memory every millisecond on the main
	// thread costs time of its own.
	for (let i = 0; i < o.reps; i++) {
		for (const memory of [false, true]) {
			for (const mode of modes) {
				runs[mode][memory ? 'sampled' : 'timed'].push(await runOurs(memory, mode));
			}
			runs.sdk[memory ? 'sampled' : 'timed'].push(await runSdk(memory));
		}
		const line = Object.entries(runs).map(([k, r]) => {
			const [a, am] = [r.timed.at(-1), r.sampled.at(-1)];
			return `${k} ${f1(a.ms)} ms (CPU ${f1(a.cpuMs)}), +${f1(am.mem.heapExtGrowth / MB)} MB`;
		});
		log(`  rep ${i + 1}: ${line.join(' | ')}`);
	}
	// what the SDK sends when given liveness (4) and ID-back (5) files, as its image type list invites
	const naive = await runSdk(false, true);
	const imageBytes = info.imageBytes;
	const summarise = (/** @type {{ timed: any[], sampled: any[] }} */ { timed, sampled }) => ({
		msMedian: median(timed.map((r) => r.ms)),
		cpuMsMedian: median(timed.map((r) => r.cpuMs)),
		heapExtGrowthMedian: median(sampled.map((r) => r.mem.heapExtGrowth)),
		rssGrowthMedian: median(sampled.map((r) => r.mem.rssGrowth)),
		externalGrowthMedian: median(sampled.map((r) => r.mem.externalGrowth)),
		heapGrowthMedian: median(sampled.map((r) => r.mem.heapGrowth)),
		runs: timed.map((r) => ({ ms: r.ms, cpuMs: r.cpuMs })),
		memoryRuns: sampled.map((r) => ({ ms: r.ms, cpuMs: r.cpuMs, ...r.mem })),
		sent: timed[0].job,
	});
	const result = {
		imageBytes,
		ours: summarise(runs.memory),
		oursOnDisk: summarise(runs.filesystem),
		oursByUrl: summarise(runs.url),
		sdk: { ...summarise(runs.sdk), naiveSent: naive.job },
	};
	// the same image bytes reached the simulator from both clients?
	const expected = new Set(Object.values(info.imageSha256));
	for (const r of [result.ours, result.oursOnDisk, result.oursByUrl, result.sdk]) {
		const sent = new Set((r.sent.images ?? []).map((/** @type {any} */ i) => i.sha256));
		r.sameImages = sent.size === expected.size && [...expected].every((x) => sent.has(x));
	}
	return result;
}

// ------------------------------------------------------------------ 2. Job Status

async function createStatusJobs(
	/** @type {any} */ sim,
	/** @type {number} */ count,
	/** @type {string} */ callbackUrl,
	/** @type {Buffer} */ ca,
) {
	const JSZip = require('jszip');
	const tag = crypto.randomBytes(3).toString('hex');
	const selfie = makeJpeg({ bytes: 2048, seed: 'bench-status' });
	const zip = new JSZip();
	zip.file(
		'info.json',
		JSON.stringify({ images: [{ image_type_id: 0, image: '', file_name: 'selfie.jpg' }] }),
	);
	zip.file('selfie.jpg', selfie);
	const zipBytes = await zip.generateAsync({ type: 'nodebuffer' });
	const jobs = Array.from({ length: count }, (_, i) => ({
		user_id: `bench-status-${tag}-${i}`,
		job_id: `bench-status-job-${tag}-${i}`,
	}));
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) {
			const j = jobs[next++];
			const { timestamp, signature } = sim.sign();
			const prep = /** @type {any} */ (
				await simRequest(
					'POST',
					`${sim.url}/v1/upload`,
					{
						source_sdk: 'bench',
						source_sdk_version: '1',
						signature,
						timestamp,
						smile_client_id: sim.credentials.partnerId,
						partner_params: { job_id: j.job_id, user_id: j.user_id, job_type: 4 },
						model_parameters: {},
						callback_url: callbackUrl,
						file_name: 'selfie.zip',
					},
					ca,
				)
			);
			if (prep.body?.code !== '2202') throw new Error(`prep upload: ${JSON.stringify(prep.body)}`);
			const put = /** @type {any} */ (
				await simRequest('PUT', prep.body.upload_url, zipBytes, ca, {
					'content-type': 'application/zip',
				})
			);
			if (put.status !== 200) throw new Error(`PUT ${put.status}`);
		}
	};
	await Promise.all(Array.from({ length: 16 }, worker));
	const deadline = Date.now() + 60_000;
	for (;;) {
		const done = jobs.filter((j) => sim.jobs.get(j.job_id)?.status === 'complete').length;
		if (done === jobs.length) break;
		if (Date.now() > deadline)
			throw new Error(`only ${done} of ${jobs.length} status jobs completed`);
		await sleep(100);
	}
	return jobs;
}

async function benchStatus(/** @type {any} */ ctx) {
	const { sim, ours, sdk, o, sink, cert } = ctx;
	const defaultConcurrency = require(
		path.join(REPO_ROOT, 'dist', 'nodes', 'SmileId', 'actions', 'common.descriptions.js'),
	).JOB_STATUS_DEFAULT_CONCURRENCY;
	if (!o.concurrency.includes(defaultConcurrency)) o.concurrency.push(defaultConcurrency);
	o.concurrency.sort((/** @type {number} */ a, /** @type {number} */ b) => a - b);
	// the default is measured as users get it: with Items at Once not set
	const asOption = (/** @type {number} */ c) => (c === defaultConcurrency ? null : c);
	log(`2. Job Status: creating ${o.statusJobs} jobs directly against the simulator (untimed)`);
	const jobs = await createStatusJobs(sim, o.statusJobs, sink.url, cert);
	await sleep(500); // let the last callbacks go out
	await ours.call('setStatusJobs', { jobs });
	await sdk.call('setStatusJobs', { jobs });
	sim.options.latencyMs = 50;
	try {
		log('  warm-up: 50 items each');
		await ours.call('setStatusJobs', { jobs: jobs.slice(0, 50) });
		await sdk.call('setStatusJobs', { jobs: jobs.slice(0, 50) });
		await ours.call('statusOurs', { concurrency: null });
		await sdk.call('statusSdk');
		await ours.call('setStatusJobs', { jobs });
		await sdk.call('setStatusJobs', { jobs });

		/** @type {Record<string, any[]>} */
		const runs = { sdk: [], c1: [] };
		for (const c of o.concurrency) runs[`c${c}`] = [];
		const rounds = Math.max(o.statusReps, o.serialReps);
		for (let r = 0; r < rounds; r++) {
			const line = [];
			if (r < o.serialReps) {
				runs.c1.push(await ours.call('statusOurs', { concurrency: 1 }));
				runs.sdk.push(await sdk.call('statusSdk'));
				line.push(`c1 ${f1(runs.c1.at(-1).ms / 1000)} s`, `SDK ${f1(runs.sdk.at(-1).ms / 1000)} s`);
			}
			if (r < o.statusReps) {
				for (const c of o.concurrency) {
					runs[`c${c}`].push(await ours.call('statusOurs', { concurrency: asOption(c) }));
					line.push(`c${c} ${f2(runs[`c${c}`].at(-1).ms / 1000)} s`);
				}
			}
			log(`  round ${r + 1}: ${line.join(', ')}   (load ${load()})`);
		}
		/** @type {Record<string, any>} */
		const summary = {};
		for (const [k, list] of Object.entries(runs)) {
			summary[k] = {
				msMedian: median(list.map((x) => x.ms)),
				cpuMsMedian: median(list.map((x) => x.cpuMs)),
				runs: list.map((x) => x.ms),
				reps: list.length,
				allItemsPresentInOrder: list.every((x) => x.bad === 0 && x.items === jobs.length),
				problems: list.flatMap((x) => x.problems ?? []).slice(0, 5),
			};
		}
		const c1 = summary.c1.msMedian;
		for (const [k, s] of Object.entries(summary)) s.speedupVsOneAtATime = c1 / s.msMedian;
		// concurrency needed for 8×: measured, else the smallest measured value above it
		const reaching = o.concurrency.filter(
			(/** @type {number} */ c) => summary[`c${c}`].speedupVsOneAtATime >= 8,
		);
		return {
			jobs: jobs.length,
			latencyMs: 50,
			defaultConcurrency,
			summary,
			concurrencyFor8x: reaching.length ? Math.min(...reaching) : null,
		};
	} finally {
		sim.options.latencyMs = 0;
	}
}

// ------------------------------------------------------------------ 3. Callbacks

async function benchCallbacks(/** @type {any} */ ctx) {
	const { ours, o } = ctx;
	log(
		`3. Callback verification: ${o.callbackReps} × ${o.callbacks} callbacks (60% valid, 40% forged in 9 ways)`,
	);
	const reps = await ours.call('callbacks', { n: o.callbacks, reps: o.callbackReps });
	const agg = (/** @type {'verify'|'webhook'} */ k) => ({
		meanMsMedian: median(reps.map((/** @type {any} */ r) => r[k].meanMs)),
		p50MsMedian: median(reps.map((/** @type {any} */ r) => r[k].p50Ms)),
		p99MsMedian: median(reps.map((/** @type {any} */ r) => r[k].p99Ms)),
		maxMs: Math.max(...reps.map((/** @type {any} */ r) => r[k].maxMs)),
		falseAccepts: reps.reduce(
			(/** @type {number} */ s, /** @type {any} */ r) => s + r[k].falseAccepts,
			0,
		),
		falseRejects: reps.reduce(
			(/** @type {number} */ s, /** @type {any} */ r) => s + r[k].falseRejects,
			0,
		),
	});
	return {
		checksPerRep: reps[0].checks,
		validPerRep: reps[0].valid,
		kinds: reps[0].kinds,
		reps: reps.length,
		verify: {
			...agg('verify'),
			verifyCallbackOnlyMeanMsMedian: median(
				reps.map((/** @type {any} */ r) => r.verify.verifyCallbackOnlyMeanMs),
			),
			tenths: reps[0].verify.tenths.map((/** @type {any} */ t, /** @type {number} */ d) => ({
				rememberedAtEnd: t.rememberedAtEnd,
				meanMsMedian: median(reps.map((/** @type {any} */ r) => r.verify.tenths[d].meanMs)),
			})),
			reasons: reps[0].verify.reasons,
		},
		webhook: { ...agg('webhook'), statuses: reps[0].webhook.statuses },
		perRep: reps.map((/** @type {any} */ r) => ({
			verifyMeanMs: r.verify.meanMs,
			webhookMeanMs: r.webhook.meanMs,
		})),
	};
}

// ------------------------------------------------------------------ 4. real n8n

async function benchN8n(/** @type {any} */ ctx) {
	const { o, sink } = ctx;
	const { runN8nBench } = await import('./lib/n8n-bench.mjs');
	log(
		`4. real n8n 2.x: ${o.n8nItems} items through Document Verification (no wait), 1 warm-up + ${o.n8nReps} runs`,
	);
	return await runN8nBench({
		kind: 'dv',
		items: o.n8nItems,
		reps: o.n8nReps,
		latencyMs: 0,
		callbackUrl: sink.url,
		log,
	});
}

// ------------------------------------------------------------------ 6. Enhanced KYC

const KYC_LATENCY_MS = 50;

/**
 * In-process: ours at the default and one at a time, and the SDK's loop, alternating, over
 * HTTPS (the SDK forces it); and ours at the default against a plain-HTTP simulator, as the
 * real-n8n run of the same lookups (benchKycN8n) uses.
 */
async function benchKyc(/** @type {any} */ ctx) {
	const { sim, ours, sdk, o } = ctx;
	const plain = await startSimulator({
		port: 0,
		host: '127.0.0.1',
		partnerId: sim.credentials.partnerId,
		apiKey: sim.credentials.apiKey,
		latencyMs: KYC_LATENCY_MS,
		maxRecordedRequests: 200,
	});
	log(
		`6. Enhanced KYC: ${o.kycLookups} synchronous lookups, simulator answering in ${KYC_LATENCY_MS} ms, 1 warm-up + ${o.kycReps} runs each`,
	);
	sim.options.latencyMs = KYC_LATENCY_MS;
	try {
		const tag = () => crypto.randomBytes(4).toString('hex');
		await ours.call('kycOurs', { tag: tag(), lookups: 20, concurrency: null });
		await sdk.call('kycSdk', { tag: tag(), lookups: 20 });
		/** @type {Record<string, any[]>} */
		const runs = { ours: [], c1: [], sdk: [], plain: [] };
		const lookups = o.kycLookups;
		for (let r = 0; r < o.kycReps; r++) {
			runs.ours.push(await ours.call('kycOurs', { tag: tag(), lookups, concurrency: null }));
			runs.c1.push(await ours.call('kycOurs', { tag: tag(), lookups, concurrency: 1 }));
			runs.sdk.push(await sdk.call('kycSdk', { tag: tag(), lookups }));
			runs.plain.push(
				await ours.call('kycOurs', { tag: tag(), lookups, concurrency: null, baseUrl: plain.url }),
			);
			log(
				`  run ${r + 1}: ours ${f2(runs.ours.at(-1).ms / 1000)} s, ours one at a time ${f2(runs.c1.at(-1).ms / 1000)} s, SDK ${f2(runs.sdk.at(-1).ms / 1000)} s, ours over plain HTTP ${f2(runs.plain.at(-1).ms / 1000)} s   (load ${load()})`,
			);
		}
		/** @type {Record<string, any>} */
		const summary = {};
		for (const [k, list] of Object.entries(runs))
			summary[k] = {
				msMedian: median(list.map((x) => x.ms)),
				cpuMsMedian: median(list.map((x) => x.cpuMs)),
				runs: list.map((x) => x.ms),
				allAnswered: list.every((x) => x.bad === 0 && x.items === o.kycLookups),
				problems: list.flatMap((x) => x.problems ?? []).slice(0, 5),
			};
		return { lookups: o.kycLookups, latencyMs: KYC_LATENCY_MS, reps: o.kycReps, summary };
	} finally {
		sim.options.latencyMs = 0;
		await plain.stop();
	}
}

/** The same lookups as a workflow in real n8n 2.x. */
async function benchKycN8n(/** @type {any} */ o, /** @type {string} */ callbackUrl) {
	const { runN8nBench } = await import('./lib/n8n-bench.mjs');
	log(`6. Enhanced KYC in real n8n 2.x: ${o.kycLookups} items, 1 warm-up + ${o.kycReps} runs`);
	try {
		return await runN8nBench({
			kind: 'kyc',
			items: o.kycLookups,
			reps: o.kycReps,
			latencyMs: KYC_LATENCY_MS,
			callbackUrl,
			log,
		});
	} catch (error) {
		return { error: String(/** @type {any} */ (error)?.stack ?? error) };
	}
}

// ------------------------------------------------------------------ 5. trigger in real n8n

async function benchTrigger(/** @type {any} */ o) {
	const { runTriggerN8nBench, triggerRows } = await import('./lib/trigger-n8n.mjs');
	const results = [];
	for (const line of o.triggerLines) {
		log(
			`5. Smile ID Trigger vs plain Webhook in real n8n line ${line}: forged / valid callbacks, one at a time and 4 senders`,
		);
		try {
			const profileDir = o.triggerProfile && path.join(o.triggerProfile, `n8n-${line}`);
			const t = await runTriggerN8nBench({
				line,
				triggerVersion: o.triggerVersion,
				env: o.triggerEnv,
				profileDir,
				log,
			});
			results.push({ ...t, rows: triggerRows(t) });
		} catch (error) {
			results.push({ line, error: String(/** @type {any} */ (error)?.stack ?? error) });
		}
	}
	return results;
}

// ------------------------------------------------------------------ machine

function machine() {
	const cpus = os.cpus();
	let commit = 'unknown';
	let dirty = false;
	try {
		commit = execFileSync('git', ['describe', '--always', '--dirty'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		}).trim();
		dirty =
			execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], {
				cwd: REPO_ROOT,
				encoding: 'utf8',
			}).trim() !== '';
	} catch {
		/* not a git checkout */
	}
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memoryGB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		commit: `${commit}${dirty ? ' + uncommitted changes in nodes/ or credentials/' : ''}`,
		distBuiltAt: fs
			.statSync(path.join(REPO_ROOT, 'dist', 'nodes', 'SmileId', 'actions', 'router.js'))
			.mtime.toISOString(),
	};
}

// ------------------------------------------------------------------ main

async function main() {
	const o = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
	const distReady = fs.existsSync(
		path.join(REPO_ROOT, 'dist', 'nodes', 'SmileId', 'actions', 'router.js'),
	);
	if (o.build || !distReady) {
		log(`building the package (npm run build)${distReady ? '' : ': dist/ missing'}`);
		const b = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('npm run build failed');
	}
	// Benchmarks 1-3 send their HTTP through n8n 2.x's own helpers, and 4 runs n8n 2.x: install
	// it as the e2e tests do (cached in .cache/, several minutes the first time).
	if (process.env.SMILEID_BENCH_HTTP !== 'node' || o.only.includes('n8n') || o.only.includes('kyc')) {
		const n8n = await ensureN8n('2');
		log(`n8n ${n8n.version} ${n8n.cached ? 'found in .cache/' : `installed in ${Math.round(n8n.seconds)} s`}`);
	}
	/** @type {any} */
	const r = {
		command,
		startedAt: new Date(started).toISOString(),
		loadStart: load(),
		machine: machine(),
		options: o,
		notes: [],
	};
	log(
		`machine: ${r.machine.cpu}, ${r.machine.cores} cores, node ${r.machine.node}; load ${r.loadStart}`,
	);

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-bench-'));
	const sink = await startSink();
	/** @type {any[]} */
	const cleanups = [
		async () => sink.stop(),
		async () => fs.rmSync(tmp, { recursive: true, force: true }),
	];
	try {
		if (o.only.some((b) => b !== 'n8n' && b !== 'trigger')) {
			const cert = makeCertificate(tmp);
			const sim = await startSimulator({
				port: 0,
				host: '127.0.0.1',
				partnerId: '085',
				apiKey: `sim-key-bench-${crypto.randomBytes(8).toString('hex')}`,
				tls: { key: cert.key, cert: cert.cert },
				latencyMs: 0,
				maxRecordedRequests: 200,
			});
			cleanups.unshift(async () => sim.stop());
			const ours = startClient('ours', cert.certFile);
			const sdk = startClient('sdk', cert.certFile);
			cleanups.unshift(async () => Promise.all([ours.stop(), sdk.stop()]));
			const base = { sim: sim.credentials, callbackUrl: sink.url, tmpDir: tmp };
			const [infoOurs, infoSdk] = await Promise.all([
				ours.call('init', { ...base, role: 'ours' }),
				sdk.call('init', { ...base, role: 'sdk' }),
			]);
			// Document Verification: one measuring process per way of giving the images, so that
			// no row's peak includes what another way's runs left in the process (downloads by
			// URL raised the in-memory row's JS heap peak by up to 2 MB when they shared one).
			/** @type {Record<string, ReturnType<typeof startClient>>} */
			const dvClients = { memory: ours };
			if (o.only.includes('dv')) {
				for (const mode of ['filesystem', 'url']) {
					dvClients[mode] = startClient('ours', cert.certFile);
					cleanups.unshift(async () => dvClients[mode].stop());
					await dvClients[mode].call('init', { ...base, role: 'ours' });
				}
			}
			r.clients = {
				oursHttp: infoOurs.httpMode,
				sdkVersion: infoSdk.sdkVersion,
				node: infoOurs.node,
			};
			log(
				`simulator ${sim.url} (TLS); ours: ${infoOurs.httpMode}; SDK: smile-identity-core ${infoSdk.sdkVersion}`,
			);
			const images = await startFileServer(path.join(tmp, 'images-ours'));
			cleanups.unshift(async () => images.stop());
			const ctx = {
				sim,
				ours,
				sdk,
				o,
				sink,
				cert: cert.cert,
				info: infoOurs,
				imageBaseUrl: images.url,
				dvClients,
			};

			if (o.only.includes('dv')) {
				const d = await benchDv(ctx);
				d.reps = o.reps;
				// time ≤ 0.5× the SDK's; peak heap+external growth ≤ the given multiple of the image bytes
				for (const [key, memTarget] of Object.entries(DV_MEMORY_TARGETS)) {
					const x = d[key];
					x.timeRatio = x.msMedian / d.sdk.msMedian;
					x.memRatio = x.heapExtGrowthMedian / d.imageBytes;
					x.memTarget = memTarget;
					x.timeTargetHolds = x.timeRatio <= DV_TIME_TARGET;
					x.memTargetHolds = x.memRatio <= memTarget;
				}
				d.timeTarget = DV_TIME_TARGET;
				r.dv = d;
				await Promise.all([dvClients.filesystem.stop(), dvClients.url.stop()]);
			}
			if (o.only.includes('status')) r.status = await benchStatus(ctx);
			if (o.only.includes('callback')) r.callback = await benchCallbacks(ctx);
			if (o.only.includes('kyc')) r.kyc = await benchKyc(ctx);
			await Promise.all([ours.stop(), sdk.stop()]);
			await sim.stop();
		}
		if (o.only.includes('n8n')) {
			try {
				r.n8n = await benchN8n({ o, sink });
			} catch (error) {
				r.n8n = { error: String(/** @type {any} */ (error)?.stack ?? error) };
			}
		}
		if (o.only.includes('kyc')) r.kyc.n8n = await benchKycN8n(o, sink.url);
		if (o.only.includes('trigger')) r.trigger = await benchTrigger(o);
	} finally {
		for (const c of cleanups) await c().catch(() => {});
	}
	r.loadEnd = load();
	r.durationS = (Date.now() - started) / 1000;
	r.notes.push(
		'Medians of the runs listed; ratios are ours ÷ baseline, both measured in the same run, alternating.',
		`Job Status repetitions: ${o.statusReps} per bulk case and ${o.serialReps} per one-at-a-time case (each of those takes over ${Math.round(o.statusJobs * 0.05)} s), to keep \`npm run bench\` near 10 minutes on 2 cores; \`npm run bench -- --full\` runs 10 of everything (about 35 minutes). With a fixed simulator latency the spread is small (see the per-run values).`,
		'Our path does not include n8n itself (expression evaluation, reading credentials from the database, saving run data); benchmark 4 does.',
	);
	if (r.dv)
		r.notes.push(
			`DV memory: the zip is never one buffer. Its PUT body is the sequence of local headers, the images' own bytes and the central directory (core/zip.ts), sent piece by piece with an explicit Content-Length (transport/pieceStream.ts; community nodes may not import node:stream, and n8n's axios streams any body with pipe()). Each CRC is computed over an image already in hand, so no data descriptor is needed. So each image is in memory once: decoded from n8n's base64 in memory mode (${f2(r.dv.ours.heapExtGrowthMedian / r.dv.imageBytes)}×), or as read by getBinaryDataBuffer in filesystem mode (one fs.readFile buffer per image, no copy: ${f2(r.dv.oursOnDisk.heapExtGrowthMedian / r.dv.imageBytes)}×). Reading the files through getBinaryStream instead (into a zip buffer, as tried before, or straight into the PUT after a first CRC pass) makes a fresh 64 KB Buffer per chunk; V8 collects them only when external memory has grown by tens of MB, so until the upload ends they count as garbage of about 1× per pass (the 3.2× measured before). Images by URL: downloaded through httpRequest with encoding 'stream', the chunks as they arrive become the zip's pieces, never joined (transport downloadInChunks; the JPEG and size checks run on them as they come, core/imageChecks ChunkedImageCheck). What stays above 1× is Node's HTTP client: its parser copies each body chunk out of the socket's read buffer, and those read buffers (about 1× the image bytes) are garbage that no GC collects during one item; a bare node:http get that keeps the chunks peaks at 2.1× of its image, n8n's httpRequest with encoding 'stream' at 2.2× (${f2(r.dv.oursByUrl.heapExtGrowthMedian / r.dv.imageBytes)}× here).`,
			'DV time: much of a run is the ~7 MB PUT and the simulator receiving it (TLS, MD5 for the ETag), the same for both clients; the SDK also spends time zipping (JSZip, base64 inside info.json) and uploads ~18% more bytes. Of our own CPU the largest part is the CRC-32 written in JavaScript (about 10 ms for 7 MB here; zlib.crc32 is faster but not an import n8n allows in community nodes).',
		);
	if (r.callback)
		r.notes.push(
			'Callbacks: the replay guard keeps a count and the oldest acceptance time beside the remembered callbacks (core/replayGuard.ts), so a check is one lookup and one insert; expired callbacks are removed in batches, not on every check.',
		);
	if (r.clients?.oursHttp?.startsWith('n8n-core'))
		r.notes.push(
			"n8n 2.41.1's HTTP helper builds new http/https agents for every request (@n8n/backend-network: setAxiosAgents → buildNodeAgents), so every Smile ID call of the node opens a new TLS connection, while the SDK's axios reuses one through Node's keep-alive global agent. Against a TLS endpoint this is most of the difference between ours and the SDK one at a time, and most of our client CPU per Job Status item; on 2 cores shared with the simulator's own TLS work it also limits how far concurrency scales.",
		);
	const md = report(r);
	console.log(`\n${md}`);
	if (o.write) {
		fs.mkdirSync(o.out, { recursive: true });
		fs.writeFileSync(path.join(o.out, 'latest.md'), md);
		fs.writeFileSync(path.join(o.out, 'latest.json'), `${JSON.stringify(r, null, 2)}\n`);
		log(`written ${path.relative(REPO_ROOT, path.join(o.out, 'latest.md'))} and latest.json`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
