// @ts-check
'use strict';
/**
 * The router's two phases with a fake n8n context around the real AML Screen operation: its
 * checks run for every item before the first billed request, and a failure after some items
 * were sent says which.
 */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { router } = require('../../../dist/nodes/SmileId/actions/router');
const { fakeExecuteContext } = require('../../fixtures/context');

/**
 * @param {Array<Record<string, any>>} items the per-item AML fields
 * @param {{ continueOnFail?: boolean, concurrency?: number, refuse?: string }} [o] refuse: the user ID Smile ID refuses
 */
function amlRun(items, o = {}) {
	/** @type {Array<Record<string, any>>} */
	const sent = [];
	const context = fakeExecuteContext({
		items,
		parameters: {
			resource: 'aml',
			operation: 'screen',
			options: { concurrency: o.concurrency ?? 3 },
		},
		continueOnFail: o.continueOnFail,
		request: async (request) => {
			sent.push(request.body);
			if (request.body.user_id === o.refuse) {
				return { statusCode: 400, body: { code: '2204', error: 'Invalid birth_year' } };
			}
			return {
				statusCode: 200,
				body: {
					ResultCode: '1030',
					ResultText: 'Found on list',
					SmileJobID: `smile-${sent.length}`,
					PartnerParams: request.body.partner_params,
					Actions: { Listed: 'Not Listed' },
				},
			};
		},
	});
	return { sent, run: () => router.call(context) };
}

const person = (/** @type {number} */ n, /** @type {Record<string, any>} */ o = {}) => ({
	userId: `user-${n}`,
	jobId: `job-${n}`,
	fullName: 'John Leo Doe',
	birthYear: '1984',
	countries: 'NG',
	...o,
});

describe('router: every item is checked before any is sent', () => {
	test('Continue On Fail off: a bad middle item stops the run before the first request', async () => {
		const { sent, run } = amlRun([person(1), person(2, { birthYear: '84' }), person(3)]);
		const error = await run().catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Birth Year must be a four-digit year between 1900 and ' +
				`${new Date().getUTCFullYear()}, e.g. 1984; got "84".`,
		);
		expect(error.description).toBe(
			'Nothing was sent to Smile ID: the node checks all 3 items before it sends the first. Fix item 2 and run the node again.',
		);
		expect(error.context.itemIndex).toBe(1);
		expect(sent).toEqual([]);
	});

	test('Continue On Fail on: the bad item is an error item and is never sent; the others are', async () => {
		const { sent, run } = amlRun([person(1), person(2, { birthYear: '84' }), person(3)], {
			continueOnFail: true,
		});
		const [output] = await run();
		expect(output.map((item) => item.json.jobId ?? null)).toEqual(['job-1', null, 'job-3']);
		expect(output[1].json.error).toMatch(/^Birth Year must be a four-digit year/);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(sent.map((body) => body.job_id)).toEqual(['job-1', 'job-3']);
	});
});

describe('router: a failure after items were sent names them', () => {
	test("Smile ID refuses item 2 of 3 in flight: its own advice stays, then the sent items' job IDs", async () => {
		const { sent, run } = amlRun([person(1), person(2), person(3)], { refuse: 'user-2' });
		const error = await run().catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe(
			'Screening the person failed: Error - A parameter is of the wrong data type (Smile ID code 2204)',
		);
		expect(error.description).toMatch(
			/^Smile ID said: "Invalid birth_year"\. .+ Items 1 and 3 had already been sent to Smile ID: /,
		);
		expect(
			error.description.endsWith(
				'Items 1 and 3 had already been sent to Smile ID: job IDs job-1 (item 1, user ID user-1) and job-3 (item 3, user ID user-3). Look them up with Job Status instead of running them again.',
			),
		).toBe(true);
		expect(sent.map((body) => body.job_id)).toEqual(['job-1', 'job-2', 'job-3']);
	});

	test('one at a time: the items after the failed one are not sent, the one before is named', async () => {
		const { sent, run } = amlRun([person(1), person(2), person(3)], {
			refuse: 'user-2',
			concurrency: 1,
		});
		const error = await run().catch((e) => e);
		expect(error.description).toMatch(
			/ Item 1 had already been sent to Smile ID: job ID job-1 \(user ID user-1\)\. Look it up with Job Status instead of running it again\.$/,
		);
		expect(sent.map((body) => body.job_id)).toEqual(['job-1', 'job-2']);
	});

	test('the first item refused: nothing to add', async () => {
		const { run } = amlRun([person(1), person(2)], { refuse: 'user-1', concurrency: 1 });
		const error = await run().catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.description).not.toMatch(/already been sent/);
	});
});
