// @ts-check
'use strict';
const {
	verifyCallback,
	callbackDigest,
	fieldsDifferingFromJobStatus,
	DEFAULT_CALLBACK_WINDOW_MS,
	DEFAULT_CALLBACK_WINDOW_MINUTES,
	freshnessWindowMs,
} = require('../../../dist/nodes/SmileId/core/callback');
const { freshnessWindowField } = require('../../../dist/nodes/SmileId/actions/common.descriptions');
const { ReplayGuard } = require('../../../dist/nodes/SmileId/core/replayGuard');
const { normalizeJobStatus } = require('../../../dist/nodes/SmileId/jobs/jobStatus');
const { normalizeResult } = require('../../../dist/nodes/SmileId/core/result');
const { sign, NOW, WINDOW, MESSAGES, referenceDigest } = require('../../fixtures/callback');

describe('verifyCallback basics', () => {
	const apiKey = 'apikey';
	const partnerId = '085';
	const timestamp = new Date(NOW).toISOString();
	const signature = sign(apiKey, partnerId, timestamp);

	test('default window is 10 minutes', () => {
		expect(DEFAULT_CALLBACK_WINDOW_MS).toBe(600000);
	});

	test('the Freshness Window field shows the default the checks use; minutes become milliseconds', () => {
		expect(freshnessWindowField.default).toBe(DEFAULT_CALLBACK_WINDOW_MINUTES);
		expect(freshnessWindowMs(undefined)).toBe(DEFAULT_CALLBACK_WINDOW_MS);
		expect(freshnessWindowMs(0)).toBe(0);
		expect(freshnessWindowMs(3)).toBe(180000);
	});

	test('accepted verdict: result normalized, replay key = digest of the canonical body', () => {
		const body = {
			ResultCode: '0810',
			ResultText: 'Document Verified',
			IsFinalResult: 'true',
			SmileJobID: '0000001234',
			PartnerParams: { job_id: 'job-1', user_id: 'user-1', job_type: 6 },
			FullName: 'Ada Lovelace',
			timestamp,
			signature,
		};
		const verdict = verifyCallback(body, { apiKey, partnerId }, WINDOW, NOW);
		expect(verdict).toEqual({
			accepted: true,
			replayKey: referenceDigest(body),
			signature,
			result: expect.objectContaining({
				outcome: 'approved',
				resultCode: '0810',
				isFinal: true,
				jobId: 'job-1',
				userId: 'user-1',
				jobType: 6,
				product: 'document_verification',
				smileJobId: '0000001234',
				personalInfo: { fullName: 'Ada Lovelace' },
			}),
		});
	});

	test.each([
		['array', [{ timestamp, signature }]],
		['string', JSON.stringify({ timestamp, signature })],
		['null', null],
		['undefined', undefined],
		['number', 1],
		['boolean', false],
	])('body that is not an object: %s', (_label, body) => {
		expect(verifyCallback(body, { apiKey, partnerId }, WINDOW, NOW)).toEqual({
			accepted: false,
			reason: 'not_an_object',
			message: MESSAGES.not_an_object,
		});
	});

	test('window 0 accepts an old callback with a correct signature', () => {
		const old = '2020-01-01T00:00:00.000Z';
		const body = { timestamp: old, signature: sign(apiKey, partnerId, old) };
		expect(verifyCallback(body, { apiKey, partnerId }, 0, NOW).accepted).toBe(true);
		expect(verifyCallback(body, { apiKey, partnerId }, WINDOW, NOW)).toEqual({
			accepted: false,
			reason: 'timestamp_too_old',
			message: MESSAGES.timestamp_too_old,
		});
	});

	test('extra fields in the body do not matter to the signature (it covers only timestamp and partner)', () => {
		const body = { timestamp, signature, ResultCode: '0811', anything: { nested: [1, 2, 3] } };
		expect(verifyCallback(body, { apiKey, partnerId }, WINDOW, NOW).accepted).toBe(true);
	});

	test('a JSON body with "__proto__" cannot smuggle the fields in', () => {
		const body = JSON.parse(
			`{"__proto__": {"timestamp": "${timestamp}", "signature": "${signature}"}}`,
		);
		expect(verifyCallback(body, { apiKey, partnerId }, WINDOW, NOW)).toMatchObject({
			accepted: false,
			reason: 'missing_signature',
		});
	});
});

