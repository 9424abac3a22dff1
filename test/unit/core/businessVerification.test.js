// @ts-check
const {
	buildBusinessBody,
	checkBusinessInput,
	readBusinessRecord,
} = require('../../../dist/nodes/SmileId/core/businessVerification');
const { normalizeResult } = require('../../../dist/nodes/SmileId/core/result');

const input = (/** @type {Record<string, any>} */ o = {}) => ({
	country: 'NG',
	searchType: 'BUSINESS_REGISTRATION',
	number: '0000000',
	businessType: 'co',
	...o,
});

describe('checkBusinessInput', () => {
	test.each([
		[input(), undefined],
		[
			input({ searchType: 'TAX_INFORMATION', number: '00000000-0000', businessType: '' }),
			undefined,
		],
		[input({ country: 'ZA', number: '2000/000000/00', businessType: '' }), undefined],
		[input({ country: 'KE', number: 'PVT-ABC123', businessType: '' }), undefined],
	])('accepts the docs formats: %o', (given, problem) => {
		expect(checkBusinessInput(given)).toEqual({ problem, warnings: [] });
	});

	test.each([
		[{ country: 'Nigeria' }, 'Country', 'is not a two-letter ISO 3166 code'],
		[{ searchType: 'CAC' }, 'Search Type', 'Use BUSINESS_REGISTRATION or TAX_INFORMATION'],
		[
			{ country: 'KE', searchType: 'TAX_INFORMATION' },
			'Search Type',
			'Nigeria (NG) only, not in KE',
		],
		[
			{ number: '' },
			'Registration Number',
			'Registration Number is required. Enter the number, e.g. 0000000',
		],
		[
			{ number: 'RC 123' },
			'Registration Number',
			'does not have the format Smile ID publishes for NG BUSINESS_REGISTRATION',
		],
		[{ number: '000000000' }, 'Registration Number', 'Enter it like 0000000'],
		[
			{ searchType: 'TAX_INFORMATION', number: '12345678' },
			'Tax Number',
			'Enter it like 00000000-0000',
		],
		[
			{ country: 'ZA', number: '2000-000000-00' },
			'Registration Number',
			'Enter it like 2000/000000/00',
		],
		[
			{ businessType: '' },
			'Business Type',
			'Choose bn (Business Name), co (Company) or it (Incorporated Trustees).',
		],
		[{ businessType: 'llc' }, 'Business Type', 'not "llc"'],
	])('rejects %o in %s: %s', (override, field, text) => {
		const { problem } = checkBusinessInput(input(override));
		expect(problem?.field).toBe(field);
		expect(problem?.message).toContain(text);
	});

	test('a country the docs give no rules for is sent with a warning', () => {
		const { problem, warnings } = checkBusinessInput(
			input({ country: 'GH', number: 'CS000000', businessType: '' }),
		);
		expect(problem).toBeUndefined();
		expect(warnings).toEqual([
			"Smile ID's docs list no business registration rules for GH (they list NG, ZA, KE); the number was sent unchecked.",
		]);
	});
});

describe('buildBusinessBody', () => {
	test('NG registration: job type 7, id_type, id_number, business_type; async adds the callback', () => {
		expect(
			buildBusinessBody({
				input: input(),
				partnerParams: { job_id: 'j', user_id: 'u', tier: 'gold' },
				callbackUrl: 'https://example.com/cb',
			}),
		).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j', user_id: 'u', tier: 'gold', job_type: 7 },
			country: 'NG',
			id_type: 'BUSINESS_REGISTRATION',
			id_number: '0000000',
			business_type: 'co',
			callback_url: 'https://example.com/cb',
		});
	});

	test('business_type only where the country needs it', () => {
		const za = buildBusinessBody({
			input: input({ country: 'ZA', businessType: 'co' }),
			partnerParams: {},
		});
		const tax = buildBusinessBody({
			input: input({ searchType: 'TAX_INFORMATION' }),
			partnerParams: {},
		});
		expect(za).not.toHaveProperty('business_type');
		expect(tax).not.toHaveProperty('business_type');
		expect(za).not.toHaveProperty('callback_url');
	});
});

describe('readBusinessRecord and the normalized result', () => {
	const answer = {
		SmileJobID: '0000001927',
		PartnerParams: { job_id: 'j', user_id: 'u', job_type: 7 },
		ResultCode: '1012',
		ResultText: 'Business Verified',
		IsFinalResult: 'true',
		Actions: { Verify_Business: 'Verified', Return_Business_Info: 'Returned' },
		company_information: { legal_name: 'X LIMITED' },
		directors: [{ name: 'A' }, 'not a record'],
		beneficial_owners: [{ name: 'B' }],
		fiduciaries: [],
	};

	test('the lists, with anything that is not a record left out; missing lists are empty', () => {
		expect(readBusinessRecord(answer)).toEqual({
			company: { legal_name: 'X LIMITED' },
			directors: [{ name: 'A' }],
			beneficialOwners: [{ name: 'B' }],
			fiduciaries: [],
			proprietors: [],
		});
		expect(readBusinessRecord({ ResultCode: '1013' })).toEqual({
			company: null,
			directors: [],
			beneficialOwners: [],
			fiduciaries: [],
			proprietors: [],
		});
	});

	test.each([
		['1012', 'approved'],
		['1013', 'rejected'],
		['1015', 'error'],
	])('job type 7, code %s reads as business verification, %s', (code, outcome) => {
		const n = normalizeResult({ ...answer, ResultCode: code });
		expect(n).toMatchObject({ product: 'business_verification', outcome, jobType: 7 });
	});

	test('the Actions are explained; the record and the lists are in the one shape on every path', () => {
		const n = normalizeResult(answer);
		expect([n.company, n.directors, n.beneficialOwners, n.fiduciaries, n.proprietors]).toEqual([
			{ legal_name: 'X LIMITED' },
			[{ name: 'A' }],
			[{ name: 'B' }],
			[],
			[],
		]);
		expect(n.checks.map((c) => [c.action, c.status])).toEqual([
			['Verify_Business', 'passed'],
			['Return_Business_Info', 'passed'],
		]);
		expect(n.failedChecks).toEqual([]);
	});
});
