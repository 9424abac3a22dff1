// @ts-check
'use strict';
const {
	alreadySentAdvice,
	appendAdvice,
	nothingSentAdvice,
} = require('../../../dist/nodes/SmileId/core/batch');

describe('alreadySentAdvice', () => {
	test('nothing sent: no advice', () => {
		expect(alreadySentAdvice([])).toBeUndefined();
	});

	test('one item: its job and user ID', () => {
		expect(alreadySentAdvice([{ itemIndex: 0, jobId: 'job-a', userId: 'user-a' }])).toBe(
			'Item 1 had already been sent to Smile ID: job ID job-a (user ID user-a). Look it up with Job Status instead of running it again.',
		);
	});

	test('three items, numbered from 1; an item without a user ID lists only its number', () => {
		expect(
			alreadySentAdvice([
				{ itemIndex: 0, jobId: 'j0', userId: 'u0' },
				{ itemIndex: 1, jobId: 'j1', userId: null },
				{ itemIndex: 3, jobId: 'j3', userId: 'u3' },
			]),
		).toBe(
			'Items 1, 2 and 4 had already been sent to Smile ID: job IDs j0 (item 1, user ID u0), j1 (item 2) and j3 (item 4, user ID u3). Look them up with Job Status instead of running them again.',
		);
	});

	test('past 20 items the rest is counted, not listed', () => {
		const sent = Array.from({ length: 23 }, (_, i) => ({
			itemIndex: i,
			jobId: `j${i}`,
			userId: null,
		}));
		const advice = String(alreadySentAdvice(sent));
		expect(advice).toMatch(/^Items 1, 2, 3, .*, 19, 20 and 3 more had already been sent/);
		expect(advice).toMatch(/j19 \(item 20\) and 3 more\. Look them up/);
		expect(advice).not.toMatch(/j20/);
	});
});

describe('nothingSentAdvice', () => {
	test('names the item, counted from 1, and how many were checked', () => {
		expect(nothingSentAdvice(1, 3)).toBe(
			'Nothing was sent to Smile ID: the node checks all 3 items before it sends the first. Fix item 2 and run the node again.',
		);
	});

	test('a single item: the message says enough', () => {
		expect(nothingSentAdvice(0, 1)).toBeUndefined();
	});
});

describe('appendAdvice', () => {
	test("keeps the error's own advice first", () => {
		expect(appendAdvice('Check the birth year.', 'Item 1 was sent.')).toBe(
			'Check the birth year. Item 1 was sent.',
		);
	});

	test('no advice yet: only the new one', () => {
		expect(appendAdvice(undefined, 'Item 1 was sent.')).toBe('Item 1 was sent.');
		expect(appendAdvice(null, 'Item 1 was sent.')).toBe('Item 1 was sent.');
		expect(appendAdvice('', 'Item 1 was sent.')).toBe('Item 1 was sent.');
	});
});
