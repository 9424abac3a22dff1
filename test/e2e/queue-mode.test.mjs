// @ts-check
/**
 * n8n queue mode (scaling mode) with the packed package on every process: Redis, PostgreSQL,
 * n8n main (EXECUTIONS_MODE=queue, production webhooks off on the main), one `n8n worker` and
 * two `n8n webhook` processes (lib/queue.mjs). n8n 2.x only (line 2); skipped on line 1.
 *
 * What it proves:
 *  - the onboarding example (Document Verification, wait for result) runs when its webhook is
 *    called at a WEBHOOK process: the worker runs the execution (worker log "Worker started
 *    execution <id>"), main's REST API has it with status success, and the job's callback goes
 *    to the callback-routing example's Smile ID Trigger at the webhook process;
 *  - that callback is verified at the webhook process (a forged one gets 401 there) and its
 *    execution runs on the worker;
 *  - a webhook process without the package answers 400 "Unrecognized node type".
 *
 * Replay protection across processes (the callback-routing example: trigger version 2). The
 * trigger remembers accepted callbacks in the memory of the process and in the workflow's static
 * data, which n8n saves (the whole object, last writer wins) once it has queued the execution,
 * before it answers. Asserted (guaranteed):
 *  - one process refuses every copy of a callback it accepted, also simultaneous copies;
 *  - a copy at ANOTHER process either is refused (its record is in static data) and starts
 *    nothing, or starts exactly one more execution;
 *  - "duplicate" answers never start an execution, and no callback starts more executions than
 *    processes that accepted it;
 *  - different results signed in one moment (two jobs; a provisional and a final result of one
 *    job: one timestamp and signature) all run; a byte-identical resend of one does not at the
 *    process that took it.
 * Measured and printed, not guaranteed: how often static data kept a record (sequential copies,
 * simultaneous copies, different callbacks accepted at the same moment) and so how often a
 * copy at the other process started a second execution.
 *
 * Trigger version 3 and the answer (workflows of their own, Smile ID Trigger → Set):
 *  - a webhook process killed (SIGKILL) right after each first 2xx of a stream: every callback
 *    answered 2xx has its execution, run by the worker (n8n answers only once it queued it);
 *  - a copy of a genuine callback with its result changed, sent to the OTHER webhook process at
 *    the same moment as the genuine one:
 *    version 3 (Job Status confirmation by default) never runs the changed result; version 2
 *    (measured, printed) runs it;
 *  - distinct callbacks accepted at the same moment by both processes: version 2's static-data
 *    memory keeps a fraction of them (measured, printed); version 3 writes none.
 *
 * Run: node test/e2e/run.mjs --line 2 queue   (or: SMILEID_E2E_LINES=2 node --test test/e2e/queue-mode.test.mjs)
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { N8nInstance } from './lib/n8n.mjs';
import { startQueueCluster } from './lib/queue.mjs';
import { startSim } from './lib/sim.mjs';
import {
	TRIGGER_NAME,
	approvedCallback,
	signCallback,
	simCallbacks,
	startSink,
	streamUntilFirst2xx,
	submitSimJob,
	triggerWorkflow,
} from './lib/trigger-helpers.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stripAnsi = (/** @type {string} */ s) => s.replace(/\u001b\[[0-9;]*m/g, '');
const rand = () => crypto.randomBytes(4).toString('hex');

/** @param {string} name */
function loadExample(name) {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8'));
}

const TRIGGER_NODE = 'Smile ID result'; // node name in examples/callback-routing.json

for (const line of linesUnderTest()) {
	if (line !== '2') {
		test(`n8n ${line}.x queue mode`, {
			skip: 'queue mode e2e runs on n8n 2.x only (line 2: node test/e2e/run.mjs --line 2 queue)',
		}, () => {});
		continue;
	}

	describe(`n8n ${line}.x queue mode (main + worker + 2 webhook processes, Redis, ${process.env.SMILEID_E2E_QUEUE_DB === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`, { timeout: 900_000 }, () => {
		/** @type {Awaited<ReturnType<typeof startQueueCluster>>} */
		let q;
		/** @type {any} */
		let sim;
		/** @type {Awaited<ReturnType<typeof startSink>>} */
		let sink;
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let main;
		/** @type {import('./lib/queue.mjs').N8nProcess} */
		let A;
		/** @type {import('./lib/queue.mjs').N8nProcess} */
		let B;
		/** @type {any} */
		let routing;
		/** @type {any} */
		let onboarding;
		let triggerPath = '';
		/** the DV job of the onboarding test and the callback the simulator sent for it */
		let dvJobId = '';
		/** @type {any} */
		let deliveredCallback;
		let tsCounter = 0;
		/** @type {{id: string, name: string}} */
		let cred;
		/** finished executions never change: fetched once @type {Map<string, any>} */
		const fullExecutions = new Map();

		/** A fresh correctly signed callback (the DV job's result, new timestamp + signature). */
		const freshCallback = () => {
			// distinct timestamps (1 s apart, within the 10 min window) → distinct callbacks
			const ts = new Date(Date.now() - 300_000 + ++tsCounter * 1000).toISOString();
			return { ...deliveredCallback, ...sim.sign(ts) };
		};
		/** The trigger's replay key: SHA-256 (base64) of the callback's JSON, fields in the order received. */
		const keyOf = (/** @type {any} */ cb) => crypto.createHash('sha256').update(JSON.stringify(cb), 'utf8').digest('base64');
		/** @param {import('./lib/queue.mjs').N8nProcess} proc @param {any} cb */
		const sendCallback = (proc, cb) => proc.post(`/webhook/${triggerPath}`, cb);

		/**
		 * Executions of the callback-routing workflow grouped by the callback that started them
		 * (the replay key of the trigger output's raw body). Waits until no execution is unfinished
		 * and the list has not changed for `quietMs`.
		 * @param {{quietMs?: number, timeoutMs?: number}} [o]
		 */
		async function routingExecutionsByKey(o = {}) {
			const quietMs = o.quietMs ?? 2000;
			const deadline = Date.now() + (o.timeoutMs ?? 120_000);
			let last = '';
			let stableSince = Date.now();
			/** @type {any[]} */
			let list;
			for (;;) {
				list = await main.listExecutions({ workflowId: routing.id, limit: 100 });
				assert.ok(list.length < 100, "more than 100 executions: the count would be truncated");
				const sig = JSON.stringify(list.map((e) => [e.id, e.status]));
				const busy = list.some((e) => ['new', 'running', 'unknown', 'waiting'].includes(e.status));
				if (sig !== last || busy) {
					last = sig;
					stableSince = Date.now();
				} else if (Date.now() - stableSince >= quietMs) break;
				if (Date.now() > deadline) throw new Error(`routing executions did not settle: ${sig}`);
				await sleep(300);
			}
			/** @type {Map<string, any[]>} */
			const byKey = new Map();
			for (const e of list) {
				const full = fullExecutions.get(e.id) ?? (await main.getExecution(e.id));
				fullExecutions.set(e.id, full);
				const out = N8nInstance.nodeOutput(full, TRIGGER_NODE)?.[0]?.[0];
				const k = out ? keyOf(out.raw) : `no-trigger-output:${e.id}`;
				byKey.set(k, [...(byKey.get(k) ?? []), full]);
			}
			return byKey;
		}

		/** How many executions each callback started. @param {any[]} cbs */
		async function countFor(cbs) {
			const byKey = await routingExecutionsByKey();
			return cbs.map((cb) => byKey.get(keyOf(cb))?.length ?? 0);
		}

		/** Replay keys held in the workflow's static data (the trigger's persisted memory), from main's REST API. */
		async function persistedKeys() {
			const wf = await main.getWorkflow(routing.id);
			return Object.keys(wf?.staticData?.[`node:${TRIGGER_NODE}`]?.acceptedCallbacks ?? {});
		}

		before(async () => {
			sim = await startSim({ partnerId: '085' });
			sink = await startSink();
			// SMILEID_E2E_QUEUE_DB=sqlite: the same on one shared SQLite file (n8n warns it is not supported)
			q = await startQueueCluster({ line, webhookProcesses: 2, db: process.env.SMILEID_E2E_QUEUE_DB === 'sqlite' ? 'sqlite' : 'postgres' });
			main = q.main;
			[A, B] = q.webhooks;
			console.log(
				`# queue cluster (n8n ${main.version}, node ${main.nodeVersion}) ready in ${q.startupMs} ms: main ${main.baseUrl} (${main.startupMs} ms), worker health :${q.worker.port} (${q.worker.startupMs} ms), webhook processes ${A.baseUrl} (${A.startupMs} ms), ${B.baseUrl} (${B.startupMs} ms); Redis :${q.redis.port}, ${q.pg ? `PostgreSQL :${q.pg.port}` : 'SQLite'}`,
			);
			cred = await main.createSmileIdCredential(sim.credentials, 'Smile ID (local simulator)');

			routing = await main.createWorkflow(loadExample('callback-routing.json'), { credential: cred });
			await main.activateWorkflow(routing, { waitForWebhooks: false }); // main serves no webhooks
			const hooks = await q.waitForWebhooks(routing);
			const hook = hooks.find((h) => h.node === TRIGGER_NODE);
			assert.ok(hook, `trigger webhook: ${JSON.stringify(hooks)}`);
			triggerPath = hook.path;

			const ob = loadExample('kyc-onboarding.json');
			for (const n of ob.nodes) {
				if (n.name === 'Verify a document') n.parameters.callbackUrl = `${A.baseUrl}/webhook/${triggerPath}`;
			}
			onboarding = await main.createWorkflow(ob, { credential: cred });
			await main.activateWorkflow(onboarding, { waitForWebhooks: false });
			await q.waitForWebhooks(onboarding);
		});

		after(async () => {
			await q?.stop();
			await sim?.stop();
			await sink?.stop();
		});

		test('every process loaded the package; the main process serves no production webhooks', async () => {
			const types = (await main.nodeTypes()).map((t) => t.name);
			assert.ok(types.includes('n8n-nodes-smileid.smileId'));
			assert.ok(types.includes('n8n-nodes-smileid.smileIdTrigger'));
			for (const p of [q.worker, A, B]) {
				assert.ok(
					fs.existsSync(path.join(p.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-smileid', 'package.json')),
					`${p.name} has the package in its community-package folder`,
				);
				assert.doesNotMatch(stripAnsi(p.readLog()), /Unrecognized node type|Error loading package/i, `${p.name} log`);
			}
			const res = await main.callWebhook('kyc-onboarding', { json: {} });
			assert.ok(res.status >= 400, `main must not serve /webhook/* (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): HTTP ${res.status}`);
			assert.equal((await main.listExecutions({ workflowId: onboarding.id })).length, 0);
		});

		test('onboarding example: webhook at a webhook process, executed by the worker, approved', async () => {
			const userId = `approved-queue-${rand()}`;
			const sample = (/** @type {string} */ n) => `${sim.url}/__samples/${n}.jpg`;
			const res = await A.post('/webhook/kyc-onboarding', {
				userId,
				country: 'NG',
				idType: 'IDENTITY_CARD',
				selfieUrl: sample('selfie'),
				idCardFrontUrl: sample('id_card_front'),
				idCardBackUrl: sample('id_card_back'),
				livenessUrls: [sample('liveness_1'), sample('liveness_2'), sample('liveness_3')],
			});
			assert.equal(res.status, 200, res.text);
			// responseMode lastNode: the webhook process answers with the worker's result
			assert.equal(res.json?.decision, 'activate', res.text);
			assert.equal(res.json?.outcome, 'approved', res.text);
			assert.equal(res.json?.isFinal, true);
			dvJobId = res.json.jobId;
			assert.ok(dvJobId, 'jobId in the answer');

			const ex = await main.waitForExecution({ workflowId: onboarding.id, timeoutMs: 120_000 });
			assert.equal(ex.status, 'success');
			assert.equal(ex.mode, 'webhook');
			const dv = N8nInstance.nodeOutput(ex, 'Verify a document')?.[0]?.[0];
			assert.equal(dv?.outcome, 'approved');
			assert.equal(dv?.userId, userId);
			assert.ok(N8nInstance.nodeOutput(ex, 'Activate account')?.[0]?.length, 'routed to "Activate account"');

			const workerLog = stripAnsi(q.worker.readLog());
			assert.match(workerLog, new RegExp(`Worker started execution ${ex.id} `), 'the worker ran the execution');
			assert.match(stripAnsi(A.readLog()), /Received webhook "POST" for path "kyc-onboarding"/, 'webhook process 1 served the request');
			assert.doesNotMatch(stripAnsi(B.readLog()), /for path "kyc-onboarding"/);
			assert.doesNotMatch(stripAnsi(A.readLog()), new RegExp(`Worker started execution ${ex.id} `));

			const job = sim.getJob(dvJobId, true);
			assert.equal(job.job_type, 6);
			assert.equal(job.callback_url, `${A.baseUrl}/webhook/${triggerPath}`);
			assert.equal(sim.stats().jobsCreatedByJobId[dvJobId], 1, 'one Smile ID job');
		});

		test('callback-routing example: the callback is verified at the webhook process and executed by the worker', async () => {
			assert.ok(dvJobId, 'needs the onboarding test');
			// the simulator posts the final result to the trigger's production URL at webhook process 1
			const deadline = Date.now() + 60_000;
			let cb;
			for (;;) {
				cb = sim.jobs.get(dvJobId)?.callbacks?.find((/** @type {any} */ c) => c.status === 'delivered');
				if (cb || Date.now() > deadline) break;
				await sleep(200);
			}
			assert.ok(cb, `callback delivered: ${JSON.stringify(sim.getJob(dvJobId, true)?.callbacks)}`);
			assert.equal(cb.attempts.at(-1).status, 200);
			deliveredCallback = cb.payload;

			const byKey = await routingExecutionsByKey();
			const exs = byKey.get(keyOf(deliveredCallback)) ?? [];
			assert.equal(exs.length, 1, `one execution for the callback; all: ${[...byKey.keys()]}`);
			const ex = exs[0];
			assert.equal(ex.status, 'success');
			assert.equal(ex.mode, 'webhook');
			const out = N8nInstance.nodeOutput(ex, TRIGGER_NODE)?.[0]?.[0];
			assert.equal(out.outcome, 'approved');
			assert.equal(out.jobId, dvJobId);
			assert.equal(out.jobType, 6);
			const crm = N8nInstance.nodeOutput(ex, 'Update CRM: verified')?.[0]?.[0];
			assert.equal(crm?.crmStatus, 'verified');

			assert.match(stripAnsi(q.worker.readLog()), new RegExp(`Worker started execution ${ex.id} `), 'the worker ran it');
			assert.match(
				stripAnsi(A.readLog()),
				new RegExp(`Received webhook "POST" for path "${triggerPath}"`),
				'webhook process 1 received the callback',
			);

			// verification happens in the webhook process: a forged callback is refused there
			const forged = await sendCallback(A, { ...deliveredCallback, ...sim.sign(), signature: 'forged' });
			assert.equal(forged.status, 401, forged.text);
			assert.equal(forged.json?.error, 'Callback rejected');
			const after = await routingExecutionsByKey();
			assert.equal([...after.values()].flat().length, 1, 'the forged callback started nothing');
		});

		test('sequential replay across webhook processes (version 2): a copy refused there starts nothing, one taken starts one more', async () => {
			assert.ok(deliveredCallback, 'needs the callback-routing test');
			// n8n now answers once the execution is queued and saves the static data after that;
			// the worker may save the static data it started with over it (measured, README)
			const toB = await sendCallback(B, deliveredCallback);
			assert.equal(toB.status, 200, toB.text);
			const kept = toB.json?.duplicate === true;
			const toA = await sendCallback(A, deliveredCallback);
			assert.deepEqual(toA.json, { received: true, duplicate: true }, 'the accepting process refuses from memory');
			assert.match(stripAnsi(B.readLog()), new RegExp(`Received webhook "POST" for path "${triggerPath}"`));

			// the other direction with a fresh callback: accepted at 2, then at 1 refused if kept
			const cb = freshCallback();
			const first = await sendCallback(B, cb);
			assert.deepEqual(first.json, { received: true });
			assert.deepEqual((await countFor([cb])), [1]);
			const again = await sendCallback(A, cb);
			assert.ok(again.json?.received, again.text);
			const cbKept = again.json?.duplicate === true;
			assert.deepEqual(await countFor([deliveredCallback, cb]), [kept ? 1 : 2, cbKept ? 1 : 2], 'a second execution only where the record was gone');
			console.log(`# sequential copies at the other process (version 2): ${Number(kept) + Number(cbKept)}/2 refused from static data`);
		});

		test('one signing moment: two jobs, and a provisional then a final result, all run at either process; a byte-identical resend does not', async () => {
			assert.ok(deliveredCallback, 'needs the callback-routing test');
			// Three real simulator jobs whose four results are signed in one moment, hence with one
			// timestamp and signature. The simulator delivers them to a sink; the test posts them.
			sim.setSigningClock({ freeze: true });
			/** @type {any[]} */
			let results;
			try {
				const jobs = await Promise.all(
					['approved-same-x', 'approved-same-y', 'provisional-same'].map((prefix) =>
						submitSimJob(sim, { jobType: 6, userId: `${prefix}-${rand()}`, callbackUrl: `${sink.url}/same-moment` }),
					),
				);
				results = [];
				for (const [job, n] of /** @type {const} */ ([[jobs[0], 1], [jobs[1], 1], [jobs[2], 2]])) {
					results.push(...(await simCallbacks(sim, job.jobId, n)).map((/** @type {any} */ c) => c.payload));
				}
			} finally {
				sim.setSigningClock({});
			}
			const [x, y, provisional, final] = results;
			assert.equal(new Set(results.map((r) => `${r.timestamp}|${r.signature}`)).size, 1, 'one signing moment');
			assert.deepEqual([provisional.IsFinalResult, final.IsFinalResult], ['false', 'true']);
			// The provisional result first: the signature's first body runs on the signature alone.
			// Each later body with that signature runs once Job Status agrees with it.
			assert.deepEqual((await sendCallback(A, provisional)).json, { received: true });
			assert.deepEqual(await countFor([provisional]), [1]); // its execution and save are done
			const [ax, by] = await Promise.all([sendCallback(A, x), sendCallback(B, y)]);
			assert.deepEqual([ax.json, by.json], [{ received: true }, { received: true }]);
			assert.deepEqual((await sendCallback(B, final)).json, { received: true });
			assert.deepEqual(await countFor([x, y, provisional, final]), [1, 1, 1, 1], 'every result ran once');
			// Smile ID delivering the final result again, byte for byte: refused at the process that
			// took it (memory); at the other one only if static data kept the record
			const bytes = JSON.stringify(final);
			assert.deepEqual((await sendCallback(B, JSON.parse(bytes))).json, { received: true, duplicate: true });
			const atA = (await sendCallback(A, JSON.parse(bytes))).json;
			assert.ok(atA.received, JSON.stringify(atA));
			assert.deepEqual(await countFor([x, y, provisional, final]), [1, 1, 1, atA.duplicate ? 1 : 2], 'a "duplicate" answer started nothing');
		});

		test('copies arriving at ONE process at the same moment: exactly one execution', async () => {
			const cbs = Array.from({ length: 5 }, freshCallback);
			const answers = await Promise.all(cbs.map((cb) => Promise.all([sendCallback(A, cb), sendCallback(A, cb)])));
			for (const pair of answers) {
				const kinds = pair.map((r) => (r.json?.duplicate ? 'duplicate' : r.json?.received ? 'received' : `HTTP ${r.status} ${r.text}`)).sort();
				assert.deepEqual(kinds, ['duplicate', 'received']);
			}
			assert.deepEqual(await countFor(cbs), [1, 1, 1, 1, 1]);
		});

		test('copies arriving at TWO processes at the same moment: at most one execution per process (not guaranteed to be one)', async () => {
			const N = 8;
			const cbs = Array.from({ length: N }, freshCallback);
			/** @type {any[][]} */
			const answers = [];
			for (const cb of cbs) answers.push(await Promise.all([sendCallback(A, cb), sendCallback(B, cb)]));
			const counts = await countFor(cbs);
			let doubles = 0;
			for (let i = 0; i < N; i++) {
				for (const r of answers[i]) assert.equal(r.status, 200, r.text);
				const accepted = answers[i].filter((r) => r.json?.received && !r.json?.duplicate).length;
				assert.ok(accepted >= 1, 'at least one process accepted it');
				// an answer "duplicate" never starts an execution; "received" always starts one
				assert.equal(counts[i], accepted, `callback ${i}: executions = accepting processes`);
				if (counts[i] === 2) doubles++;
			}
			console.log(`# simultaneous copies at 2 webhook processes: ${doubles}/${N} started two executions, ${N - doubles}/${N} one`);
		});

		test('copy sent to the other process as soon as the first answered 200: measured', async () => {
			const N = 8;
			const cbs = Array.from({ length: N }, freshCallback);
			/** @type {any[]} */
			const seconds = [];
			for (const cb of cbs) {
				const first = await sendCallback(A, cb);
				assert.deepEqual(first.json, { received: true });
				seconds.push(await sendCallback(B, cb));
			}
			const counts = await countFor(cbs);
			for (let i = 0; i < N; i++) {
				assert.ok(counts[i] === 1 || counts[i] === 2, `callback ${i}: ${counts[i]} executions`);
				assert.equal(counts[i], seconds[i].json?.duplicate ? 1 : 2);
			}
			const doubles = counts.filter((c) => c === 2).length;
			console.log(`# copy to process 2 right after process 1 answered 200: ${doubles}/${N} started a second execution`);
		});

		test('different callbacks accepted at the same moment: records can be lost from static data (measured)', async () => {
			// two processes: x at 1 and y at 2 at the same moment; both load the static data,
			// add their record and save the whole object: the last save wins
			const N = 4;
			let lost = 0;
			/** @type {any[]} */
			const all = [];
			/** @type {number[]} */
			const expected = [];
			for (let i = 0; i < N; i++) {
				const x = freshCallback();
				const y = freshCallback();
				const [ax, by] = await Promise.all([sendCallback(A, x), sendCallback(B, y)]);
				assert.deepEqual(ax.json, { received: true });
				assert.deepEqual(by.json, { received: true });
				await routingExecutionsByKey({ quietMs: 1000 }); // both ran: both saves are done
				const keys = await persistedKeys();
				const xKept = keys.includes(keyOf(x));
				const yKept = keys.includes(keyOf(y));
				lost += Number(!xKept) + Number(!yKept);
				// a copy at the OTHER process is refused exactly when the record is in static data
				// a copy at the OTHER process: refused (record in static data) or run once more
				const bx = await sendCallback(B, x);
				const ay = await sendCallback(A, y);
				assert.ok(bx.json?.received && ay.json?.received, `${bx.text} ${ay.text}`);
				// the accepting process itself always refuses (its memory)
				assert.deepEqual((await sendCallback(A, x)).json, { received: true, duplicate: true });
				assert.deepEqual((await sendCallback(B, y)).json, { received: true, duplicate: true });
				all.push(x, y);
				expected.push(bx.json.duplicate ? 1 : 2, ay.json.duplicate ? 1 : 2);
			}
			assert.deepEqual(await countFor(all), expected, 'executions: 1, or 2 when the copy was taken');
			console.log(
				`# ${N} pairs of different callbacks accepted at the same moment by 2 processes: ${lost}/${2 * N} records lost from static data (each lost one let a copy at the other process start a second execution)`,
			);

			// the same happens inside ONE process (memory still refuses; static data matters after a restart)
			let lostOne = 0;
			for (let i = 0; i < N; i++) {
				const x = freshCallback();
				const y = freshCallback();
				const [ax, ay] = await Promise.all([sendCallback(A, x), sendCallback(A, y)]);
				assert.deepEqual(ax.json, { received: true });
				assert.deepEqual(ay.json, { received: true });
				await routingExecutionsByKey({ quietMs: 1000 });
				const keys = await persistedKeys();
				lostOne += Number(!keys.includes(keyOf(x))) + Number(!keys.includes(keyOf(y)));
				assert.deepEqual((await sendCallback(A, x)).json, { received: true, duplicate: true });
				assert.deepEqual((await sendCallback(A, y)).json, { received: true, duplicate: true });
			}
			console.log(`# ${N} pairs accepted at the same moment by ONE process: ${lostOne}/${2 * N} records lost from static data (that process still refuses them from memory until it restarts)`);
		});

		/** Every execution of a workflow once none is unfinished, full. @param {string} workflowId */
		async function settledExecutions(workflowId) {
			const deadline = Date.now() + 120_000;
			for (;;) {
				const list = await main.listExecutions({ workflowId, limit: 100 });
				if (!list.some((e) => ['new', 'running', 'unknown'].includes(e.status))) {
					const out = [];
					for (const e of list) out.push(fullExecutions.get(e.id) ?? (await main.getExecution(e.id)));
					for (const ex of out) fullExecutions.set(ex.id, ex);
					return out;
				}
				if (Date.now() > deadline) throw new Error(`executions of ${workflowId} did not finish`);
				await sleep(500);
			}
		}

		/** A trigger workflow of its own, served by both webhook processes. @param {number} version @param {Record<string, any>} [parameters] */
		async function triggerFlow(version, parameters = {}) {
			const wf = await main.createWorkflow(
				triggerWorkflow(`queue: trigger v${version}`, { path: `queue-v${version}-${rand()}`, ...parameters }, version),
				{ credential: cred },
			);
			await main.activateWorkflow(wf, { waitForWebhooks: false });
			await q.waitForWebhooks(wf);
			return { wf, path: `/webhook/${wf.nodes[0].parameters.path}` };
		}

		test('a webhook process killed right after its 2xx: every callback answered 2xx runs on the worker', async () => {
			const { wf, path: hookPath } = await triggerFlow(2);
			/** @type {string[]} */
			const answered = [];
			for (let round = 0; round < 3; round++) {
				const C = await q.addWebhookProcess({ name: `n8n${line}-webhook-crash${round}` });
				await C.waitForWebhook(hookPath.replace('/webhook/', ''));
				const post = async (/** @type {any} */ body) => (await C.post(hookPath, body)).status;
				answered.push(...(await streamUntilFirst2xx(post, () => void C.crash(), sim.credentials, `queue-crash-${round}`)));
				await C.crash();
			}
			// A callback the process was killed in before answering may leave an execution that was
			// never queued (status "new"): Smile ID sends that callback again. Every answered one must
			// have been queued, so the worker runs it.
			/** @type {string[]} */
			let lost = [];
			for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(1000)) {
				const done = [];
				for (const e of await main.listExecutions({ workflowId: wf.id, limit: 100 })) {
					if (e.status !== 'success') continue;
					const full = fullExecutions.get(e.id) ?? (await main.getExecution(e.id));
					fullExecutions.set(e.id, full);
					done.push(JSON.stringify(full));
				}
				lost = answered.filter((jobId) => !done.some((t) => t.includes(jobId)));
				if (lost.length === 0) break;
			}
			console.log(`# queue mode: ${answered.length} callbacks answered 2xx over 3 SIGKILLs of a webhook process, ${lost.length} without a successful execution on the worker`);
			assert.ok(answered.length >= 3);
			assert.deepEqual(lost, [], 'every callback answered 2xx has its execution');
		});

		test('a changed copy at the other webhook process: version 3 never runs the changed result (version 2 measured)', async () => {
			const N = 5;
			const v3 = await triggerFlow(3);
			const v2 = await triggerFlow(2);
			const jobs = await Promise.all(
				Array.from({ length: N }, () =>
					submitSimJob(sim, { jobType: 6, userId: `rejected-copy-${rand()}`, callbackUrl: `${sink.url}/changed-copy` }),
				),
			);
			/** @type {any[]} */
			const genuine = [];
			for (const job of jobs) genuine.push((await simCallbacks(sim, job.jobId))[0].payload);
			const genuineCode = genuine[0].ResultCode;
			assert.notEqual(genuineCode, '0810');
			/** @type {Record<string, number>} */
			const changedRuns = {};
			for (const [label, flow] of /** @type {const} */ ([['v3', v3], ['v2', v2]])) {
				// the genuine callback at one process, the changed copy at the other at the same moment
				for (const cb of genuine) {
					const changed = { ...cb, ResultCode: '0810', ResultText: 'Document Verified' };
					const [a, b] = await Promise.all([A.post(flow.path, cb), B.post(flow.path, changed)]);
					assert.ok(a.status === 200 || a.status === 401, a.text);
					assert.ok(b.status === 200 || b.status === 401, b.text);
				}
				const outputs = (await settledExecutions(flow.wf.id)).map((ex) => N8nInstance.nodeOutput(ex, TRIGGER_NAME)?.[0]?.[0]);
				changedRuns[label] = outputs.filter((o) => o?.resultCode === '0810').length;
				if (label === 'v3') {
					assert.equal(changedRuns.v3, 0, 'no execution ran the changed result');
					assert.ok(outputs.every((o) => o?.resultCode === genuineCode && o?.jobStatus), 'every run has the signed result');
				}
			}
			console.log(`# changed copies at the other webhook process: version 3 ran ${changedRuns.v3}/${N} with the changed result, version 2 ran ${changedRuns.v2}/${N}`);
		});

		test('distinct callbacks accepted at the same moment: what the static-data memory keeps (version 2) and that version 3 writes none', async () => {
			const N = 40;
			const v2 = await triggerFlow(2);
			const v3 = await triggerFlow(3, { confirmWithJobStatus: false });
			/** @type {Record<string, number>} */
			const kept = {};
			for (const [label, flow] of /** @type {const} */ ([['v2', v2], ['v3', v3]])) {
				// a millisecond apart: callbacks signed in one millisecond share a signature
				const signedAt = Date.now();
				const cbs = Array.from({ length: N }, (_, i) => signCallback(approvedCallback(`static-${label}-${i}-${rand()}`), sim.credentials, { timestamp: new Date(signedAt - i).toISOString() }));
				const answers = await Promise.all(cbs.map((cb, i) => (i % 2 ? B : A).post(flow.path, cb)));
				for (const r of answers) assert.deepEqual(r.json, { received: true });
				assert.equal((await settledExecutions(flow.wf.id)).length, N);
				const stored = (await main.getWorkflow(flow.wf.id))?.staticData?.[`node:${TRIGGER_NAME}`];
				kept[label] = Object.keys(stored?.acceptedCallbacks ?? {}).length;
			}
			console.log(`# ${N} distinct callbacks at once over 2 webhook processes: static data kept ${kept.v2}/${N} records (version 2), ${kept.v3} (version 3 writes none)`);
			assert.equal(kept.v3, 0);
		});

		test('a webhook process WITHOUT the package answers 400 "Unrecognized node type" and starts nothing', async () => {
			const C = await q.addWebhookProcess({ withPackage: false, name: `n8n${line}-webhook-no-package` });
			const before = [...(await routingExecutionsByKey()).values()].flat().length;
			const res = await sendCallback(C, freshCallback());
			assert.equal(res.status, 400, res.text);
			assert.match(res.text, /Unrecognized node type: n8n-nodes-smileid\.smileIdTrigger/);
			assert.match(stripAnsi(C.readLog()), /Unrecognized node type: n8n-nodes-smileid\.smileIdTrigger/);
			assert.equal([...(await routingExecutionsByKey()).values()].flat().length, before);
		});
	});
}
