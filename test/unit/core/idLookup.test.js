// @ts-check
const {
	BASIC_KYC_PATH,
	buildBasicKycBody,
	buildIdLookupBody,
	checkBasicKycInput,
	checkIdNumberLookup,
} = require('../../../dist/nodes/SmileId/core/idLookup');
const {
	BUILT_IN_ID_NUMBER_TYPES,
	compileIdNumberRegex,
	parseServices,
	parseValidDocuments,
} = require('../../../dist/nodes/SmileId/core/idNumberTypes');

const input = (/** @type {Record<string, any>} */ o = {}) => ({
	country: 'NG',
	idType: 'BVN',
	idNumber: '00000000000',
	firstName: '',
	middleName: '',
	lastName: '',
	dob: '',
	phoneNumber: '',
	bankCode: '',
	consent: true,
	...o,
});
/** Smile ID's live list as parseServices reads it: NG BVN (consent) and TZ NIN (names required). */
const LIVE = {
	NG: {
		BVN: {
			label: 'Bank Verification Number',
			idNumberRegex: '^[0-9]{11}$',
			requiredFields: ['country', 'id_type', 'id_number'],
			consentRequired: true,
			example: '00000000000',
		},
	},
	TZ: {
		NIN: {
			label: 'National ID Number',
			idNumberRegex: '^[0-9]{20}$',
			requiredFields: ['country', 'id_type', 'id_number', 'first_name', 'last_name'],
			consentRequired: false,
		},
	},
};
const offline = (/** @type {Record<string, any>} */ o) => checkIdNumberLookup(input(o), undefined);
const live = (/** @type {Record<string, any>} */ o) => checkIdNumberLookup(input(o), LIVE);
const UNCHECKED = (/** @type {string} */ idType, /** @type {string} */ country) =>
	`ID Number was not checked before the lookup: Smile ID's list of ID types could not be read, and the built-in table does not list ${idType} for ${country}. Smile ID checks it itself; the result says if it does not take it.`;

