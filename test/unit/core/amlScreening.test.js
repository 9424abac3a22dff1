// @ts-check
const { readAmlScreening } = require('../../../dist/nodes/SmileId/core/amlScreening');

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