describe('replay identity: the same result delivered again, nothing less', () => {
	const apiKey = 'apikey';
	const partnerId = '085';
	const secrets = { apiKey, partnerId };
	const timestamp = new Date(NOW).toISOString();
	const signature = sign(apiKey, partnerId, timestamp);
	const result = (jobId, smileJobId, code, final) => ({
		ResultCode: code,
		ResultText: code === '0810' ? 'Document Verified' : 'Provisional Approval',
		IsFinalResult: final,
		SmileJobID: smileJobId,
		PartnerParams: { job_id: jobId, user_id: 'user-1', job_type: 6 },
		timestamp,
		signature,
	});
	const keyOf = (body) => {
		const verdict = verifyCallback(body, secrets, WINDOW, NOW);
		if (!verdict.accepted) throw new Error(verdict.reason);
		return verdict.replayKey;
	};
	/** The trigger's two guards, as it uses them. */
	const trigger = () => {
		const inProcess = new ReplayGuard({}, WINDOW);
		const persisted = new ReplayGuard({}, WINDOW);
		return (body) => {
			const key = keyOf(JSON.parse(JSON.stringify(body)));
			const first = inProcess.accept(key, NOW);
			return persisted.accept(key, NOW) && first;
		};
	};

	test('two jobs signed in the same millisecond (same timestamp and signature) both run', () => {
		const a = result('job-a', '0000000001', '0810', 'true');
		const b = result('job-b', '0000000002', '0810', 'true');
		expect(keyOf(a)).not.toBe(keyOf(b));
		const receive = trigger();
		expect([receive(a), receive(b)]).toEqual([true, true]);
	});

	test('a provisional then a final result of one job, stamped alike, both run', () => {
		const provisional = result('job-a', '0000000001', '0812', 'false');
		const final = result('job-a', '0000000001', '0810', 'true');
		const receive = trigger();
		expect([receive(provisional), receive(final)]).toEqual([true, true]);
		// the final flag alone already makes it another result
		expect(keyOf({ ...final, IsFinalResult: 'false' })).not.toBe(keyOf(final));
	});

	test('a byte-identical resend does not run again, nor the same JSON spaced differently', () => {
		const body = result('job-a', '0000000001', '0810', 'true');
		const bytes = JSON.stringify(body);
		const receive = trigger();
		expect(receive(JSON.parse(bytes))).toBe(true);
		expect(receive(JSON.parse(bytes))).toBe(false);
		const respaced = JSON.parse(JSON.stringify(body, null, 2));
		expect(keyOf(respaced)).toBe(keyOf(body));
		expect(receive(respaced)).toBe(false);
		// the same fields in another order count as another delivery: run again, never lost
		const reordered = { signature, ...body };
		expect(keyOf(reordered)).not.toBe(keyOf(body));
	});

	test('any change to the result is another result', () => {
		const body = result('job-a', '0000000001', '0810', 'true');
		const key = keyOf(body);
		for (const changed of [
			{ ...body, SmileJobID: '0000000002' },
			{ ...body, ResultCode: '0811' },
			{ ...body, PartnerParams: { ...body.PartnerParams, user_id: 'user-2' } },
			{ ...body, Actions: { Verify_Document: 'Passed' } },
			{ ...body, IsFinalResult: true },
		]) {
			expect(keyOf(changed)).not.toBe(key);
		}
	});

	test('the digest tells strings from numbers, keys from values and nesting levels apart', () => {
		const pairs = [
			[{ a: '1' }, { a: 1 }],
			[{ a: 'b' }, { b: 'a' }],
			[{ a: [1, 2] }, { a: [[1, 2]] }],
			[{ a: [1, 2] }, { a: [2, 1] }],
			[{ a: null }, {}],
			[{ 'a,"b":1': 2 }, { a: '', b: 1 }],
		];
		for (const [x, y] of pairs) expect(callbackDigest(x)).not.toBe(callbackDigest(y));
		expect(callbackDigest({ b: 1, a: [true, null, 'x'] })).toBe(
			referenceDigest({ b: 1, a: [true, null, 'x'] }),
		);
	});

	test('a body too deep for JSON.stringify is walked instead: a digest, no throw, still tells bodies apart', () => {
		let deep = {};
		for (let i = 0; i < 200_000; i++) deep = { d: [deep] };
		expect(() => JSON.stringify({ deep })).toThrow(RangeError);
		const digest = callbackDigest({ deep });
		expect(digest).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(callbackDigest({ deep })).toBe(digest);
		expect(callbackDigest({ deep, x: 1 })).not.toBe(digest);
	});
});

