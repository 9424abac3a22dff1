// @ts-check
/**
 * Helpers for the end-to-end tests of the Smile ID TRIGGER and of the example workflows
 * (trigger-callbacks.test.mjs, trigger-settings.test.mjs, examples.test.mjs) in real n8n.
 *
 * - `submitSimJob(sim, …)`: a Smile ID job sent straight to the simulator the way a partner's
 *   own backend would (signed prep upload with node:crypto, a zip built with jszip, the
 *   presigned PUT), so the simulator's real, signed callbacks go to whatever URL the test names.
 * - `signCallback` / `signature`: callback signatures computed here, independently of the package.
 * - `triggerWorkflow(…)`: Smile ID Trigger → Set, as users build it.
 * - `ExecutionLog`: finished executions of a workflow, fetched once each, waited for by predicate.
 * - `startSink()`: a loopback HTTP server that answers 200 and records what it receives.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

import { REPO_ROOT } from './install.mjs';

const require = createRequire(import.meta.url);
/** @type {any} */
const JSZip = require('jszip');
/** @type {{ makeJpeg: (o?: {width?: number, height?: number, bytes?: number, seed?: string}) => Buffer }} */
const { makeJpeg } = require(path.join(REPO_ROOT, 'test', 'fixtures', 'jpeg.js'));
/** @type {{ referenceSignature: (p: {apiKey: string, partnerId: string, timestamp: string}) => string }} */
const { referenceSignature } = require(path.join(REPO_ROOT, 'test', 'fixtures', 'signing.js'));
export { makeJpeg };

export const TRIGGER_TYPE = 'n8n-nodes-smileid.smileIdTrigger';
export const TRIGGER_NAME = 'Smile ID Trigger';

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A short random suffix for unique IDs. */
export function rnd(n = 4) {
	return crypto.randomBytes(n).toString('hex');
}

