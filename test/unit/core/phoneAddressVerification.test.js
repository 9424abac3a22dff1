// @ts-check
const {
	buildPhoneBody,
	checkPhoneInput,
	readPhoneMatches,
} = require('../../../dist/nodes/SmileId/core/phoneVerification');
const {
	buildAddressBody,
	checkAddressInput,
	readAddressVerdict,
} = require('../../../dist/nodes/SmileId/core/addressVerification');
const { normalizeResult } = require('../../../dist/nodes/SmileId/core/result');

const phone = (/** @type {Record<string, any>} */ o = {}) => ({
	country: 'NG',
	phoneNumber: '00000000000',
	matchFields: { first_name: 'Joe', other_name: '', last_name: 'Leo', id_number: '' },
	...o,
});

describe('checkPhoneInput: the docs table of countries, patterns and match fields', () => {
	test.each([
		['KE', '0000000000', { id_number: '00000000' }],
		['NG', '00000000000', { first_name: 'Joe', last_name: 'Leo' }],
		[
			'ZA',
			'0000000000',
			{ first_name: 'Joe', last_name: 'Leo', other_name: 'Doe', id_number: '0000000000000' },
		],
		['TZ', '000000000000', { last_name: 'Leo' }],
		['UG', '0000000000', { first_name: 'Joe' }],
	])('%s accepts its sandbox test data', (country, phoneNumber, matchFields) => {
		expect(checkPhoneInput({ country, phoneNumber, matchFields })).toBeUndefined();
	});

	test.each([
		[
			{ country: 'GH' },
			'Country',
			'Smile ID verifies phone numbers from KE, NG, ZA, TZ, UG, not "GH"',
		],
		[
			{ phoneNumber: '' },
			'Phone Number',
			'Phone Number is required. Enter the Nigeria number as Smile ID expects it, e.g. 00000000000.',
		],
		[
			{ phoneNumber: '+2348000000000' },
			'Phone Number',
			'11 digits, no "+", spaces or country code',
		],
		[{ phoneNumber: '0800000000' }, 'Phone Number', '(/^[0-9]{11}$/)'],
		[{ country: 'TZ', phoneNumber: '0000000000' }, 'Phone Number', '12 digits'],
		[
			{ matchFields: { first_name: 'Joe', id_number: '123' } },
			'ID Number',
			'ID Number is not compared in Nigeria: Smile ID matches First Name, Other Name, Last Name there. Leave ID Number empty.',
		],
		[
			{ country: 'KE', phoneNumber: '0000000000' },
			'First Name',
			'First Name is not compared in Kenya: Smile ID matches ID Number there.',
		],
		[
			{ matchFields: { first_name: '', last_name: '' } },
			'First Name',
			'Enter at least one detail to match',
		],
		[
			{ country: 'ZA', phoneNumber: '0000000000', matchFields: { id_number: '12345' } },
			'ID Number',
			'is not a South Africa national ID number',
		],
	])('refuses %o in %s', (override, field, text) => {
		const problem = checkPhoneInput(phone(override));
		expect(problem?.field).toBe(field);
		expect(problem?.message).toContain(text);
	});

	test('the body: empty match fields left out, callback only when given', () => {
		expect(
			buildPhoneBody({
				input: phone(),
				partnerParams: { job_id: 'j', user_id: 'u' },
				callbackUrl: 'https://x.example/cb',
			}),
		).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j', user_id: 'u' },
			country: 'NG',
			phone_number: '00000000000',
			match_fields: { first_name: 'Joe', last_name: 'Leo' },
			callback_url: 'https://x.example/cb',
		});
		expect(buildPhoneBody({ input: phone(), partnerParams: {} })).not.toHaveProperty(
			'callback_url',
		);
	});

	test('per-field matches from the Actions; a phone result with no job type reads as phone verification', () => {
		const answer = {
			ResultType: 'Phone Number Verification',
			ResultCode: '1021',
			ResultText: 'Partial Match',
			PartnerParams: { job_id: 'j', user_id: 'u' },
			Actions: {
				Verify_Phone_Number: 'Verified',
				Names: 'Partial Match',
				ID_Number: 'Exact Match',
			},
		};
		expect(readPhoneMatches(answer)).toEqual({ names: 'Partial Match', idNumber: 'Exact Match' });
		expect(readPhoneMatches({})).toEqual({});
		expect(normalizeResult(answer)).toMatchObject({
			product: 'phone_verification',
			outcome: 'approved_with_attention',
			jobType: null,
			matches: { names: 'Partial Match', idNumber: 'Exact Match' },
			attentionChecks: ['Names'],
		});
	});
});

