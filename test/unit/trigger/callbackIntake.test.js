// @ts-check
'use strict';
const crypto = require('crypto');
const { referenceSignature } = require('../../fixtures/signing');
const { EventEmitter } = require('events');
const { takeCallback } = require('../../../dist/nodes/SmileId/trigger/callbackIntake');
const { SmileIdTrigger } = require('../../../dist/nodes/SmileId/SmileIdTrigger.node');

const KEY = 'sk_test_intake';
const PARTNER = '085';

const signedNow = () => {
	const timestamp = new Date().toISOString();
	return {
		timestamp,
		signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp }),
	};
};

/** A genuine rejected Document Verification callback, freshly signed. */
function genuine(jobId = `job-${crypto.randomUUID()}`, signed = signedNow()) {
	return {
		ResultCode: '0812',
		ResultText: 'Document not verified',
		IsFinalResult: 'true',
		SmileJobID: '0000001234',
		PartnerParams: { job_id: jobId, user_id: 'user-1', job_type: 6 },
		Document: Buffer.from('jpeg bytes').toString('base64'),
		...signed,
	};
}

/** What Smile ID's Job Status answers for that job, signed. */
function jobStatusOf(/** @type {Record<string, any>} */ callback) {
	const { timestamp: _t, signature: _s, ...result } = callback;
	return { code: '2302', job_complete: true, job_success: false, result, ...signedNow() };
}

/**
 * One trigger (its own workflow, static data and credential) as n8n runs it: `post` hands it
 * a callback body and answers what the webhook would, or the error n8n would answer 5xx for.
 * @param {{settings?: Record<string, unknown>, jobStatus?: () => Promise<{statusCode: number, body: unknown}>,
 *   prepareBinaryData?: () => Promise<unknown>, version?: number, parameters?: Record<string, unknown>}} o
 */
function trigger(o = {}) {
	const workflowId = crypto.randomUUID();
	const staticData = {};
	const jobStatusCalls = [];
	/** What n8n hands the trigger for one request. @param {unknown} body @param {unknown} [response] */
	const contextFor = (body, response) => ({
		getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
		getBodyData: () => body,
		getResponseObject: () => response,
		getNodeParameter: (/** @type {string} */ name, /** @type {unknown} */ fallback) =>
			name === 'settings' ? { ...o.settings } : (o.parameters?.[name] ?? fallback),
		getNode: () => ({
			name: 'Smile ID Trigger',
			type: 'n8n-nodes-smileid.smileIdTrigger',
			typeVersion: o.version ?? 2,
			position: [0, 0],
			parameters: {},
			credentials: { smileIdApi: { id: `cred-${workflowId}`, name: 'Smile ID' } },
		}),
		getCredentials: async () => ({ apiKey: KEY, partnerId: PARTNER }),
		getWorkflow: () => ({ id: workflowId }),
		getWorkflowStaticData: () => staticData,
		helpers: {
			prepareBinaryData: o.prepareBinaryData ?? (async () => ({ mimeType: 'image/jpeg' })),
			httpRequestWithAuthentication: async (
				/** @type {string} */ _credential,
				/** @type {any} */ request,
			) => {
				jobStatusCalls.push(request.body);
				if (!o.jobStatus) throw new Error('no Job Status call expected');
				return await o.jobStatus();
			},
		},
	});
	const post = async (/** @type {unknown} */ body) => {
		try {
			return await takeCallback.call(/** @type {any} */ (contextFor(body)));
		} catch (error) {
			return { thrown: /** @type {Error} */ (error).message };
		}
	};
	/** The node's webhook() on a callback, with the response n8n would write to. */
	const webhook = async (/** @type {unknown} */ body, /** @type {unknown} */ response) =>
		await new SmileIdTrigger().webhook.call(/** @type {any} */ (contextFor(body, response)));
	return { post, webhook, staticData, jobStatusCalls };
}

const ran = (/** @type {any} */ intake) => intake.item !== undefined;

