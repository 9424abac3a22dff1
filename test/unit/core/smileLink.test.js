// @ts-check
'use strict';
const {
	buildCreateLinkBody,
	buildUpdateLinkBody,
	checkIdTypeRows,
	checkRefId,
} = require('../../../dist/nodes/SmileId/core/smileLink');

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
			input({
				isSingleUse: false,
				userId: 'ignored',
				expiresAt: '',
				privacyPolicyUrl: '',
				logoUrl: '',
			}),
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
		expect('problem' in noUser && noUser.problem.message).toMatch(
			/single-use link belongs to one customer\.$/,
		);
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
		expect(
			checkIdTypeRows([{ country: 'NGA', idType: 'BVN', verificationMethod: 'enhanced_kyc' }]),
		).toEqual({
			field: 'ID Types (row 1) Country',
			message:
				'ID Types (row 1) Country must be a two-letter ISO 3166 country code in capitals, e.g. NG or KE; got "NGA".',
		});
		expect(
			checkIdTypeRows([{ country: 'NG', idType: '', verificationMethod: 'enhanced_kyc' }])?.message,
		).toBe(
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
		expect(buildUpdateLinkBody({ status: 'disable', expiresAt: '' }, NOW)).toEqual({
			body: { is_disabled: true },
		});
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
				message:
					'Nothing to update: choose Enable or Disable, set a new expiry, or add ID Types to change.',
			},
		});
		const past = buildUpdateLinkBody({ status: 'disable', expiresAt: '2020-01-01T00:00:00Z' }, NOW);
		expect('problem' in past && past.problem.field).toBe('Expires At');
		const empty = buildUpdateLinkBody({ status: 'keep', expiresAt: '', idTypes: [] }, NOW);
		expect('problem' in empty && empty.problem.field).toBe('ID Types');
	});
});

describe('checkRefId', () => {
	test('a ref ID is required and cannot smuggle a path', () => {
		expect(checkRefId('')?.message).toBe(
			'Link Reference ID is required. Use the refId that the Create operation returned.',
		);
		expect(checkRefId('../upload')?.field).toBe('Link Reference ID');
		expect(checkRefId('b2c8f0e1-77_x')).toBeUndefined();
	});

});

const {
	nextLinksPage,
	findLostLink,
	intentOf,
	CLOCK_TOLERANCE_MS,
} = require('../../../dist/nodes/SmileId/core/linkList');
const { checkRowsOffered } = require('../../../dist/nodes/SmileId/core/linkOffers');
const {
	classifyLinkRefusal,
	linkRefusalAdvice,
	lostAnswerUnresolved,
} = require('../../../dist/nodes/SmileId/core/linkAdvice');

describe('nextLinksPage (the docs show no paging: every plausible form is followed)', () => {
	const two = { links: [{ ref_id: 'a' }, { ref_id: 'b' }] };
	test('no paging fields: one answer holds every link', () => {
		expect(nextLinksPage(two, 1, 2)).toBeUndefined();
		expect(nextLinksPage([{ ref_id: 'a' }], 1, 1)).toBeUndefined();
	});
	test('a next link: its query only, never its host or signature', () => {
		expect(
			nextLinksPage(
				{ ...two, next: 'https://elsewhere.example/v1/smile_links?page=2&signature=x' },
				1,
				2,
			),
		).toEqual({ page: '2' });
		expect(nextLinksPage({ ...two, next: '/v1/smile_links?cursor=abc' }, 1, 2)).toEqual({
			cursor: 'abc',
		});
		expect(nextLinksPage({ ...two, next: null, total: 9 }, 1, 2)).toBeUndefined();
	});
	test('a next page number, page with total_pages, total above what was read, has_more', () => {
		expect(nextLinksPage({ ...two, next_page: 3 }, 2, 4)).toEqual({ page: '3' });
		expect(nextLinksPage({ ...two, next_page: 2 }, 2, 4)).toBeUndefined();
		expect(nextLinksPage({ ...two, page: 1, total_pages: 3 }, 1, 2)).toEqual({ page: '2' });
		expect(nextLinksPage({ ...two, page: 3, total_pages: 3 }, 3, 6)).toBeUndefined();
		expect(nextLinksPage({ ...two, meta: { current_page: '2', last_page: '5' } }, 2, 4)).toEqual({
			page: '3',
		});
		expect(nextLinksPage({ ...two, total: 5 }, 1, 2)).toEqual({ page: '2' });
		expect(nextLinksPage({ ...two, total: 2 }, 1, 2)).toBeUndefined();
		expect(nextLinksPage({ ...two, pagination: { has_more: true } }, 1, 2)).toEqual({ page: '2' });
	});
	test('an empty page ends the list whatever it announces', () => {
		expect(nextLinksPage({ links: [], total: 50, page: 1 }, 1, 0)).toBeUndefined();
	});
});

