// @ts-check
'use strict';
/**
 * The node as an AI agent's tool: a billed call without a job ID gets one made from its input
 * and a time window, so a repeat meets "job already exists" (2215) and answers with the first
 * job's status instead of paying twice; tool answers leave out `raw` (unless asked) and every
 * base64 image. The router runs with a fake n8n context around the real AML Screen operation.
 */
const { signRequest } = require('../../../dist/nodes/SmileId/core/signature');
const { compactForTool, deriveToolJobId } = require('../../../dist/nodes/SmileId/core/toolCall');
const { checkIdentifier } = require('../../../dist/nodes/SmileId/core/validation');
const { router } = require('../../../dist/nodes/SmileId/actions/router');
const { toolDescriptionOf } = require('../../../dist/nodes/SmileId/actions/toolProperties');
const { fakeExecuteContext } = require('../../fixtures/context');

const DAY = 86_400_000;
const NOON = Date.UTC(2026, 0, 15, 12);
const PHOTO = Buffer.alloc(3000, 7).toString('base64');

describe('deriveToolJobId', () => {
	const input = {
		resource: 'idNumber',
		operation: 'lookUp',
		idNumber: '00000000000',
		country: 'NG',
	};

	test('the same input in the same UTC day gives the same ID, whatever the key order', () => {
		const first = deriveToolJobId(input, 24, Date.UTC(2026, 0, 15, 0, 0, 1));
		const reordered = {
			country: 'NG',
			idNumber: '00000000000',
			operation: 'lookUp',
			resource: 'idNumber',
		};
		expect(deriveToolJobId(reordered, 24, Date.UTC(2026, 0, 15, 23, 59, 59))).toBe(first);
		expect(first).toMatch(/^n8n-tool-[0-9a-f]{40}$/);
		expect(checkIdentifier('Job ID', first, true)).toBeUndefined();
	});

	test('another day, another window length or another input gives another ID', () => {
		const first = deriveToolJobId(input, 24, NOON);
		expect(deriveToolJobId(input, 24, NOON + DAY)).not.toBe(first);
		expect(deriveToolJobId(input, 1, NOON)).not.toBe(first);
		expect(deriveToolJobId({ ...input, idNumber: '00000000001' }, 24, NOON)).not.toBe(first);
		expect(deriveToolJobId({ ...input, options: { partnerParams: {} } }, 24, NOON)).not.toBe(first);
	});

	test('a window of 168 hours holds for the whole epoch week', () => {
		const weekStart = Math.floor(NOON / (7 * DAY)) * 7 * DAY;
		expect(deriveToolJobId(input, 168, weekStart)).toBe(
			deriveToolJobId(input, 168, weekStart + 7 * DAY - 1),
		);
		expect(deriveToolJobId(input, 168, weekStart + 7 * DAY)).not.toBe(
			deriveToolJobId(input, 168, weekStart),
		);
	});
});

describe('compactForTool', () => {
	const json = {
		outcome: 'approved',
		resultCode: '1012',
		personalInfo: { fullName: 'John Doe' },
		raw: { result: { Photo: PHOTO, ResultCode: '1012' }, signature: 'abc=' },
		selfie: `${PHOTO}\n${PHOTO}`,
	};

	test('leaves raw out unless asked, and replaces every base64 image with a note', () => {
		expect(compactForTool(json, false)).toEqual({
			outcome: 'approved',
			resultCode: '1012',
			personalInfo: { fullName: 'John Doe' },
			selfie: '(base64 data of about 6000 bytes left out of the tool answer)',
		});
		expect(compactForTool(json, true).raw).toEqual({
			result: {
				Photo: '(base64 data of about 3000 bytes left out of the tool answer)',
				ResultCode: '1012',
			},
			signature: 'abc=',
		});
	});

	test('a small JPEG or PNG is left out too; a signature stays', () => {
		const small = {
			photo: '/9j/4AAQSkZJRgABAQ==',
			png: 'iVBORw0KGgoAAAANSUhEUg==',
			signature: 'k8cA1XxCTuAb0Q1nIY/7WcpZIcTr7T0FybzJ0kKBM0w=',
		};
		expect(compactForTool(small, false)).toEqual({
			photo: '(base64 data of about 15 bytes left out of the tool answer)',
			png: '(base64 data of about 18 bytes left out of the tool answer)',
			signature: small.signature,
		});
	});

	test('text, URLs and short codes stay', () => {
		const kept = {
			link: `https://links.example.com/${'a'.repeat(300)}`,
			note: 'x '.repeat(300),
			id: 'n8n-tool-ab',
		};
		expect(compactForTool(kept, false)).toEqual(kept);
	});
});

describe('tool descriptions', () => {
	test('billed operations say so and what a repeat returns; free ones say they cost nothing', () => {
		expect(toolDescriptionOf('idNumber', 'lookUp')).toMatch(
			/Billed: .*same arguments within the repeat window .* returns the first call's result/,
		);
		expect(toolDescriptionOf('job', 'getStatus')).toMatch(
			/Free: creates no job and costs nothing\.$/,
		);
		expect(toolDescriptionOf('job', 'getStatus')).not.toMatch(/Billed/);
		expect(toolDescriptionOf('link', 'create')).toMatch(
			/Creating the link creates no job; each verification a customer completes through it is billed\./,
		);
	});
});

const PARTNER = '085';
const KEY = 'sk_unit_tool_call';