/** @param {Buffer | Uint8Array | string} data */
export function sha256(data) {
	return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Smile ID's signature: base64 HMAC-SHA256(apiKey, timestamp + partnerId + "sid_request").
 * @param {string} apiKey @param {string} partnerId @param {string} timestamp
 */
export function signature(apiKey, partnerId, timestamp) {
	return referenceSignature({ apiKey, partnerId, timestamp });
}

/**
 * A copy of a callback body with a fresh (or given) timestamp and a signature for it.
 * @param {Record<string, any>} body @param {{apiKey: string, partnerId: string}} cred
 * @param {{timestamp?: string, offsetMs?: number}} [o]
 * @returns {Record<string, any>}
 */
export function signCallback(body, cred, o = {}) {
	const timestamp = o.timestamp ?? new Date(Date.now() + (o.offsetMs ?? 0)).toISOString();
	return { ...body, timestamp, signature: signature(cred.apiKey, cred.partnerId, timestamp) };
}

/** A genuine-looking approved Document Verification callback for a job. @param {string} jobId */
export function approvedCallback(jobId) {
	return {
		ResultCode: '0810',
		ResultText: 'Document Verified',
		IsFinalResult: 'true',
		SmileJobID: String(Date.now()).slice(-10),
		PartnerParams: { job_id: jobId, user_id: `user-${jobId}`, job_type: 6 },
	};
}

/**
 * Posts a stream of genuine callbacks (unique job IDs, 2 ms apart) and calls `kill` the moment
 * the first is answered 2xx. Returns the job IDs of every callback answered 2xx.
 * @param {(body: Record<string, any>) => Promise<number>} post posts one body, gives the HTTP status
 * @param {() => void} kill @param {{apiKey: string, partnerId: string}} cred @param {string} prefix
 */
export async function streamUntilFirst2xx(post, kill, cred, prefix, n = 12) {
	/** @type {string[]} */
	const answered = [];
	const posts = [];
	const signedAt = Date.now();
	for (let i = 0; i < n; i++) {
		const jobId = `${prefix}-${i}-${rnd(3)}`;
		posts.push(
			post(
				signCallback(approvedCallback(jobId), cred, {
					timestamp: new Date(signedAt - i).toISOString(),
				}),
			)
				.then((status) => {
					if (status >= 300) return;
					answered.push(jobId);
					if (answered.length === 1) kill();
				})
				.catch(() => undefined),
		);
		await sleep(2);
	}
	await Promise.all(posts);
	return answered;
}

/**
 * Submit a job straight to the simulator: prep upload (signed), zip (info.json + JPEGs), PUT.
 * Job types 2, 4 (selfie + 4 liveness frames) and 6 (selfie + ID front, id_info).
 * @param {any} sim in-process simulator (startSim)
 * @param {{jobType: 2|4|6, userId: string, callbackUrl: string, jobId?: string, country?: string,
 *   idType?: string, front?: Buffer, selfie?: Buffer}} o
 * @returns {Promise<{jobId: string, userId: string, smileJobId: string, front: Buffer, selfie: Buffer}>}
 */
export async function submitSimJob(sim, o) {
	const { partnerId, apiKey, baseUrl } = sim.credentials;
	const jobId = o.jobId ?? `trg-${o.jobType}-${rnd(6)}`;
	const timestamp = new Date().toISOString();
	const prep = await fetch(`${baseUrl}/v1/upload`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			signature: signature(apiKey, partnerId, timestamp),
			timestamp,
			smile_client_id: partnerId,
			partner_params: { job_id: jobId, user_id: o.userId, job_type: o.jobType },
			model_parameters: {},
			callback_url: o.callbackUrl,
			file_name: 'job.zip',
		}),
	});
	const prepBody = /** @type {any} */ (await prep.json());
	if (prep.status !== 200 || !prepBody.upload_url) {
		throw new Error(`prep upload for ${jobId} -> HTTP ${prep.status} ${JSON.stringify(prepBody)}`);
	}
	const selfie =
		o.selfie ?? makeJpeg({ width: 720, height: 960, bytes: 9 * 1024, seed: `${jobId}-selfie` });
	const front =
		o.front ?? makeJpeg({ width: 1600, height: 1000, bytes: 24 * 1024, seed: `${jobId}-front` });
	const zip = new JSZip();
	/** @type {any[]} */
	const images = [{ image_type_id: 0, image: '', file_name: 'selfie.jpg' }];
	zip.file('selfie.jpg', selfie);
	if (o.jobType === 6) {
		images.push({ image_type_id: 1, image: '', file_name: 'id_front.jpg' });
		zip.file('id_front.jpg', front);
	} else {
		for (let i = 1; i <= 4; i++) {
			images.push({ image_type_id: 4, image: '', file_name: `liveness_${i}.jpg` });
			zip.file(
				`liveness_${i}.jpg`,
				makeJpeg({ width: 320, height: 480, bytes: 2048, seed: `${jobId}-l${i}` }),
			);
		}
	}
	zip.file(
		'info.json',
		JSON.stringify({
			package_information: { apiVersion: { buildNumber: 0, majorVersion: 2, minorVersion: 0 } },
			...(o.jobType === 6
				? { id_info: { country: o.country ?? 'NG', id_type: o.idType ?? 'PASSPORT' } }
				: {}),
			images,
		}),
	);
	const put = await fetch(prepBody.upload_url, {
		method: 'PUT',
		headers: { 'content-type': 'application/zip' },
		body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
	});
	if (put.status !== 200)
		throw new Error(`PUT for ${jobId} -> HTTP ${put.status} ${await put.text()}`);
	return { jobId, userId: o.userId, smileJobId: prepBody.smile_job_id, front, selfie };
}

/**
 * Wait until the simulator has delivered (or failed) `n` callbacks of a job; returns them.
 * @param {any} sim @param {string} jobId @param {number} [n] @param {number} [timeoutMs]
 */
export async function simCallbacks(sim, jobId, n = 1, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const job = sim.jobs.get(jobId);
		const done = (job?.callbacks ?? []).filter(
			(/** @type {any} */ c) => !c.replay && c.status !== 'pending',
		);
		if (done.length >= n) return done;
		if (Date.now() > deadline) {
			throw new Error(
				`job ${jobId}: ${done.length}/${n} callbacks done within ${timeoutMs} ms; job: ${JSON.stringify(
					job
						? { status: job.status, failure: job.failure, callbacks: job.callbacks?.length }
						: null,
				)}`,
			);
		}
		await sleep(100);
	}
}

