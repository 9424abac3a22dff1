// @ts-check
/**
 * The Smile ID Trigger in real n8n against n8n's own Webhook node, in one instance:
 *   plain    Webhook (POST, respond immediately) → No Operation
 *   forged   Smile ID Trigger → No Operation, callback with a wrong signature (401, no run)
 *   valid    Smile ID Trigger → No Operation, freshly signed callback (200, workflow runs)
 * Every request posts the same Document Verification callback JSON (the simulator's own,
 * signed callback for a DV job). One at a time: blocks of `block` requests per kind, the
 * kinds alternating, `sequential` requests each, median latency. Then `senders` senders at
 * once, alternating blocks of `concurrent` requests per kind, callbacks per second (median of
 * the blocks); between blocks the bench waits until every started execution has finished, so
 * one kind's executions never run in another kind's block.
 *
 * With `profileDir`, n8n's main process runs with `--cpu-prof` and, after the measurements, takes
 * `profileRequests` (400) forged callbacks, then as many valid ones, then as many plain Webhook
 * calls, one at a time; `cpu-profile.mjs` summarises the main thread's samples of each stretch.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

import { startN8nWithPackage } from '../../test/e2e/lib/harness.mjs';
import { startSim } from '../../test/e2e/lib/sim.mjs';
import {
	rnd,
	signCallback,
	simCallbacks,
	startSink,
	submitSimJob,
	TRIGGER_NAME,
	TRIGGER_TYPE,
} from '../../test/e2e/lib/trigger-helpers.mjs';
import { summariseProfile } from './cpu-profile.mjs';

const median = (/** @type {number[]} */ xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const KINDS = /** @type {const} */ (['plain', 'forged', 'valid']);
/** @typedef {typeof KINDS[number]} Kind */
const EXPECTED_STATUS = { plain: 200, forged: 401, valid: 200 };

/** @param {string} name @param {string} type @param {number} x @param {Record<string, any>} parameters */
function node(name, type, x, parameters, typeVersion = 1) {
	return {
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		webhookId: crypto.randomUUID(),
		parameters,
	};
}

/** @param {string} name @param {Record<string, any>} first */
function withNoOp(name, first) {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [first, node('No Operation', 'n8n-nodes-base.noOp', 240, {})],
		connections: { [first.name]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
	};
}

/** A real DV callback body from the simulator (signed by it; re-signed per request here). */
async function dvCallbackBody(/** @type {any} */ sim) {
	const sink = await startSink();
	try {
		const job = await submitSimJob(sim, {
			jobType: 6,
			userId: `bench-trigger-${rnd()}`,
			callbackUrl: `${sink.url}/cb`,
		});
		const [cb] = await simCallbacks(sim, job.jobId, 1);
		const body = structuredClone(cb.payload);
		delete body.timestamp;
		delete body.signature;
		return body;
	} finally {
		await sink.stop();
	}
}

/**
 * @param {{
 *   line: '1'|'2', triggerVersion?: number, env?: Record<string, string>, sequential?: number, block?: number, senders?: number, concurrent?: number,
 *   concurrentBlocks?: number, profileDir?: string, profileRequests?: number,
 *   log: (s: string) => void,
 * }} o
 */
