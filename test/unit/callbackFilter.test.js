// @ts-check
'use strict';
const { passesFilters } = require('../../dist/nodes/SmileId/core/callbackFilter');

const approvedDv = { jobType: 6, outcome: 'approved', isFinal: true };
const none = { jobTypes: [], outcomes: [], finalOnly: false };

describe('passesFilters', () => {
	test('empty filters let every result through, a missing job type included', () => {
		expect(passesFilters(approvedDv, none)).toBe(true);
		expect(passesFilters({ jobType: null, outcome: 'pending', isFinal: false }, none)).toBe(true);
	});

	test('job types compare as text; a result without a job type fails a job type filter', () => {
		expect(passesFilters(approvedDv, { ...none, jobTypes: ['6', '11'] })).toBe(true);
		expect(passesFilters(approvedDv, { ...none, jobTypes: ['1'] })).toBe(false);
		expect(passesFilters({ ...approvedDv, jobType: null }, { ...none, jobTypes: ['6'] })).toBe(
			false,
		);
	});

	test('outcomes and final only', () => {
		expect(passesFilters(approvedDv, { ...none, outcomes: ['approved'] })).toBe(true);
		expect(passesFilters(approvedDv, { ...none, outcomes: ['rejected'] })).toBe(false);
		const provisional = { jobType: 6, outcome: 'provisional', isFinal: false };
		expect(passesFilters(provisional, { ...none, finalOnly: true })).toBe(false);
		expect(passesFilters(approvedDv, { ...none, finalOnly: true })).toBe(true);
	});

	test('every filter must pass', () => {
		const all = { jobTypes: ['6'], outcomes: ['approved'], finalOnly: true };
		expect(passesFilters(approvedDv, all)).toBe(true);
		expect(passesFilters({ ...approvedDv, outcome: 'rejected' }, all)).toBe(false);
		expect(passesFilters({ ...approvedDv, jobType: 5 }, all)).toBe(false);
		expect(passesFilters({ ...approvedDv, isFinal: false }, all)).toBe(false);
	});
});