describe('checkIdNumberLookup without the live list (the built-in table)', () => {
	test('a well-formed BVN with consent passes, with no warning', () => {
		expect(offline({})).toEqual({ problem: undefined });
	});

	test.each([
		[
			{ idType: '' },
			'ID Type',
			/^ID Type is required\. For NG use one of BANK_ACCOUNT, BVN, NIN_SLIP/,
		],
		[
			{ country: 'TZ', idType: '' },
			'ID Type',
			/^ID Type is required\. Enter Smile ID's id_type for the ID, e\.g\. BVN or NATIONAL_ID\.$/,
		],
		[{ idNumber: '' }, 'ID Number', /ID Number is required for BVN \(BVN\) in NG/],
		[
			{ idNumber: '1234' },
			'ID Number',
			/^ID Number "1234" is not in the format of BVN \(BVN\): Smile ID expects \^\[0-9\]\{11\}\$, e\.g\. 00000000000\. Correct it before a paid lookup is made\.$/,
		],
		[
			{ idType: 'BANK_ACCOUNT', idNumber: '0000000000' },
			'Bank Code',
			/Bank Code is required for BANK_ACCOUNT/,
		],
		[{ dob: '1990-02-30' }, 'Date of Birth', /yyyy-mm-dd, e\.g\. 1990-01-31; got "1990-02-30"/],
		[{ dob: '31/01/1990' }, 'Date of Birth', /got "31\/01\/1990"/],
		[{ consent: false }, 'Consent Given', /requires the person's consent to look up BVN in NG/],
	])('%j is refused on %s', (o, field, message) => {
		const { problem, warning } = offline(o);
		expect(problem?.field).toBe(field);
		expect(problem?.message).toMatch(message);
		expect(warning).toBeUndefined();
	});

	test('an ID type the table does not list is sent with a warning, not refused', () => {
		expect(offline({ idType: 'NIN', consent: false })).toEqual({ warning: UNCHECKED('NIN', 'NG') });
		expect(
			offline({ country: 'TZ', idType: 'NIN', idNumber: 'any format', consent: false }),
		).toEqual({ warning: UNCHECKED('NIN', 'TZ') });
	});

	test('an unlisted ID type still needs an ID number and a real date of birth', () => {
		const empty = offline({ country: 'TZ', idType: 'NIN', idNumber: '' });
		expect(empty.problem).toEqual({
			field: 'ID Number',
			message: 'ID Number is required for NIN (NIN) in TZ. Fill in ID Number.',
		});
		expect(empty.warning).toBeUndefined();
		expect(offline({ country: 'TZ', idType: 'NIN', dob: '2000-13-01' }).problem?.field).toBe(
			'Date of Birth',
		);
	});

	test('an ID type without consent needs none', () => {
		expect(
			offline({ country: 'KE', idType: 'NATIONAL_ID', idNumber: '12345678', consent: false }),
		).toEqual({ problem: undefined });
	});

	test("Smile ID's (?i) patterns work", () => {
		expect(
			offline({ country: 'GH', idType: 'PASSPORT', idNumber: 'g1234567', consent: false }),
		).toEqual({ problem: undefined });
		expect(compileIdNumberRegex('^(?i)G[a-z]{2}$')?.test('GAB')).toBe(true);
		expect(compileIdNumberRegex('([')).toBeUndefined();
	});
});

describe('checkIdNumberLookup with the live list: it alone decides', () => {
	test('a type only the live list knows passes with its own rules, no warning', () => {
		expect(
			live({
				country: 'TZ',
				idType: 'NIN',
				idNumber: '12345678901234567890',
				firstName: 'Joe',
				lastName: 'Doe',
			}),
		).toEqual({ problem: undefined });
	});

	test("the live list's required fields and format apply", () => {
		const tz = { country: 'TZ', idType: 'NIN', firstName: 'Joe', lastName: 'Doe' };
		expect(live({ ...tz, lastName: '' }).problem).toEqual({
			field: 'Last Name',
			message: 'Last Name is required for NIN (National ID Number) in TZ. Fill in Last Name.',
		});
		expect(live({ ...tz, idNumber: '1234' }).problem?.message).toBe(
			'ID Number "1234" is not in the format of NIN (National ID Number): Smile ID expects ^[0-9]{20}$. Correct it before a paid lookup is made.',
		);
	});

	test("the live list's consent applies", () => {
		expect(live({ consent: false }).problem?.field).toBe('Consent Given');
	});

	test('a country the live list lacks is refused naming the live list, even one the built-in table knows', () => {
		expect(live({ country: 'ZM', idType: 'TPIN', idNumber: '0000000000' })).toEqual({
			problem: {
				field: 'Country',
				message: `Country: Smile ID cannot look up ID numbers from "ZM" for this account (Smile ID's live list). Use one of NG, TZ.`,
			},
		});
	});

	test('an ID type the live list lacks is refused naming the live list', () => {
		expect(live({ idType: 'V_NIN', idNumber: '0000000000000000' })).toEqual({
			problem: {
				field: 'ID Type',
				message: `ID Type "V_NIN" cannot be looked up in NG for this account (Smile ID's live list). Use one of BVN.`,
			},
		});
		expect(live({ idType: '' }).problem?.message).toBe(
			'ID Type is required. For NG use one of BVN.',
		);
	});
});

describe('buildIdLookupBody', () => {
	test('ID info at the top level, job type 5, consent, callback only when async', () => {
		const body = buildIdLookupBody({
			input: input({ firstName: 'Leo', dob: '2000-09-20' }),
			partnerParams: { job_id: 'j', user_id: 'u', crm: 'x' },
			consentGrantedAt: '2025-01-01T00:00:00.000Z',
		});
		expect(body).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j', user_id: 'u', crm: 'x', job_type: 5 },
			country: 'NG',
			id_type: 'BVN',
			id_number: '00000000000',
			first_name: 'Leo',
			dob: '2000-09-20',
			consent_information: {
				consented: {
					consent_granted_date: '2025-01-01T00:00:00.000Z',
					personal_details: true,
					contact_information: true,
					document_information: true,
				},
			},
		});
		const asyncBody = buildIdLookupBody({
			input: input({ consent: false }),
			partnerParams: { job_id: 'j', user_id: 'u' },
			callbackUrl: 'https://x/cb',
			consentGrantedAt: 'unused',
		});
		expect(asyncBody.callback_url).toBe('https://x/cb');
		expect(asyncBody.consent_information).toBeUndefined();
	});
});