describe('findLostLink', () => {
	const body = buildCreateLinkBody(input(), NOW).body;
	const intent = intentOf(body);
	const since = Date.parse('2026-12-01T12:00:00Z');
	const window = { since, until: since + 5000 };
	const listed = (over = {}) => ({
		ref_id: 'r1',
		name: 'Onboarding',
		user_id: 'customer-1',
		id_types: [{ country: 'NG', id_type: 'PASSPORT', verification_method: 'doc_verification' }],
		created_at: '2026-12-01T12:00:02Z',
		...over,
	});
	test('the one link with the same name, user ID and ID types made within the attempt', () => {
		expect(
			findLostLink(
				[listed({ ref_id: 'old', created_at: '2026-11-30T12:00:00Z' }), listed()],
				intent,
				window,
			),
		).toEqual({ found: listed() });
	});
	test('another name, user ID, ID types or an older link is not it', () => {
		for (const other of [
			{ name: 'Other' },
			{ user_id: 'customer-2' },
			{ id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'biometric_kyc' }] },
			{ created_at: new Date(since - CLOCK_TOLERANCE_MS - 1000).toISOString() },
		]) {
			expect(findLostLink([listed(other)], intent, window)).toEqual({ none: true });
		}
	});
	test('a multi-use link matches only a link without user ID', () => {
		const multi = intentOf(
			buildCreateLinkBody(input({ isSingleUse: false, userId: '' }), NOW).body,
		);
		expect(findLostLink([listed()], multi, window)).toEqual({ none: true });
		expect(findLostLink([listed({ user_id: null })], multi, window)).toEqual({
			found: listed({ user_id: null }),
		});
	});
	test('two candidates, or one without a creation time: unsure, never a guess', () => {
		expect(findLostLink([listed(), listed({ ref_id: 'r2' })], intent, window)).toEqual({
			unsure: [listed(), listed({ ref_id: 'r2' })],
		});
		const untimed = listed({ created_at: undefined });
		expect(findLostLink([untimed], intent, window)).toEqual({ unsure: [untimed] });
	});
	test('a link this run already output is never claimed twice', () => {
		expect(findLostLink([listed()], intent, window, new Set(['r1']))).toEqual({ none: true });
	});
});

describe('checkRowsOffered', () => {
	const rows = [
		{ country: 'NG', id_type: 'PASSPORT', verification_method: 'doc_verification' },
		{ country: 'NG', id_type: 'BVN', verification_method: 'biometric_kyc' },
	];
	test('every row offered: no problem, no warning', () => {
		expect(
			checkRowsOffered(rows, {
				doc_verification: { NG: ['PASSPORT'] },
				biometric_kyc: { NG: ['BVN', 'NIN_V2'] },
			}),
		).toEqual({ warnings: [] });
	});
	test('a row its method does not offer: the row, the method and the ID types it offers', () => {
		const { problem } = checkRowsOffered(
			[{ ...rows[1], verification_method: 'doc_verification' }],
			{ doc_verification: { NG: ['PASSPORT', 'DRIVERS_LICENSE'] } },
		);
		expect(problem).toEqual({
			field: 'ID Types',
			message:
				"ID Types (row 1): Document Verification (doc_verification) does not offer NG BVN for this account (Smile ID's live list). In NG it offers DRIVERS_LICENSE, PASSPORT. Choose one of those ID types, or the verification method that offers BVN.",
		});
		expect(
			checkRowsOffered([{ country: 'ZZ', id_type: 'X', verification_method: 'enhanced_kyc' }], {
				enhanced_kyc: { NG: ['BVN'] },
			}).problem.message,
		).toMatch(/It offers no ID type in ZZ; it offers NG\./);
	});
	test('a list that could not be read: sent, with a warning naming the row', () => {
		expect(
			checkRowsOffered(rows, { doc_verification: { NG: ['PASSPORT'] }, biometric_kyc: undefined }),
		).toEqual({
			warnings: [
				"ID Types (row 2): NG BVN was not checked against Biometric KYC (biometric_kyc): Smile ID's live list could not be read. Smile ID checks it itself.",
			],
		});
	});
});

describe('link advice names links, never jobs', () => {
	const JOBISH = /job|retry flag|Retry a Failed Upload/i;
	const context = {
		refId: 'abc',
		link: { name: 'Onboarding', userId: 'customer-1' },
		signatureAdvice: 'Check the API key.',
	};
	test.each([
		['2215', 400, 'Error - An active link already exists for this user_id', 'exists'],
		['2213', 404, 'Error - Link not found', 'notFound'],
		['2205', 401, 'Error - You are not authorized to do that', 'signature'],
		['2201', 500, 'System Error', 'serverFault'],
		['2213', 400, 'Error - name is missing', 'input'],
	])('code %s / HTTP %s', (code, status, text, kind) => {
		expect(classifyLinkRefusal(code, status, text)).toBe(kind);
		for (const op of ['create', 'get', 'getAll', 'update']) {
			expect(linkRefusalAdvice(op, kind, context)).not.toMatch(JOBISH);
		}
	});
	test('a link that already exists: find it with Get Many by name and user ID', () => {
		expect(linkRefusalAdvice('create', 'exists', context)).toBe(
			'Smile ID already holds a link for this user ID (customer-1): find it with the Get Many operation (Return All), looking for a link named "Onboarding" with user ID customer-1, and send that link again (its refId) instead of creating another; or disable it with Update, then create the new one.',
		);
	});
	test('each operation names only its own fields', () => {
		expect(linkRefusalAdvice('get', 'input', context)).toBe(
			'Smile ID refused the request; nothing was changed. Check Link Reference ID against what Smile ID said, then run the item again.',
		);
		expect(linkRefusalAdvice('update', 'input', context)).toMatch(
			/Check Link Reference ID, Status, Expires At and ID Types against/,
		);
	});
	test('a lost answer that could not be resolved: how to check, with the time', () => {
		const { message, description } = lostAnswerUnresolved(
			2,
			'Smile ID answered HTTP 500',
			context.link,
			new Date('2026-12-01T12:00:00Z'),
			[],
		);
		expect(message).toBe(
			"Creating the verification link failed after 2 attempts: Smile ID's answer was lost",
		);
		expect(description).toBe(
			'Smile ID answered HTTP 500. Smile ID\'s list of links does not show it, so it may or may not have been made. Before running this item again, check with the Get Many operation (Return All), looking for a link named "Onboarding" with user ID customer-1 made after 2026-12-01T12:00:00.000Z: if there is one, send that link (its refId) instead of creating a second.',
		);
	});
});
