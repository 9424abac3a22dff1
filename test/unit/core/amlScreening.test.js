// @ts-check
const {
	buildAmlBody,
	checkAmlInput,
	readAmlScreening,
} = require('../../../dist/nodes/SmileId/core/amlScreening');

describe('readAmlScreening: the AML answer', () => {
	test('readAmlScreening', () => {
		expect(
			readAmlScreening({
				Actions: { Listed: 'Listed' },
				no_of_persons_found: 1,
				people: [{ name: 'a' }],
			}),
		).toEqual({
			listed: true,
			personsFound: 1,
			matches: [{ name: 'a' }],
		});
		expect(
			readAmlScreening({ Actions: { Listed: 'Not Listed' }, no_of_persons_found: 0, people: [] })
				.listed,
		).toBe(false);
	});

	test('readAmlScreening: a Listed value the docs do not show counts the persons found (assumption:aml-answer)', () => {
		const answer = (/** @type {number} */ found) => ({
			Actions: { Listed: 'Potential Match' },
			no_of_persons_found: found,
			people: Array.from({ length: found }, () => ({ name: 'a' })),
		});
		expect(readAmlScreening(answer(2)).listed).toBe(true);
		expect(readAmlScreening(answer(0)).listed).toBe(false);
	});
});

describe('AML', () => {
	const aml = (/** @type {Record<string, any>} */ o = {}) => ({
		fullName: 'John Leo Doe',
		birthYear: '1984',
		countries: ['NG'],
		searchExistingUser: false,
		strictMatch: false,
		...o,
	});
	test.each([
		[{ fullName: '' }, 'Full Name', /Full Name is required/],
		[
			{ birthYear: '84' },
			'Birth Year',
			/four-digit year between 1900 and 2025, e\.g\. 1984; got "84"/,
		],
		[{ birthYear: '2031' }, 'Birth Year', /got "2031"/],
		[{ countries: [] }, 'Nationalities', /at least one two-letter ISO 3166 country code/],
		[{ countries: ['NG', 'NIGERIA'] }, 'Nationalities', /got "NIGERIA"/],
	])('%j is refused on %s', (o, field, message) => {
		const problem = checkAmlInput(aml(o), 2025);
		expect(problem?.field).toBe(field);
		expect(problem?.message).toMatch(message);
	});

	test('search existing user needs neither name nor nationality', () => {
		expect(
			checkAmlInput(aml({ fullName: '', countries: [], searchExistingUser: true }), 2025),
		).toBeUndefined();
	});

	test('the body the docs show, with partner params', () => {
		expect(buildAmlBody(aml({ strictMatch: true }), { job_id: 'j', user_id: 'u' })).toEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			job_type: 10,
			job_id: 'j',
			user_id: 'u',
			partner_params: { job_id: 'j', user_id: 'u', job_type: 10 },
			full_name: 'John Leo Doe',
			countries: ['NG'],
			search_existing_user: false,
			birth_year: '1984',
			strict_match: true,
		});
	});

});
