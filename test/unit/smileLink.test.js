// @ts-check
'use strict';
const {
	buildCreateLinkBody,
	buildUpdateLinkBody,
	checkIdTypeRows,
	checkRefId,
	linksOf,
	summariseLink,
} = require('../../dist/nodes/SmileId/core/smileLink');

const NOW = new Date('2026-12-01T12:00:00Z');

/** @param {Record<string, any>} [overrides] */
function input(overrides = {}) {
	return {
		name: 'Onboarding',
		companyName: 'Acme Ltd',
		idTypes: [{ country: 'ng', idType: ' passport ', verificationMethod: 'doc_verification' }],
		isSingleUse: true,
		userId: 'customer-1',
		expiresAt: '2027-01-31T18:00:00Z',
		callbackUrl: 'https://n8n.example.com/webhook/smile-id',
		privacyPolicyUrl: 'https://acme.example.com/privacy',
		logoUrl: 'https://acme.example.com/logo.png',
		...overrides,
	};
}

describe('buildCreateLinkBody', () => {
	test('a single-use link: the documented field names, codes normalised, expiry in UTC', () => {
		expect(buildCreateLinkBody(input({ expiresAt: '2027-01-31T19:00:00+01:00' }), NOW)).toEqual({
			body: {
				name: 'Onboarding',
				company_name: 'Acme Ltd',
				id_types: [{ country: 'NG', id_type: 'PASSPORT', verification_method: 'doc_verification' }],
				callback_url: 'https://n8n.example.com/webhook/smile-id',
				is_single_use: true,
				user_id: 'customer-1',
				expires_at: '2027-01-31T18:00:00.000Z',
				data_privacy_policy_url: 'https://acme.example.com/privacy',
				logo_url: 'https://acme.example.com/logo.png',
			},
		});
	});

	test('multi-use, no expiry, no page URLs: no user_id, expires_at or URL fields at all', () => {
		const built = buildCreateLinkBody(
			input({ isSingleUse: false, userId: 'ignored', expiresAt: '', privacyPolicyUrl: '', logoUrl: '' }),
			NOW,
		);
		expect(built).toEqual({
			body: {
				name: 'Onboarding',
				company_name: 'Acme Ltd',
				id_types: [{ country: 'NG', id_type: 'PASSPORT', verification_method: 'doc_verification' }],
				callback_url: 'https://n8n.example.com/webhook/smile-id',
				is_single_use: false,
			},
		});
	});

	test('no ID types → names the field and the fix', () => {
		expect(buildCreateLinkBody(input({ idTypes: [] }), NOW)).toEqual({
			problem: {
				field: 'ID Types',
				message:
					'ID Types: add at least one row (country, ID type and verification method); the link would offer the customer nothing to verify.',
			},
		});
	});

	test('an unknown verification method → lists the four Smile Links offers', () => {
		const built = buildCreateLinkBody(
			input({ idTypes: [{ country: 'NG', idType: 'BVN', verificationMethod: 'smart_selfie' }] }),
			NOW,
		);
		expect(built).toEqual({
			problem: {
				field: 'ID Types',
				message:
					'ID Types (row 1): verification method "smart_selfie" is not one Smile Links offers. Use one of biometric_kyc, doc_verification, enhanced_document_verification, enhanced_kyc.',
			},
		});
	});

	test('an expiry in the past → says so and how to fix it', () => {
		expect(buildCreateLinkBody(input({ expiresAt: '2026-11-30T00:00:00Z' }), NOW)).toEqual({
			problem: {
				field: 'Expires At',
				message:
					"Expires At 2026-11-30T00:00:00.000Z is in the past: the customer could never open the link. Choose a later date, or leave it empty for Smile ID's default of 90 days.",
			},
		});
	});

	test('an expiry that is no date', () => {
		const built = buildCreateLinkBody(input({ expiresAt: 'next week' }), NOW);
		expect('problem' in built && built.problem.message).toBe(
			`Expires At "next week" is not a date. Use a date and time such as 2030-01-31T18:00:00Z, or leave it empty for Smile ID's default of 90 days.`,
		);
	});

	test('a privacy policy URL that is no web address', () => {
		const built = buildCreateLinkBody(input({ privacyPolicyUrl: 'ftp://acme.example.com/p' }), NOW);
		expect(built).toEqual({
			problem: {
				field: 'Privacy Policy URL',
				message:
					'Privacy Policy URL must start with http:// or https://, not ftp://. Smile ID can only post results to a web address. The hosted page shows it to the customer.',
			},
		});
	});

	test('single use without a user ID; missing name and company; missing callback URL', () => {
		const noUser = buildCreateLinkBody(input({ userId: '' }), NOW);
		expect('problem' in noUser && noUser.problem.field).toBe('User ID');
		expect('problem' in noUser && noUser.problem.message).toMatch(/single-use link belongs to one customer\.$/);
		const noName = buildCreateLinkBody(input({ name: ' ' }), NOW);
		expect('problem' in noName && noName.problem.field).toBe('Name');
		const noCompany = buildCreateLinkBody(input({ companyName: '' }), NOW);
		expect('problem' in noCompany && noCompany.problem.field).toBe('Company Name');
		const noCallback = buildCreateLinkBody(input({ callbackUrl: '' }), NOW);
		expect('problem' in noCallback && noCallback.problem.field).toBe('Callback URL');
	});
});