describe('the trigger never loses a genuine result to a failure after the replay record', () => {
	test('binary storage fails: the error leaves (n8n answers 5xx), and the retry runs', async () => {
		let failures = 1;
		const { post, staticData } = trigger({
			settings: { documentToBinary: true },
			prepareBinaryData: async () => {
				if (failures-- > 0) throw new Error('binary data storage is not writable');
				return { mimeType: 'image/jpeg', fileName: 'document.jpg' };
			},
		});
		const body = genuine();
		expect(await post(body)).toEqual({ thrown: 'binary data storage is not writable' });
		expect(staticData).toMatchObject({ acceptedCallbacks: {}, acceptedSignatures: {} });
		const retry = await post(body);
		expect(retry).toMatchObject({ status: 200, answer: { received: true } });
		expect(retry.item.binary.document).toEqual({
			mimeType: 'image/jpeg',
			fileName: 'document.jpg',
		});
		expect(await post(body)).toEqual({ status: 200, answer: { received: true, duplicate: true } });
	});

	test('Job Status down while confirming: 503, and the retry runs', async () => {
		let up = false;
		const body = genuine();
		const { post } = trigger({
			settings: { confirmWithJobStatus: true },
			jobStatus: async () =>
				up ? { statusCode: 200, body: jobStatusOf(body) } : Promise.reject(new Error('ECONNRESET')),
		});
		expect(await post(body)).toEqual({
			status: 503,
			answer: {
				error: 'The callback could not be confirmed with Job Status; send it again later',
				reason: 'ECONNRESET',
			},
		});
		up = true;
		expect(ran(await post(body))).toBe(true);
	});
});

describe('a callback whose timestamp and signature came with another body', () => {
	const reuse =
		'The timestamp and signature of this callback came before with a different body (the signature does not cover the body)';

	test('ResultCode changed to approved: refused 401 naming the reuse, after one Job Status call; again on a re-post', async () => {
		const body = genuine();
		const { post, jobStatusCalls } = trigger({
			jobStatus: async () => ({ statusCode: 200, body: jobStatusOf(body) }),
		});
		const first = await post(body);
		expect(first.item.json.outcome).toBe('rejected');
		expect(jobStatusCalls).toEqual([]);
		const tampered = { ...body, ResultCode: '0810', ResultText: 'Document Verified' };
		const refused = {
			status: 401,
			answer: {
				error: 'Callback rejected',
				reason: 'signature_reused',
				message: `${reuse}, and the job's signed status from Smile ID disagrees on resultCode: the body was changed after signing. To see the genuine result, look the job up with the Job Status operation.`,
			},
		};
		expect(await post(tampered)).toEqual(refused);
		expect(jobStatusCalls).toEqual([
			{ user_id: 'user-1', job_id: body.PartnerParams.job_id, history: false, image_links: false },
		]);
		expect(await post(tampered)).toEqual(refused);
		expect(await post(body)).toEqual({ status: 200, answer: { received: true, duplicate: true } });
	});

	test('user ID changed: Job Status knows no such job, so 503 (no run), naming the reuse', async () => {
		const body = genuine();
		const { post } = trigger({
			jobStatus: async () => ({ statusCode: 404, body: { code: '2304', error: 'Job not found' } }),
		});
		expect(ran(await post(body))).toBe(true);
		const answer = await post({
			...body,
			PartnerParams: { ...body.PartnerParams, user_id: 'user-2' },
		});
		expect(answer.status).toBe(503);
		expect(answer.item).toBeUndefined();
		expect(answer.answer.reason).toMatch(
			new RegExp(`^${reuse.replace(/[()]/g, '\\$&')}, so it must be confirmed with Job Status: `),
		);
	});

	test('another job signed in the same moment: Job Status agrees, it runs with the signed status', async () => {
		const signed = signedNow();
		const a = genuine('job-a', signed);
		const b = { ...genuine('job-b', signed), ResultCode: '0810', ResultText: 'Document Verified' };
		const { post, jobStatusCalls } = trigger({
			jobStatus: async () => ({ statusCode: 200, body: jobStatusOf(b) }),
		});
		expect(ran(await post(a))).toBe(true);
		const second = await post(b);
		expect(second).toMatchObject({ status: 200, answer: { received: true } });
		expect(second.item.json).toMatchObject({ jobId: 'job-b', outcome: 'approved', raw: b });
		expect(second.item.json.jobStatus.result.ResultCode).toBe('0810');
		expect(jobStatusCalls.map((c) => c.job_id)).toEqual(['job-b']);
		expect(await post(b)).toEqual({ status: 200, answer: { received: true, duplicate: true } });
	});

	test('with Confirm With Job Status on, a disagreeing reused signature is refused too', async () => {
		const body = genuine();
		const { post } = trigger({
			settings: { confirmWithJobStatus: true },
			jobStatus: async () => ({ statusCode: 200, body: jobStatusOf(body) }),
		});
		expect(ran(await post(body))).toBe(true);
		expect(await post({ ...body, ResultCode: '0810' })).toMatchObject({
			status: 401,
			answer: { reason: 'signature_reused' },
		});
	});
});