/**
 * Smile ID Trigger → Set ("Received"), as a workflow JSON.
 * @param {string} name @param {Record<string, any>} parameters trigger parameters (path, jobTypes, …)
 * @param {number} [typeVersion] the trigger's version: 2 as the editor adds it today, 1 as in
 *   workflows built before version 2
 */
export function triggerWorkflow(name, parameters, typeVersion = 2) {
	return {
		name,
		nodes: [
			{
				id: crypto.randomUUID(),
				name: TRIGGER_NAME,
				type: TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				parameters,
			},
			{
				id: crypto.randomUUID(),
				name: 'Received',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [240, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: crypto.randomUUID(), name: 'handled', value: 'yes', type: 'string' },
						],
					},
					includeOtherFields: true,
					options: {},
				},
			},
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * First output item ({json, binary}) of a node in an execution (last run, output 0).
 * @param {any} ex @param {string} [node]
 */
export function firstItem(ex, node = TRIGGER_NAME) {
	const runs = ex?.data?.resultData?.runData?.[node];
	return runs?.[runs.length - 1]?.data?.main?.[0]?.[0];
}

/**
 * Finished executions of workflows, each fetched once (finished executions do not change).
 */
export class ExecutionLog {
	/** @param {import('./n8n.mjs').N8nInstance} n8n */
	constructor(n8n) {
		this.n8n = n8n;
		/** @type {Map<string, any>} */
		this.cache = new Map();
	}

	/** Every execution (summaries) of a workflow. @param {string} workflowId */
	async summaries(workflowId) {
		return this.n8n.listExecutions({ workflowId, limit: 100 });
	}

	/** Number of executions (any status) of a workflow. @param {string} workflowId */
	async count(workflowId) {
		return (await this.summaries(workflowId)).length;
	}

	/**
	 * Finished executions of a workflow, oldest first, with run data.
	 * @param {string} workflowId @param {{allowWaiting?: boolean}} [o]
	 */
	async finished(workflowId, o = {}) {
		const out = [];
		for (const s of await this.summaries(workflowId)) {
			const running =
				['new', 'running', 'unknown'].includes(s.status) ||
				(!o.allowWaiting && s.status === 'waiting');
			if (running) continue;
			let full = this.cache.get(String(s.id));
			if (!full || full.status !== s.status) {
				full = await this.n8n.getExecution(String(s.id));
				if (!['waiting'].includes(full.status)) this.cache.set(String(s.id), full);
			}
			out.push(full);
		}
		return out.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * Wait until `n` finished executions of the workflow match `predicate`; returns them oldest first.
	 * @param {string} workflowId @param {(ex: any) => boolean} predicate
	 * @param {{n?: number, timeoutMs?: number, allowWaiting?: boolean}} [o]
	 */
	async waitFor(workflowId, predicate, o = {}) {
		const n = o.n ?? 1;
		const deadline = Date.now() + (o.timeoutMs ?? 60_000);
		for (;;) {
			const all = await this.finished(workflowId, o);
			const hits = all.filter(predicate);
			if (hits.length >= n) return hits;
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${hits.length}/${n} matching executions within the timeout; all: ${JSON.stringify(
						all.map((e) => ({ id: e.id, status: e.status, jobId: firstItem(e)?.json?.jobId })),
					)}`,
				);
			}
			await sleep(300);
		}
	}
}

/**
 * Loopback HTTP server answering 200 {ok:true} to everything and recording JSON bodies.
 * @returns {Promise<{url: string, received: {path: string, body: any, at: number}[], stop: () => Promise<void>}>}
 */
export async function startSink() {
	/** @type {{path: string, body: any, at: number}[]} */
	const received = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			let body;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				body = Buffer.concat(chunks).toString('utf8');
			}
			received.push({ path: req.url ?? '/', body, at: Date.now() });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve(undefined));
			}),
	};
}