describe('Basic KYC', () => {
	test('the docs\' routes', () => {
		expect(BASIC_KYC_PATH).toEqual({ sync: '/v2/verify', async: '/v2/verify_async' });
	});

	test('first and last name are required outside Uganda, each named with the fix', () => {
		expect(checkBasicKycInput(input({ firstName: 'Joe', lastName: 'Doe' }), '')).toBeUndefined();
		expect(checkBasicKycInput(input({ lastName: 'Doe' }), '')).toEqual({
			field: 'First Name',
			message:
				"First Name is required for Basic KYC: Smile ID compares it with the ID authority's record. Fill in First Name: the person's first name as on their ID.",
		});
		expect(checkBasicKycInput(input({ firstName: 'Joe' }), '')?.field).toBe('Last Name');
		// a secondary ID number does not stand in for the names
		expect(checkBasicKycInput(input({ firstName: 'Joe' }), '000000000')?.field).toBe('Last Name');
	});

	test('Uganda needs the card number and date of birth instead of the names', () => {
		const ug = (/** @type {Record<string, any>} */ o) =>
			input({ country: 'UG', idType: 'NATIONAL_ID_NO_PHOTO', idNumber: 'CM000000000000', ...o });
		expect(checkBasicKycInput(ug({ dob: '2000-09-20' }), '000000000')).toBeUndefined();
		expect(checkBasicKycInput(ug({ dob: '2000-09-20', firstName: 'Joe', lastName: 'Doe' }), '')).toEqual({
			field: 'Secondary ID Number',
			message:
				"Secondary ID Number is required for Basic KYC in UG: Smile ID compares it with the ID authority's record. Fill in Secondary ID Number: the card number printed on the national ID card (the NIN goes in ID Number).",
		});
		expect(checkBasicKycInput(ug({}), '000000000')).toEqual({
			field: 'Date of Birth',
			message:
				"Date of Birth is required for Basic KYC in UG: Smile ID compares it with the ID authority's record. Fill in Date of Birth: written yyyy-mm-dd, e.g. 1990-01-31.",
		});
	});

	test('the body: Enhanced KYC\'s fields, job type 5, secondary_id_number only when given', () => {
		const spec = {
			input: input({ firstName: 'Joe', middleName: 'Leo', lastName: 'Doe', dob: '2000-09-20', phoneNumber: '0800' }),
			partnerParams: { job_id: 'j1', user_id: 'u1', crm: 'x' },
			consentGrantedAt: '2026-01-01T00:00:00.000Z',
		};
		expect(buildBasicKycBody({ ...spec, secondaryIdNumber: '' })).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j1', user_id: 'u1', crm: 'x', job_type: 5 },
			country: 'NG',
			id_type: 'BVN',
			id_number: '00000000000',
			first_name: 'Joe',
			middle_name: 'Leo',
			last_name: 'Doe',
			dob: '2000-09-20',
			phone_number: '0800',
			consent_information: {
				consented: {
					consent_granted_date: '2026-01-01T00:00:00.000Z',
					personal_details: true,
					contact_information: true,
					document_information: true,
				},
			},
		});
		const ug = buildBasicKycBody({
			...spec,
			input: input({ country: 'UG', idType: 'NATIONAL_ID_NO_PHOTO', idNumber: 'CM000000000000', dob: '2000-09-20', consent: false }),
			secondaryIdNumber: '000000000',
			callbackUrl: 'https://n8n.example/webhook/smile',
		});
		expect(ug).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j1', user_id: 'u1', crm: 'x', job_type: 5 },
			country: 'UG',
			id_type: 'NATIONAL_ID_NO_PHOTO',
			id_number: 'CM000000000000',
			dob: '2000-09-20',
			callback_url: 'https://n8n.example/webhook/smile',
			secondary_id_number: '000000000',
		});
	});
});

