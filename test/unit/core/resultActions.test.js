// @ts-check
'use strict';
const fs = require('fs');
const path = require('path');
const { ACTIONS, ACTION_VALUES } = require('../../../dist/nodes/SmileId/core/resultActionTable');
const { explainAction, explainActions } = require('../../../dist/nodes/SmileId/core/resultActions');
const { readAmlScreening } = require('../../../dist/nodes/SmileId/core/amlScreening');
const { normalizeResult } = require('../../../dist/nodes/SmileId/core/result');

const LIVENESS = 'Liveness: the selfie (and its liveness frames) shows a live person, not a photo, screen or mask.';

describe('explainAction', () => {
	test('a failed liveness check: what was checked, the value as sent, failed', () => {
		expect(explainAction('Liveness_Check', 'Failed')).toStrictEqual({
			action: 'Liveness_Check',
			value: 'Failed',
			status: 'failed',
			check: LIVENESS,
			meaning: 'Did not pass.',
		});
	});

	test('values are read regardless of case and spacing, and kept as sent', () => {
		// The docs write both "Unable to Determine" and "Unable To Determine".
		expect(explainAction('Human_Review_Compare', 'Unable to  Determine')).toStrictEqual({
			action: 'Human_Review_Compare',
			value: 'Unable to  Determine',
			status: 'failed',
			check: "A Smile ID reviewer's decision on the face comparison, where the system could not decide.",
			meaning: "Smile ID's reviewer could not decide, so the check did not pass.",
		});
	});

	test.each([
		['Register_Selfie', 'Provisionally Approved', 'pending'],
		['Liveness_Check', 'Under Review', 'pending'],
		['Selfie_To_ID_Authority_Compare', 'Completed', 'completed'],
		['Verify_ID_Number', 'Verified', 'passed'],
		['Verify_ID_Number', 'Not Verified', 'failed'],
		['Verify_ID_Number', 'Issuer Unavailable', 'failed'],
		['Verify_ID_Number', 'Not Done', 'failed'],
		['Return_Personal_Info', 'Not Returned', 'failed'],
		['Names', 'Partial Match', 'attention'],
		['Names', 'Transposed', 'attention'],
		['DOB', 'No Match', 'failed'],
		['Phone_Number', 'Not Provided', 'not_applicable'],
		['Listed', 'Listed', 'attention'],
		['Listed', 'Not Listed', 'passed'],
		// A value of the vocabulary the docs do not list for this action reads the same.
		['Register_Selfie', 'Under Review', 'pending'],
	])('%s %s → %s', (action, value, status) => {
		expect(explainAction(action, value).status).toBe(status);
	});

	test('an action the catalogue does not know passes through as unknown', () => {
		expect(explainAction('Antifraud_Check', 'Failed')).toStrictEqual({
			action: 'Antifraud_Check',
			value: 'Failed',
			status: 'unknown',
			check: null,
			meaning: "Not in this package's catalogue of Smile ID actions: read the value as Smile ID sent it.",
		});
	});

	test('a value the catalogue does not know keeps the check and reads as unknown', () => {
		expect(explainAction('Liveness_Check', 'Spoof Suspected')).toStrictEqual({
			action: 'Liveness_Check',
			value: 'Spoof Suspected',
			status: 'unknown',
			check: LIVENESS,
			meaning: "A value not in this package's catalogue of Smile ID actions: read it as Smile ID sent it.",
		});
	});

	test.each([
		[null, 'null'],
		[7, '7'],
		[true, 'true'],
		[{ a: 1 }, '{"a":1}'],
		[['Passed'], '["Passed"]'],
	])('a non-text value %p is stringified and unknown, never thrown', (value, text) => {
		expect(explainAction('Liveness_Check', value)).toMatchObject({ value: text, status: 'unknown' });
	});

	test('names inherited from Object.prototype are not actions', () => {
		expect(explainAction('constructor', 'Passed')).toMatchObject({ status: 'unknown', check: null });
		expect(explainAction('Liveness_Check', 'toString')).toMatchObject({ status: 'unknown' });
	});
});

describe('explainActions', () => {
	test("Smile ID's order, Not Applicable left out, names to route on", () => {
		const r = explainActions({
			Verify_ID_Number: 'Verified',
			Names: 'Partial Match',
			DOB: 'Exact Match',
			Gender: 'No Match',
			Phone_Number: 'Not Provided',
			Human_Review_Compare: 'Not Applicable',
			Selfie_Check: 'Under Review',
			New_Check: 'Passed',
		});
		expect(r.checks.map((c) => [c.action, c.status])).toEqual([
			['Verify_ID_Number', 'passed'],
			['Names', 'attention'],
			['DOB', 'passed'],
			['Gender', 'failed'],
			['Selfie_Check', 'pending'],
			['New_Check', 'unknown'],
		]);
		expect(r.failedChecks).toEqual(['Gender']);
		expect(r.pendingChecks).toEqual(['Selfie_Check']);
		expect(r.attentionChecks).toEqual(['Names']);
	});

	test('no actions → empty lists', () => {
		expect(explainActions({})).toStrictEqual({ checks: [], failedChecks: [], pendingChecks: [], attentionChecks: [] });
	});
});

describe('the catalogue', () => {
	test('every action says what it checks and lists values of the vocabulary', () => {
		for (const [name, entry] of Object.entries(ACTIONS)) {
			expect([name, entry.check.length > 10]).toEqual([name, true]);
			expect(entry.values.length).toBeGreaterThan(0);
			for (const value of entry.values) expect([name, value, value in ACTION_VALUES]).toEqual([name, value, true]);
		}
	});

	test('no two vocabulary values read alike', () => {
		const read = Object.keys(ACTION_VALUES).map((v) => v.toLowerCase());
		expect(new Set(read).size).toBe(read.length);
	});

	test("the README's catalogue lists exactly these actions and values", () => {
		const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('#### Actions: what Smile ID checked'));
		const rows = [...section.matchAll(/^\| `(\w+)` \| (`[^|]+`) \|$/gm)].map((m) => [
			m[1],
			[...m[2].matchAll(/`([^`]+)`/g)].map((v) => v[1]),
		]);
		expect(Object.fromEntries(rows)).toEqual(
			Object.fromEntries(Object.entries(ACTIONS).map(([name, entry]) => [name, [...entry.values]])),
		);
	});
});

describe('AML: Listed reads as the outcome decides', () => {
	test.each([
		[{ Listed: 'Listed' }, 1],
		[{ Listed: 'listed' }, 1],
		[{ Listed: 'Not Listed' }, 0],
		[{ Listed: 'Not Listed' }, 2],
	])('%p with %p persons found', (actions, found) => {
		const answer = { Actions: actions, PartnerParams: { job_type: 10 }, no_of_persons_found: found };
		const listed = readAmlScreening(answer).listed;
		const r = normalizeResult(answer);
		expect([r.attentionChecks.includes('Listed'), r.outcome]).toEqual([listed, listed ? 'under_review' : 'approved']);
	});
});
