// @ts-check
/** The benchmarks run.mjs runs, one function each: Document Verification, Job Status, callbacks, the node in real n8n, KYC lookups, the trigger. */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { f1, f2, MB } from './report.mjs';
import { median, sleep, load, log, simRequest, settledJob, describeUpload } from './harness.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const { startSimulator } = require('../../test/simulator/index.js');
const { makeJpeg } = require('../../test/fixtures/jpeg.js');

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
	const runs = Object.fromEntries([...modes, 'sdk'].map((k) => [k, { timed: [], sampled: [] }]));
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
	const { runN8nBench } = await import('./n8n-bench.mjs');
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
	const { runN8nBench } = await import('./n8n-bench.mjs');
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
	const { runTriggerN8nBench, triggerRows } = await import('./trigger-n8n.mjs');
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

export {
	DV_TIME_TARGET,
	DV_MEMORY_TARGETS,
	benchDv,
	createStatusJobs,
	benchStatus,
	benchCallbacks,
	benchN8n,
	KYC_LATENCY_MS,
	benchKyc,
	benchKycN8n,
	benchTrigger,
};