/**
 * A fake Smile ID that remembers job IDs (2215 on reuse, as its docs say) and answers job
 * status signed, and a router run of AML Screen as the node's tool variant (or the node).
 * @param {{ tool: boolean, includeRaw?: boolean, jobId?: string }} o
 */
function fakeSmileId(o) {
	/** @type {Array<{url: string, body: any}>} */
	const sent = [];
	/** @type {Map<string, any>} */
	const jobs = new Map();
	const node = {
		id: 'node-1',
		name: 'Screen against AML lists',
		type: o.tool ? 'n8n-nodes-smileid.smileIdTool' : 'n8n-nodes-smileid.smileId',
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			resource: 'aml',
			operation: 'screen',
			userId: 'user-1',
			jobId: o.jobId ?? '',
			fullName: 'John Leo Doe',
			birthYear: '1984',
			countries: 'NG',
			options: {},
			toolDescription: 'Screen a person',
			toolRepeatWindowHours: 24,
			toolIncludeRaw: o.includeRaw === true,
		},
	};
	const context = fakeExecuteContext({
		node,
		parameters: node.parameters,
		credentials: { apiKey: KEY, partnerId: PARTNER },
		request: async (request) => {
			sent.push({ url: request.url, body: request.body });
			if (String(request.url).endsWith('/v1/job_status')) {
				const job = jobs.get(request.body.job_id);
				return {
					statusCode: 200,
					body: {
						code: '2302',
						job_complete: true,
						job_success: true,
						result: job,
						...signRequest(KEY, PARTNER),
					},
				};
			}
			const jobId = request.body.partner_params.job_id;
			if (jobs.has(jobId)) {
				return {
					statusCode: 400,
					body: {
						error: 'Job already exists. Did you mean to set the retry flag to true?',
						code: '2215',
					},
				};
			}
			const result = {
				ResultCode: '1030',
				ResultText: 'Found on list',
				SmileJobID: `smile-${jobs.size + 1}`,
				PartnerParams: request.body.partner_params,
				Actions: { Listed: 'Listed' },
				Photo: PHOTO,
			};
			jobs.set(jobId, result);
			return { statusCode: 200, body: result };
		},
	});
	return { sent, jobs, node, run: () => router.call(context) };
}

describe('router: a billed tool call repeated within the window', () => {
	test('the repeat creates no second job and answers with the first job, read with Job Status', async () => {
		const smile = fakeSmileId({ tool: true });
		const [[first]] = await smile.run();
		const [[repeat]] = await smile.run();
		expect(smile.jobs.size).toBe(1);
		expect(smile.sent.map((r) => r.url.replace(/^.*\/v1/, '/v1'))).toEqual([
			'/v1/aml',
			'/v1/aml',
			'/v1/job_status',
		]);
		expect(first.json.jobId).toMatch(/^n8n-tool-[0-9a-f]{40}$/);
		expect(repeat.json).toEqual(
			expect.objectContaining({
				jobId: first.json.jobId,
				smileJobId: 'smile-1',
				resultCode: '1030',
				repeatedCall: true,
				note: expect.stringContaining('No new job was created or billed'),
			}),
		);
		for (const answer of [first.json, repeat.json]) {
			expect(answer).not.toHaveProperty('raw');
			expect(JSON.stringify(answer)).not.toContain(PHOTO.slice(0, 100));
		}
	});

	test('the tool settings do not change the job ID; an argument of the request does', async () => {
		const smile = fakeSmileId({ tool: true });
		const [[first]] = await smile.run();
		Object.assign(smile.node.parameters, { toolDescription: 'Another text', toolIncludeRaw: true });
		const [[repeat]] = await smile.run();
		expect(repeat.json.jobId).toBe(first.json.jobId);
		expect(repeat.json.repeatedCall).toBe(true);
		smile.node.parameters.fullName = 'Jane Doe';
		const [[other]] = await smile.run();
		expect(other.json.jobId).not.toBe(first.json.jobId);
		expect(other.json.repeatedCall).toBeUndefined();
		smile.node.parameters.toolRepeatWindowHours = 1;
		const [[otherWindow]] = await smile.run();
		expect(otherWindow.json.jobId).not.toBe(other.json.jobId);
		expect(smile.jobs.size).toBe(3);
	});

	test('Include Raw Answer keeps raw, still without the image', async () => {
		const [[item]] = await fakeSmileId({ tool: true, includeRaw: true }).run();
		expect(item.json.raw).toEqual(
			expect.objectContaining({
				ResultCode: '1030',
				Photo: expect.stringMatching(/^\(base64 data of about \d+ bytes/),
			}),
		);
	});

	test('the regular node keeps its random job IDs and full output', async () => {
		const smile = fakeSmileId({ tool: false });
		const [[a]] = await smile.run();
		const [[b]] = await smile.run();
		expect(smile.jobs.size).toBe(2);
		expect(a.json.jobId).not.toBe(b.json.jobId);
		expect(a.json.raw).toEqual(expect.objectContaining({ Photo: PHOTO }));
	});

	test('a tool call with its own job ID keeps the 2215 refusal and its advice', async () => {
		const smile = fakeSmileId({ tool: true, jobId: 'my-job-1' });
		await smile.run();
		const error = await smile.run().catch((e) => e);
		expect(error.message).toMatch(/Smile ID code 2215/);
		expect(smile.jobs.size).toBe(1);
		expect(smile.sent).toHaveLength(2);
	});
});