export async function runTriggerN8nBench(o) {
	const triggerVersion = o.triggerVersion ?? 2;
	const sequential = o.sequential ?? 100;
	const block = o.block ?? 10;
	const senders = o.senders ?? 4;
	const concurrent = o.concurrent ?? 100;
	const concurrentBlocks = o.concurrentBlocks ?? 3;
	const sim = await startSim({ partnerId: '085', latencyMs: 0 });
	const cred = sim.credentials;
	if (o.profileDir) fs.mkdirSync(o.profileDir, { recursive: true });
	const n8n = await startN8nWithPackage(o.line, {
		nodeArgs: o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [],
		env: o.env,
	});
	try {
		o.log(
			`  n8n ${n8n.version} on node ${n8n.nodeVersion} ready in ${n8n.startupMs} ms; Smile ID Trigger version ${triggerVersion}`,
		);
		const body = await dvCallbackBody(sim);
		const bodyBytes = Buffer.byteLength(JSON.stringify(signCallback(body, cred)));
		const stored = await n8n.createSmileIdCredential(cred, 'Smile ID bench');
		const plainPath = `bench-plain-${rnd()}`;
		const triggerPath = `bench-trigger-${rnd()}`;
		const plainWf = await n8n.createActiveWorkflow(
			withNoOp(
				`bench plain ${plainPath}`,
				node(
					'Webhook',
					'n8n-nodes-base.webhook',
					0,
					{ httpMethod: 'POST', path: plainPath, responseMode: 'onReceived', options: {} },
					2,
				),
			),
		);
		const triggerWorkflow = withNoOp(
			`bench trigger ${triggerPath}`,
			node(TRIGGER_NAME, TRIGGER_TYPE, 0, { path: triggerPath }, triggerVersion),
		);
		/** @type {any} */ (triggerWorkflow.nodes[0]).credentials = {
			smileIdApi: { id: stored.id, name: stored.name },
		};
		const triggerWf = await n8n.createActiveWorkflow(triggerWorkflow);

		// Unique timestamps (one ms apart, going back from the start) keep every valid callback
		// new to the replay guard, within the 10-minute freshness window.
		const startMs = Date.now();
		let issued = 0;
		const forgedKey = { ...cred, apiKey: `not-${cred.apiKey}` };
		/** @param {Kind} kind */
		const payload = (kind) => {
			if (kind === 'plain') return signCallback(body, cred);
			const timestamp = new Date(startMs - ++issued).toISOString();
			return signCallback(body, kind === 'forged' ? forgedKey : cred, { timestamp });
		};
		/** @param {Kind} kind */
		const url = (kind) => `${n8n.baseUrl}/webhook/${kind === 'plain' ? plainPath : triggerPath}`;
		/** @param {Kind} kind */
		const send = async (kind) => {
			const text = JSON.stringify(payload(kind));
			const t0 = performance.now();
			const res = await fetch(url(kind), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: text,
			});
			const answer = await res.text();
			const ms = performance.now() - t0;
			if (
				res.status !== EXPECTED_STATUS[kind] ||
				(kind === 'valid' && answer.includes('duplicate'))
			)
				throw new Error(`${kind}: HTTP ${res.status} ${answer.slice(0, 300)}`);
			return ms;
		};
		const started = { plain: 0, valid: 0 };
		/** @param {Kind} kind @param {number} n */
		const count = (kind, n) => {
			if (kind !== 'forged') started[kind] += n;
		};
		const executions = async (/** @type {string} */ workflowId) => {
			const qs = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '1' });
			const page = await n8n.rest('GET', `/executions?${qs}`);
			return (page.results ?? []).length === 0 ? 0 : Number(page.count);
		};
		const settle = async () => {
			const deadline = Date.now() + 120_000;
			for (;;) {
				const [p, t] = await Promise.all([executions(plainWf.id), executions(triggerWf.id)]);
				if (p >= started.plain && t >= started.valid) return;
				if (Date.now() > deadline)
					throw new Error(
						`executions did not finish: plain ${p}/${started.plain}, trigger ${t}/${started.valid}`,
					);
				await new Promise((r) => setTimeout(r, 100));
			}
		};

		for (const kind of KINDS) {
			for (let i = 0; i < block; i++) await send(kind);
			count(kind, block);
		}
		await settle();

		/** @type {Record<Kind, number[]>} */
		const latencies = { plain: [], forged: [], valid: [] };
		/** @type {Record<Kind, number>[]} */
		const rounds = [];
		for (let round = 0; round < Math.ceil(sequential / block); round++) {
			// Rotate the order so no kind always follows the same other kind.
			const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
			/** @type {Record<string, number>} */
			const roundMedians = {};
			for (const kind of order) {
				const times = [];
				for (let i = 0; i < block; i++) times.push(await send(kind));
				latencies[kind].push(...times);
				roundMedians[kind] = median(times);
				count(kind, block);
				if (kind !== 'forged') await settle();
			}
			rounds.push(/** @type {Record<Kind, number>} */ (roundMedians));
		}
		const oneAtATime = Object.fromEntries(
			KINDS.map((k) => [k, { n: latencies[k].length, msMedian: median(latencies[k]) }]),
		);
		o.log(
			`  one at a time (median ms): ${KINDS.map((k) => `${k} ${oneAtATime[k].msMedian.toFixed(1)}`).join(', ')}`,
		);

		/** @type {Record<Kind, number[]>} */
		const rates = { plain: [], forged: [], valid: [] };
		for (let round = 0; round < concurrentBlocks; round++) {
			const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
			for (const kind of order) {
				let left = concurrent;
				const t0 = performance.now();
				await Promise.all(
					Array.from({ length: senders }, async () => {
						while (left > 0) {
							left--;
							await send(kind);
						}
					}),
				);
				count(kind, concurrent);
				// Until the block's last execution has finished: the callbacks are only handled
				// once their runs are done, and the next block must not share the CPU with them.
				await settle();
				rates[kind].push(concurrent / ((performance.now() - t0) / 1000));
			}
		}
		const atOnce = Object.fromEntries(
			KINDS.map((k) => [k, { blocks: rates[k], perSecondMedian: median(rates[k]) }]),
		);
		o.log(
			`  ${senders} senders at once (callbacks/s, median of ${concurrentBlocks}): ${KINDS.map((k) => `${k} ${atOnce[k].perSecondMedian.toFixed(1)}`).join(', ')}`,
		);

		/** @type {Record<string, any> | undefined} */
		let profile;
		if (o.profileDir) {
			// One kind at a time, one request at a time, each window marked on the shared clock;
			// accepted callbacks and plain runs then wait for their executions inside the window.
			const perKind = o.profileRequests ?? 400;
			/** @type {Record<string, {fromUs: number, toUs: number}>} */
			const windows = {};
			for (const kind of /** @type {Kind[]} */ (['forged', 'valid', 'plain'])) {
				const fromUs = Number(process.hrtime.bigint() / 1000n);
				for (let i = 0; i < perKind; i++) await send(kind);
				count(kind, perKind);
				await settle();
				windows[kind] = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
			}
			await n8n.stop();
			profile = Object.fromEntries(
				Object.entries(windows).map(([kind, w]) => [
					kind,
					summariseProfile(/** @type {string} */ (o.profileDir), {
						...w,
						focus: [
							'executeWebhook',
							'acquireIsolate',
							'releaseIsolate',
							'replenish',
							'parseRequestBody',
							'runWebhook',
							'webhook',
							'takeCallback',
							'getDecrypted',
							'saveStaticData',
							'runMainProcess',
							'processRunExecutionData',
						],
					}),
				]),
			);
			o.log(`  profiles of ${perKind} requests of each kind: ${o.profileDir}`);
		}
		return {
			line: o.line,
			version: n8n.version,
			triggerVersion,
			env: o.env ?? {},
			nodeVersion: n8n.nodeVersion,
			bodyBytes,
			block,
			senders,
			concurrent,
			oneAtATime,
			rounds,
			atOnce,
			latencies,
			profile,
		};
	} finally {
		await n8n.stop();
		await sim.stop();
	}
}