describe('checkIdTypeRows', () => {
	test('the same country and ID type twice → one method per ID type', () => {
		expect(
			checkIdTypeRows([
				{ country: 'ZA', idType: 'NATIONAL_ID', verificationMethod: 'doc_verification' },
				{ country: 'ZA', idType: 'NATIONAL_ID', verificationMethod: 'biometric_kyc' },
			]),
		).toEqual({
			field: 'ID Types',
			message:
				'ID Types (row 2): ZA NATIONAL_ID appears twice. Smile Links runs one verification method per ID type; keep one row, or create a second link for the other method.',
		});
	});

	test('a bad country names its row; an empty ID type too', () => {
		expect(checkIdTypeRows([{ country: 'NGA', idType: 'BVN', verificationMethod: 'enhanced_kyc' }])).toEqual({
			field: 'ID Types (row 1) Country',
			message:
				'ID Types (row 1) Country must be a two-letter ISO 3166 country code in capitals, e.g. NG or KE; got "NGA".',
		});
		expect(checkIdTypeRows([{ country: 'NG', idType: '', verificationMethod: 'enhanced_kyc' }])?.message).toBe(
			'ID Types (row 1): ID Type is required. Enter the Smile ID id_type keyword, e.g. PASSPORT or NATIONAL_ID.',
		);
	});

	test('different ID types with different methods pass', () => {
		expect(
			checkIdTypeRows([
				{ country: 'NG', idType: 'PASSPORT', verificationMethod: 'doc_verification' },
				{ country: 'ZA', idType: 'NATIONAL_ID', verificationMethod: 'biometric_kyc' },
			]),
		).toBeUndefined();
	});
});

describe('buildUpdateLinkBody', () => {
	test('disable only', () => {
		expect(buildUpdateLinkBody({ status: 'disable', expiresAt: '' }, NOW)).toEqual({ body: { is_disabled: true } });
	});

	test('enable, new expiry and new ID types', () => {
		expect(
			buildUpdateLinkBody(
				{
					status: 'enable',
					expiresAt: '2027-06-01T00:00:00Z',
					idTypes: [{ country: 'ke', idType: 'national_id', verificationMethod: 'Biometric_KYC' }],
				},
				NOW,
			),
		).toEqual({
			body: {
				is_disabled: false,
				expires_at: '2027-06-01T00:00:00.000Z',
				id_types: [{ country: 'KE', id_type: 'NATIONAL_ID', verification_method: 'biometric_kyc' }],
			},
		});
	});

	test('nothing to change, a past expiry, or emptied ID types → a problem, nothing sent', () => {
		expect(buildUpdateLinkBody({ status: 'keep', expiresAt: '' }, NOW)).toEqual({
			problem: {
				field: 'Update Fields',
				message: 'Nothing to update: choose Enable or Disable, set a new expiry, or add ID Types to change.',
			},
		});
		const past = buildUpdateLinkBody({ status: 'disable', expiresAt: '2020-01-01T00:00:00Z' }, NOW);
		expect('problem' in past && past.problem.field).toBe('Expires At');
		const empty = buildUpdateLinkBody({ status: 'keep', expiresAt: '', idTypes: [] }, NOW);
		expect('problem' in empty && empty.problem.field).toBe('ID Types');
	});
});

describe('checkRefId, summariseLink, linksOf', () => {
	test('a ref ID is required and cannot smuggle a path', () => {
		expect(checkRefId('')?.message).toBe(
			'Link Reference ID is required. Use the refId that the Create operation returned.',
		);
		expect(checkRefId('../upload')?.field).toBe('Link Reference ID');
		expect(checkRefId('b2c8f0e1-77_x')).toBeUndefined();
	});

	test('summariseLink maps the answer onto stable names', () => {
		expect(
			summariseLink({
				link: 'https://links.sandbox.usesmileid.com/085/abc',
				ref_id: 'abc',
				expires_at: '2027-01-31T18:00:00.000Z',
				is_single_use: 'true',
				is_disabled: false,
				user_id: 'customer-1',
				name: 'Onboarding',
			}),
		).toEqual({
			link: 'https://links.sandbox.usesmileid.com/085/abc',
			refId: 'abc',
			expiresAt: '2027-01-31T18:00:00.000Z',
			isSingleUse: true,
			isDisabled: false,
			userId: 'customer-1',
			name: 'Onboarding',
		});
		expect(summariseLink({})).toEqual({
			link: null, refId: null, expiresAt: null, isSingleUse: null, isDisabled: null, userId: null, name: null,
		});
	});

	test('linksOf reads a bare list, {links} or {data}, and drops non-objects', () => {
		expect(linksOf([{ ref_id: 'a' }, 3])).toEqual([{ ref_id: 'a' }]);
		expect(linksOf({ links: [{ ref_id: 'b' }] })).toEqual([{ ref_id: 'b' }]);
		expect(linksOf({ data: [{ ref_id: 'c' }] })).toEqual([{ ref_id: 'c' }]);
		expect(linksOf({ success: true })).toEqual([]);
	});
});