const address = (/** @type {Record<string, any>} */ o = {}) => ({
	country: 'ZA',
	fullName: 'Joe Doe Leo',
	address: '1 Example Street, Cape Town',
	identifier: '0000000000000',
	...o,
});

describe('checkAddressInput, the body and the verdict', () => {
	test.each([[address()], [address({ country: 'NG', identifier: '0000000000' })]])(
		'accepts %o',
		(input) => {
			expect(checkAddressInput(input)).toBeUndefined();
		},
	);

	test.each([
		[{ country: 'KE' }, 'Country', 'Smile ID verifies addresses in ZA, NG, not "KE"'],
		[{ fullName: '' }, 'Full Name', 'Full Name is required'],
		[{ address: '' }, 'Address', "Enter the person's full address"],
		[
			{ identifier: '' },
			'ID Number',
			'ID Number is required in South Africa. Enter it, e.g. 0000000000000.',
		],
		[{ identifier: '000000000000' }, 'ID Number', '(/^[0-9]{13}$/)'],
		[{ country: 'NG', identifier: '' }, 'Utility Number', 'Utility Number is required in Nigeria'],
	])('refuses %o in %s', (override, field, text) => {
		const problem = checkAddressInput(address(override));
		expect(problem?.field).toBe(field);
		expect(problem?.message).toContain(text);
	});

	test('ZA sends id_number, NG utility_number; the callback always', () => {
		const za = buildAddressBody({
			input: address(),
			partnerParams: { job_id: 'j', user_id: 'u' },
			callbackUrl: 'https://x.example/cb',
		});
		expect(za).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j', user_id: 'u' },
			country: 'ZA',
			full_name: 'Joe Doe Leo',
			address: '1 Example Street, Cape Town',
			id_number: '0000000000000',
			callback_url: 'https://x.example/cb',
		});
		const ng = buildAddressBody({
			input: address({ country: 'NG', identifier: '0000000000' }),
			partnerParams: {},
			callbackUrl: 'https://x.example/cb',
		});
		expect(ng.utility_number).toBe('0000000000');
		expect(ng).not.toHaveProperty('id_number');
	});

	test('the verdict, distance and reason; 1022 (too far apart) is rejected with advice', () => {
		const answer = {
			ResultType: 'Address Verification',
			ResultCode: '1022',
			ResultText: 'No Match',
			distance: '12.4 km',
			reason: 'Addresses too far apart',
		};
		expect(readAddressVerdict(answer)).toEqual({
			verdict: 'No Match',
			distance: '12.4 km',
			reason: 'Addresses too far apart',
		});
		expect(readAddressVerdict({ ResultCode: '1015' })).toEqual({
			verdict: null,
			distance: null,
			reason: null,
		});
		const n = normalizeResult(answer);
		expect(n).toMatchObject({
			product: 'address_verification',
			outcome: 'rejected',
			addressCheck: readAddressVerdict(answer),
		});
		expect(n.remedy).toMatch(/too far from the one on record/);
	});

	test('a pending result (no code yet) carries no product fields', () => {
		const n = normalizeResult(
			{ PartnerParams: { job_id: 'j', user_id: 'u' } },
			{ product: 'address_verification', jobComplete: false },
		);
		expect(n.outcome).toBe('pending');
		expect(n).not.toHaveProperty('addressCheck');
	});
});
