// @ts-check
'use strict';
const { linksOf, summariseLink } = require('../../../dist/nodes/SmileId/core/linkAnswer');

describe('summariseLink, linksOf', () => {
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
			link: null,
			refId: null,
			expiresAt: null,
			isSingleUse: null,
			isDisabled: null,
			userId: null,
			name: null,
		});
	});

	test('linksOf reads a bare list, {links} or {data}, and drops non-objects', () => {
		expect(linksOf([{ ref_id: 'a' }, 3])).toEqual([{ ref_id: 'a' }]);
		expect(linksOf({ links: [{ ref_id: 'b' }] })).toEqual([{ ref_id: 'b' }]);
		expect(linksOf({ data: [{ ref_id: 'c' }] })).toEqual([{ ref_id: 'c' }]);
		expect(linksOf({ success: true })).toEqual([]);
	});
});
