// @ts-check
'use strict';
const { fakeExecuteContext } = require('../../fixtures/context');
const { referenceSignature } = require('../../fixtures/signing');
const { requestVerifiedJobStatus } = require('../../../dist/nodes/SmileId/jobs/jobStatus');

const KEY = 'sk_test_job_status';
const PARTNER = '085';
const sign = (/** @type {string} */ timestamp) =>
	referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp });

/** A node context whose only HTTP answer is `body` (Smile ID's job status answer). */
function contextAnswering(/** @type {Record<string, unknown>} */ body) {
	return fakeExecuteContext({ request: async () => ({ statusCode: 200, body }) });
}

function answer(/** @type {string} */ timestamp, signature = sign(timestamp)) {
	return { code: '2302', job_complete: true, job_success: true, result: { ResultCode: '0810' }, timestamp, signature };
}

const query = { userId: 'user-1', jobId: 'job-1' };
const ask = (/** @type {Record<string, unknown>} */ body) =>
	requestVerifiedJobStatus.call(/** @type {any} */ (contextAnswering(body)), { apiKey: KEY, partnerId: PARTNER }, query);

describe('Job Status answers: signature checked, no freshness window (as Smile ID SDKs)', () => {
	const hoursAgo = (/** @type {number} */ h) => new Date(Date.now() - h * 3600_000);

	test.each([
		['ISO, 2 hours old (host clock 2 h ahead)', hoursAgo(2).toISOString()],
		['ISO, 3 days in the future', new Date(Date.now() + 3 * 86400_000).toISOString()],
		['Ruby Time#to_s, 2 hours old', `${hoursAgo(2).toISOString().slice(0, 19).replace('T', ' ')} +0000`],
		['zone-less with microseconds', `${new Date().toISOString().slice(0, 23)}614`],
		['a text whose time cannot be read', 'not a time'],
	])('%s: accepted', async (_label, timestamp) => {
		const body = answer(timestamp);
		await expect(ask(body)).resolves.toEqual(body);
	});

	test('a forged signature is still refused', async () => {
		await expect(ask(answer(new Date().toISOString(), Buffer.alloc(32, 9).toString('base64')))).rejects.toThrow(
			'The job status answer could not be verified: The signature does not match this partner ID and API key',
		);
	});

	test('a signature over another timestamp text of the same instant is refused', async () => {
		const timestamp = new Date().toISOString();
		await expect(ask(answer(timestamp.replace('Z', '+00:00'), sign(timestamp)))).rejects.toThrow(
			/could not be verified: The signature does not match/,
		);
	});
});