describe('timestamps as Smile ID signs them, in a callback', () => {
	const apiKey = 'apikey';
	const partnerId = '085';
	const body = (timestamp) => ({
		ResultCode: '0810',
		timestamp,
		signature: sign(apiKey, partnerId, timestamp),
	});

	test.each([
		['the docs / Python, zone-less with microseconds', '2025-05-23T11:40:07.809000'],
		['Ruby Time#to_s', '2025-05-23 11:40:07 +0000'],
		['Node toISOString()', '2025-05-23T11:40:07.809Z'],
	])('%s: accepted with the default window', (_label, timestamp) => {
		expect(verifyCallback(body(timestamp), { apiKey, partnerId }, WINDOW, NOW).accepted).toBe(true);
	});

	test('a zone-less timestamp is read as UTC: 11 minutes old in UTC is refused as too old', () => {
		const timestamp = new Date(NOW - 11 * 60_000).toISOString().slice(0, 23);
		expect(verifyCallback(body(timestamp), { apiKey, partnerId }, WINDOW, NOW)).toEqual({
			accepted: false,
			reason: 'timestamp_too_old',
			message: MESSAGES.timestamp_too_old,
		});
	});

	test('with window 0 any signed non-empty text is accepted; with a window an unreadable one is refused', () => {
		const b = body('sometime on Friday');
		expect(verifyCallback(b, { apiKey, partnerId }, 0, NOW).accepted).toBe(true);
		expect(verifyCallback(b, { apiKey, partnerId }, WINDOW, NOW)).toEqual({
			accepted: false,
			reason: 'timestamp_unreadable',
			message: MESSAGES.timestamp_unreadable,
		});
	});
});

describe("a callback compared with the job's signed status", () => {
	const callback = {
		ResultCode: '0812',
		ResultText: 'Document not verified',
		IsFinalResult: 'true',
		SmileJobID: '0000001234',
		PartnerParams: { job_id: 'job-1', user_id: 'user-1', job_type: 6 },
		FullName: 'Ada Lovelace',
	};
	const status = (result, complete = true) =>
		normalizeJobStatus(
			{ code: '2302', job_complete: complete, job_success: false, result },
			{ userId: 'user-1', jobId: 'job-1' },
			'document_verification',
		);
	const differing = (posted, result = callback, complete = true) =>
		fieldsDifferingFromJobStatus(normalizeResult(posted), status(result, complete));

	test("the genuine callback agrees, also when the status repeats neither IDs nor Smile ID's job ID", () => {
		expect(differing(callback)).toEqual([]);
		const { PartnerParams: _p, SmileJobID: _s, ...bare } = callback;
		expect(differing(callback, bare)).toEqual([]);
	});

	test('fields a workflow does not decide on may differ (the run takes them from Job Status)', () => {
		expect(differing({ ...callback, FullName: 'Someone Else', ResultText: 'Approved' })).toEqual(
			[],
		);
	});

	test.each([
		['result code', { ResultCode: '0810' }, ['resultCode']],
		['final flag', { IsFinalResult: 'false' }, ['isFinal']],
		['user ID', { PartnerParams: { ...callback.PartnerParams, user_id: 'user-2' } }, ['userId']],
		['job ID', { PartnerParams: { ...callback.PartnerParams, job_id: 'job-2' } }, ['jobId']],
		['Smile ID job ID', { SmileJobID: '0000009999' }, ['smileJobId']],
		[
			'result code and user ID',
			{ ResultCode: '0810', PartnerParams: { ...callback.PartnerParams, user_id: 'user-2' } },
			['resultCode', 'userId'],
		],
	])('a changed %s is named', (_label, change, fields) => {
		expect(differing({ ...callback, ...change })).toEqual(fields);
	});

	test('a provisional callback whose job is final by now differs in code and final flag', () => {
		const provisional = { ...callback, ResultCode: '0814', IsFinalResult: 'false' };
		expect(differing(provisional)).toEqual(['resultCode', 'isFinal']);
		expect(differing(provisional, provisional, false)).toEqual([]);
	});
});