describe('version 3: every callback confirmed with Job Status, no static-data memory', () => {
	test('by default the result comes from Job Status, and static data stays untouched', async () => {
		const body = genuine();
		const { post, staticData, jobStatusCalls } = trigger({
			version: 3,
			jobStatus: async () => ({ statusCode: 200, body: jobStatusOf(body) }),
		});
		const taken = await post(body);
		expect(taken).toMatchObject({ status: 200, answer: { received: true } });
		expect(taken.item.json).toMatchObject({ outcome: 'rejected', raw: body });
		expect(taken.item.json.jobStatus.result.ResultCode).toBe('0812');
		expect(jobStatusCalls).toHaveLength(1);
		expect(staticData).toEqual({});
		expect(await post(body)).toEqual({ status: 200, answer: { received: true, duplicate: true } });
	});

	test('a changed copy at a process that never saw the original runs with the signed result', async () => {
		const body = genuine();
		const changed = { ...body, ResultCode: '0810', ResultText: 'Document Verified' };
		const { post } = trigger({
			version: 3,
			jobStatus: async () => ({ statusCode: 200, body: jobStatusOf(body) }),
		});
		const taken = await post(changed);
		expect(taken.item.json).toMatchObject({ resultCode: '0812', outcome: 'rejected' });
	});

	test('Job Status unreachable: 503, nothing recorded, and the retry runs', async () => {
		let up = false;
		const body = genuine();
		const { post } = trigger({
			version: 3,
			jobStatus: async () =>
				up ? { statusCode: 200, body: jobStatusOf(body) } : Promise.reject(new Error('ETIMEDOUT')),
		});
		expect(await post(body)).toMatchObject({ status: 503, answer: { reason: 'ETIMEDOUT' } });
		up = true;
		expect(ran(await post(body))).toBe(true);
	});

	test('Confirm With Job Status turned off: no Job Status call', async () => {
		const { post, jobStatusCalls } = trigger({
			version: 3,
			parameters: { confirmWithJobStatus: false },
		});
		expect(ran(await post(genuine()))).toBe(true);
		expect(jobStatusCalls).toEqual([]);
	});
});

describe('the memory keeps an accepted callback only once its 2xx went out', () => {
	test.each([2, 3])(
		'version %i: released (the answer failed), the retry runs again',
		async (version) => {
			const body = genuine();
			const { post, staticData } = trigger({
				version,
				parameters: { confirmWithJobStatus: false },
			});
			const taken = await post(body);
			expect(ran(taken)).toBe(true);
			taken.release();
			expect(staticData.acceptedCallbacks ?? {}).toEqual({});
			expect(ran(await post(body))).toBe(true);
			expect(await post(body)).toEqual({
				status: 200,
				answer: { received: true, duplicate: true },
			});
		},
	);
});

/** A response as n8n writes it: `answer(status)` ends it, `drop()` closes it unanswered. */
function fakeResponse() {
	const response = Object.assign(new EventEmitter(), {
		statusCode: 200,
		writableFinished: false,
		status(/** @type {number} */ code) {
			response.statusCode = code;
			return response;
		},
		json() {
			response.writableFinished = true;
			response.emit('close');
		},
	});
	return {
		response,
		answer(/** @type {number} */ code) {
			response.statusCode = code;
			response.writableFinished = true;
			response.emit('close');
		},
		drop() {
			response.emit('close');
		},
	};
}

describe('the trigger node: n8n answers accepted callbacks, the node refusals', () => {
	test('accepted: n8n gets the answer and the item, and writes nothing itself', async () => {
		const { webhook } = trigger({ version: 3, parameters: { confirmWithJobStatus: false } });
		const { response } = fakeResponse();
		const body = genuine();
		const result = await webhook(body, response);
		expect(result.webhookResponse).toEqual({ received: true });
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData[0][0].json).toMatchObject({ jobId: body.PartnerParams.job_id });
		expect(response.writableFinished).toBe(false);
	});

	test.each([
		[
			'n8n answered 500 (the execution could not be created)',
			(/** @type {any} */ r) => r.answer(500),
		],
		['the connection closed before any answer', (/** @type {any} */ r) => r.drop()],
	])('%s: the callback is forgotten, so the retry runs', async (_label, fail) => {
		const { webhook } = trigger({ version: 2 });
		const body = genuine();
		const first = fakeResponse();
		expect((await webhook(body, first.response)).workflowData).toHaveLength(1);
		fail(first);
		const retry = fakeResponse();
		expect((await webhook(body, retry.response)).workflowData).toHaveLength(1);
		retry.answer(200);
		const copy = fakeResponse();
		expect(await webhook(body, copy.response)).toEqual({ noWebhookResponse: true });
		expect(copy.response.statusCode).toBe(200);
	});

	test('a refusal is answered by the node and starts nothing', async () => {
		const { webhook } = trigger({ version: 3 });
		const { response } = fakeResponse();
		const forged = { ...genuine(), signature: 'AAAA' };
		expect(await webhook(forged, response)).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.writableFinished).toBe(true);
	});
});