describe('live lists', () => {
	const services = {
		bank_codes: [{ name: 'Bank', code: '058' }],
		hosted_web: {
			enhanced_kyc: {
				NG: {
					name: 'Nigeria',
					id_types: {
						BVN: {
							label: 'Bank Verification Number',
							required_fields: ['country', 'id_type', 'id_number'],
							test_data: '00000000000',
							id_number_regex: '^[0-9]{11}$',
						},
						NIN_V2: {
							label: 'NIN',
							required_fields: ['country', 'id_type', 'id_number', 'first_name'],
							id_number_regex: '^[0-9]{11}$',
						},
					},
				},
				XX1: { name: 'bad', id_types: {} },
				KE: {
					name: 'Kenya',
					id_types: { NATIONAL_ID: { label: 'National ID', required_fields: ['id_number'] } },
				},
			},
		},
	};

	test('services become the table shape; consent and enabled types from products_config', () => {
		const table = parseServices(services, 'enhanced_kyc', {
			consentRequired: { NG: ['NIN_V2'] },
			idSelection: { enhanced_kyc: { NG: ['BVN', 'NIN_V2'] } },
		});
		expect(Object.keys(table)).toEqual(['NG']);
		expect(table.NG.BVN).toEqual({
			label: 'Bank Verification Number',
			idNumberRegex: '^[0-9]{11}$',
			requiredFields: ['country', 'id_type', 'id_number'],
			consentRequired: false,
			example: '00000000000',
		});
		expect(table.NG.NIN_V2.consentRequired).toBe(true);
		expect(table.NG.NIN_V2.requiredFields).toContain('first_name');
	});

	test('without products_config the built-in consent applies', () => {
		const table = parseServices(services, 'enhanced_kyc');
		expect(table.NG.BVN.consentRequired).toBe(true);
		expect(table.KE.NATIONAL_ID.consentRequired).toBe(false);
	});

	test('an answer without the section is no table (fall back)', () => {
		expect(parseServices({}, 'enhanced_kyc')).toBeUndefined();
		expect(parseServices(services, 'biometric_kyc')).toBeUndefined();
		expect(parseServices('<html>', 'enhanced_kyc')).toBeUndefined();
	});

	test('valid_documents', () => {
		expect(
			parseValidDocuments({
				valid_documents: [
					{
						country: { code: 'FR', continent: 'Europe', name: 'France' },
						id_types: [{ code: 'PASSPORT', name: 'Passport', example: [], has_back: false }],
					},
					{ country: { code: '??' }, id_types: [] },
				],
			}),
		).toEqual([{ code: 'FR', name: 'France', idTypes: [{ code: 'PASSPORT', name: 'Passport' }] }]);
		expect(parseValidDocuments({ valid_documents: [] })).toBeUndefined();
	});

	test('every built-in pattern compiles', () => {
		for (const types of Object.values(BUILT_IN_ID_NUMBER_TYPES)) {
			for (const type of Object.values(types)) {
				expect(compileIdNumberRegex(type.idNumberRegex)).toBeDefined();
				if (type.example)
					expect(compileIdNumberRegex(type.idNumberRegex).test(type.example)).toBe(true);
			}
		}
	});
});
