// @ts-check
'use strict';
const {
	JOB_TYPE_FILTER_OPTIONS,
	passesFilters,
} = require('../../../dist/nodes/SmileId/core/callbackFilter');

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

	test('phone and address results (no job type) are chosen by product in the Job Types filter', () => {
		const phone = {
			jobType: null,
			product: 'phone_verification',
			outcome: 'approved',
			isFinal: true,
		};
		const address = { ...phone, product: 'address_verification' };
		const byPhone = { ...none, jobTypes: ['product:phone_verification'] };
		expect(passesFilters(phone, byPhone)).toBe(true);
		expect(passesFilters(address, byPhone)).toBe(false);
		expect(passesFilters(approvedDv, byPhone)).toBe(false);
		const mixed = { ...none, jobTypes: ['6', 'product:address_verification'] };
		expect([approvedDv, phone, address].map((r) => passesFilters(r, mixed))).toEqual([
			true,
			false,
			true,
		]);
		expect(passesFilters(phone, { ...none, jobTypes: ['null'] })).toBe(false);
	});
});

describe('JOB_TYPE_FILTER_OPTIONS', () => {
	test('every job type by number, and phone and address verification by product, sorted by name', () => {
		expect(JOB_TYPE_FILTER_OPTIONS).toEqual([
			{ name: 'Address Verification (No Job Type)', value: 'product:address_verification' },
			{ name: 'AML Check (10)', value: '10' },
			{ name: 'Biometric KYC (1)', value: '1' },
			{ name: 'Business Verification (7)', value: '7' },
			{ name: 'Document Verification (6)', value: '6' },
			{ name: 'Enhanced Document Verification (11)', value: '11' },
			{ name: 'Enhanced KYC / Basic KYC (5)', value: '5' },
			{ name: 'Phone Number Verification (No Job Type)', value: 'product:phone_verification' },
			{ name: 'SmartSelfie Authentication (2)', value: '2' },
			{ name: 'SmartSelfie Registration (4)', value: '4' },
		]);
	});
});
