// @ts-check
/**
 * The setup the trigger's e2e files share (trigger-callbacks.test.mjs,
 * trigger-settings.test.mjs): the simulator, the sink and n8n of one line with an active
 * workflow per trigger variant, and the requests the tests make of them.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { startN8nWithPackage } from './harness.mjs';
import { startSim } from './sim.mjs';
import {
	ExecutionLog,
	TRIGGER_NAME,
	firstItem,
	rnd,
	simCallbacks,
	startSink,
	submitSimJob,
	triggerWorkflow,
} from './trigger-helpers.mjs';

/** Time a wrongly started execution gets to show up before we count. */
export const SETTLE_MS = 2_000;
export const ROTATE_OLD_KEY = `rotate-old-${crypto.randomBytes(8).toString('hex')}`;
export const ROTATE_NEW_KEY = `rotate-new-${crypto.randomBytes(8).toString('hex')}`;
export const rotateData = {
	partnerId: '085',
	environment: 'custom',
	baseUrl: 'http://127.0.0.1:9',
};

/** @typedef {Record<string, {wf: any, path: string, url: string}>} Hooks */

/**
 * Start the simulator, the sink and n8n of one line, with an active workflow per trigger
 * variant in `hooks` (and a version 1 trigger, and one on a credential of its own for the key
 * rotation test).
 * @param {string} line @param {Hooks} hooks
 */
export async function startTriggerBench(line, hooks) {
	const sim = await startSim({ partnerId: '085', provisionalDelayMs: 1500 });
	const sink = await startSink();
	const n8n = await startN8nWithPackage(line);
	const log = new ExecutionLog(n8n);
	console.log(
		`# n8n ${n8n.version} on node ${n8n.nodeVersion} ready in ${n8n.startupMs} ms (${n8n.baseUrl})`,
	);
	const cred = await n8n.createSmileIdCredential(
		sim.credentials,
		`Smile ID sim trigger (${line}.x)`,
	);
	/** @type {Record<string, Record<string, any>>} */
	const variants = {
		main: {},
		reject: {},
		jobTypes: { jobTypes: ['6'] },
		outcomes: { outcomes: ['approved'] },
		finalOnly: { finalOnly: true },
		window0: { settings: { windowMinutes: 0 } },
		docBinary: { settings: { documentToBinary: true } },
		confirm: { settings: { confirmWithJobStatus: true } },
	};
	for (const [key, params] of Object.entries(variants)) {
		const hookPath = `trg-${key.toLowerCase()}-${line}-${rnd()}`;
		const wf = await n8n.createActiveWorkflow(
			triggerWorkflow(`trigger ${key} ${line}.x`, { path: hookPath, ...params }),
			{ credential: cred },
		);
		const full = await n8n.getWorkflow(wf.id);
		const hook = (await n8n.productionWebhooks(full)).find((h) => h.node === TRIGGER_NAME);
		assert.ok(hook, `production webhook of ${key}`);
		hooks[key] = { wf: full, path: hook.path, url: hook.url };
	}
	const v1Path = `trg-v1-${line}-${rnd()}`;
	const v1Wf = await n8n.createActiveWorkflow(
		triggerWorkflow(`trigger v1 ${line}.x`, { path: v1Path }, 1),
		{ credential: cred },
	);
	hooks.v1 = { wf: await n8n.getWorkflow(v1Wf.id), path: v1Path, url: '' };
	// A credential of its own, so that changing its key touches no other test.
	const rotateCred = await n8n.createCredential({
		name: `Smile ID rotate (${line}.x)`,
		type: 'smileIdApi',
		data: { ...rotateData, apiKey: ROTATE_OLD_KEY },
	});
	const rotatePath = `trg-rotate-${line}-${rnd()}`;
	const rotateWf = await n8n.createActiveWorkflow(
		triggerWorkflow(`trigger rotate ${line}.x`, { path: rotatePath }),
		{ credential: rotateCred },
	);
	hooks.rotate = { wf: await n8n.getWorkflow(rotateWf.id), path: rotatePath, url: '' };
	console.log(`# trigger production URL (main): ${hooks.main.url}`);
	return { sim, sink, n8n, log, cred, rotateCred };
}

/**
 * The requests the tests make: `n8n()` and `log()` are read at each call (a restart replaces
 * them); every webhook answer is added to `answers`, for the "never echoes the API key" checks.
 * @param {{n8n: () => import('./n8n.mjs').N8nInstance, log: () => ExecutionLog, hooks: Hooks, answers: string[]}} o
 */
export function triggerRequests({ n8n, log, hooks, answers }) {
	/**
	 * POST to a trigger's production URL.
	 * @param {string} key @param {{json?: any, body?: string | Buffer, headers?: Record<string, string>}} o
	 */
	const post = async (key, o) => {
		const r = await n8n().callWebhook(hooks[key].path, {
			json: o.json,
			body: o.body,
			headers:
				o.body !== undefined
					? { 'content-type': 'application/json', ...(o.headers ?? {}) }
					: o.headers,
		});
		answers.push(r.text);
		return r;
	};

	/** Trigger output items of a workflow's executions for one job ID, oldest first. */
	const itemsFor = async (/** @type {string} */ key, /** @type {string} */ jobId, n = 1) => {
		const exs = await log().waitFor(
			hooks[key].wf.id,
			(ex) => firstItem(ex)?.json?.jobId === jobId,
			{
				n,
				timeoutMs: 90_000,
			},
		);
		return exs;
	};

	/** Executions of a workflow whose trigger output names this job ID. */
	const execsFor = async (/** @type {string} */ key, /** @type {string} */ jobId) =>
		(await log().finished(hooks[key].wf.id, { allowWaiting: true })).filter(
			(ex) => firstItem(ex)?.json?.jobId === jobId,
		);

	return { post, itemsFor, execsFor };
}

/**
 * A realistic callback body (the approved job's) with a unique job ID per case.
 * @param {{payload: any}} approved
 */
export const callbackBase = (approved) => (/** @type {string} */ tag) => {
	const body = structuredClone(approved.payload ?? { ResultCode: '0810', PartnerParams: {} });
	body.PartnerParams = { ...body.PartnerParams, job_id: `bad-${tag}-${rnd()}` };
	delete body.timestamp;
	delete body.signature;
	return body;
};

/**
 * An approved Document Verification submitted to the simulator with the callback to `url`,
 * the way the first test of trigger-callbacks.test.mjs makes it, once its execution finished:
 * its job ID and callback payload.
 * @param {any} sim @param {ExecutionLog} log @param {{wf: any, url: string}} hook
 */
export async function approvedCallback(sim, log, hook) {
	const job = await submitSimJob(sim, {
		jobType: 6,
		userId: `approved-trg-${rnd()}`,
		callbackUrl: hook.url,
	});
	const [cb] = await simCallbacks(sim, job.jobId, 1);
	assert.equal(cb.status, 'delivered', JSON.stringify(cb.attempts));
	await log.waitFor(hook.wf.id, (ex) => firstItem(ex)?.json?.jobId === job.jobId, {
		n: 1,
		timeoutMs: 90_000,
	});
	return { jobId: job.jobId, payload: structuredClone(cb.payload) };
}