/** @param {number[]} xs */
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/**
 * The summary rows of one line's result: [benchmark, ours, baseline, ratio, target, holds].
 * Targets (issue 14): a refused callback answers at least as fast as the plain Webhook node;
 * accepted callbacks per second with 4 senders ≥ 0.9× the plain Webhook node's.
 * @param {Awaited<ReturnType<typeof runTriggerN8nBench>>} r
 */
export function triggerRows(r) {
	const one = r.oneAtATime;
	const refusedRatio = one.forged.msMedian / one.plain.msMedian;
	const acceptedRatio = one.valid.msMedian / one.plain.msMedian;
	const rate = r.atOnce;
	const rateRatio = rate.valid.perSecondMedian / rate.plain.perSecondMedian;
	const perRound = (/** @type {'forged'|'valid'} */ k) => r.rounds.map((x) => x[k] / x.plain);
	const perBlock = rate.valid.blocks.map((v, i) => v / rate.plain.blocks[i]);
	const env = Object.entries(r.env).map(([k, v]) => `${k}=${v}`);
	const name = `5. trigger v${r.triggerVersion} in real n8n ${r.version}${env.length ? ` (${env.join(' ')})` : ''}`;
	const ms = (/** @type {number} */ x) => `${x.toFixed(1)} ms`;
	const perS = (/** @type {number} */ x) => `${x.toFixed(1)}/s`;
	return [
		[
			`${name}: forged callback refused (401), one at a time (${one.forged.n} each, blocks of ${r.block} alternating)`,
			ms(one.forged.msMedian),
			`plain Webhook ${ms(one.plain.msMedian)}`,
			`${refusedRatio.toFixed(2)}× (blocks ${spread(perRound('forged'))})`,
			'≤ 1× plain Webhook',
			refusedRatio <= 1,
		],
		[
			`${name}: valid callback accepted, workflow runs, one at a time (info)`,
			ms(one.valid.msMedian),
			`plain Webhook ${ms(one.plain.msMedian)}`,
			`${acceptedRatio.toFixed(2)}× (blocks ${spread(perRound('valid'))})`,
			'(info)',
			undefined,
		],
		[
			`${name}: accepted callbacks per second, ${r.senders} senders (${rate.valid.blocks.length} blocks of ${r.concurrent}, alternating)`,
			perS(rate.valid.perSecondMedian),
			`plain Webhook ${perS(rate.plain.perSecondMedian)}`,
			`${rateRatio.toFixed(2)}× (blocks ${spread(perBlock)})`,
			'≥ 0.9× plain Webhook',
			rateRatio >= 0.9,
		],
		[
			`${name}: forged callbacks refused per second, ${r.senders} senders (info)`,
			perS(rate.forged.perSecondMedian),
			`plain Webhook ${perS(rate.plain.perSecondMedian)}`,
			`${(rate.forged.perSecondMedian / rate.plain.perSecondMedian).toFixed(2)}×`,
			'(info)',
			undefined,
		],
	];
}
