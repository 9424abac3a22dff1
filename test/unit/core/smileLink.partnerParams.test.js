// @ts-check
'use strict';
/** Create a Verification Link: the user's own partner params and the privacy-policy advice. */
const {
	buildCreateLinkBody,
	createRefusalAdvice,
} = require('../../../dist/nodes/SmileId/core/smileLink');

const NOW = new Date('2026-12-01T12:00:00Z');

/** @param {Record<string, any>} [overrides] */
function input(overrides = {}) {
	return {
		name: 'Onboarding',
		companyName: 'Acme Ltd',
		idTypes: [{ country: 'NG', idType: 'PASSPORT', verificationMethod: 'doc_verification' }],
		isSingleUse: true,
		userId: 'customer-1',
		expiresAt: '',
		callbackUrl: 'https://n8n.example.com/webhook/smile-id',
		privacyPolicyUrl: '',
		logoUrl: '',
		...overrides,
	};
}

describe("Create with the user's own partner params (assumption:link-partner-params)", () => {
	test('the pairs go out as partner_params; none sends no partner_params at all', () => {
		const built = buildCreateLinkBody(
			input({
				partnerParams: [
					{ key: 'crm_id', value: 'c-42' },
					{ key: 'channel', value: 'email' },
				],
			}),
			NOW,
		);
		expect('body' in built && built.body.partner_params).toEqual({
			crm_id: 'c-42',
			channel: 'email',
		});
		const none = buildCreateLinkBody(input(), NOW);
		expect('body' in none && 'partner_params' in none.body).toBe(false);
	});

	test('a reserved or repeated key is refused before sending', () => {
		expect(
			buildCreateLinkBody(input({ partnerParams: [{ key: 'user_id', value: 'x' }] }), NOW),
		).toEqual({
			problem: {
				field: 'Extra Partner Params',
				message:
					'Extra Partner Params: "user_id" is set by the node itself. Use the User ID field instead.',
			},
		});
		const twice = buildCreateLinkBody(
			input({
				partnerParams: [
					{ key: 'a', value: '1' },
					{ key: 'a', value: '2' },
				],
			}),
			NOW,
		);
		expect('problem' in twice && twice.problem.message).toBe(
			'Extra Partner Params: the key "a" appears twice. Keep one.',
		);
	});
});

describe('createRefusalAdvice (assumption:link-privacy-policy-optional)', () => {
	const advice =
		'Smile ID may require a privacy policy for links: fill Privacy Policy URL (sent as data_privacy_policy_url) and run again.';
	test('a 2213 or a refusal naming the privacy policy, for a link sent without one, names the field', () => {
		expect(createRefusalAdvice({ name: 'x' }, { code: '2213', error: 'Missing parameter' })).toBe(
			advice,
		);
		expect(
			createRefusalAdvice({ name: 'x' }, { error: 'data_privacy_policy_url is required' }),
		).toBe(advice);
	});
	test('nothing to add when the URL was sent or the refusal is about something else', () => {
		expect(
			createRefusalAdvice({ data_privacy_policy_url: 'https://a.example/p' }, { code: '2213' }),
		).toBe('');
		expect(createRefusalAdvice({ name: 'x' }, { code: '2205', error: 'Unauthorized' })).toBe('');
	});
});
