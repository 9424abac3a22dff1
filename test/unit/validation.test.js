// @ts-check
'use strict';
const {
	checkIdentifier,
	checkHttpUrl,
	checkCountryCode,
	checkRequiredText,
	checkExtraPartnerParams,
	checkLivenessCount,
} = require('../../dist/nodes/SmileId/core/validation');

describe('checkIdentifier', () => {
	test('valid ids pass', () => {
		for (const v of ['job-1', 'user_085', 'a', 'x'.repeat(200), 'Ünïcödé-id', 'with spaces ok']) {
			expect(checkIdentifier('Job ID', v, true)).toBeUndefined();
		}
	});

	test('required and empty → names the field and the fix', () => {
		expect(checkIdentifier('User ID', '', true)).toEqual({
			field: 'User ID',
			message: 'User ID is required. Enter the ID your own system uses, e.g. a customer number.',
		});
	});

	test('optional and empty → fine', () => {
		expect(checkIdentifier('Job ID', '', false)).toBeUndefined();
	});

	test('201 characters → too long, with the count and the limit', () => {
		expect(checkIdentifier('Job ID', 'x'.repeat(201), true)).toEqual({
			field: 'Job ID',
			message: 'Job ID is 201 characters long; use at most 200.',
		});
	});

	test.each([
		['line feed', 'job\n1'],
		['carriage return', 'job\r'],
		['tab', '\tjob'],
		['NUL', 'job\u0000'],
		['DEL', 'job\u007f'],
		['escape', '\u001b[31m'],
	])('control character (%s) → message with the fix', (_label, value) => {
		expect(checkIdentifier('Job ID', value, false)).toEqual({
			field: 'Job ID',
			message:
				'Job ID contains a line break or another control character. Remove it (check the expression that fills it).',
		});
	});

	test('length is checked before control characters', () => {
		expect(checkIdentifier('Job ID', `${'x'.repeat(200)}\n`, true)?.message).toBe(
			'Job ID is 201 characters long; use at most 200.',
		);
	});
});

describe('checkHttpUrl', () => {
	test.each(['https://example.com/webhook/abc', 'http://localhost:5678/webhook/x', 'https://a.b/c?d=e#f'])(
		'%s passes',
		(url) => {
			expect(checkHttpUrl('Callback URL', url, true)).toBeUndefined();
		},
	);

	test('required and empty', () => {
		expect(checkHttpUrl('Callback URL', '', true)).toEqual({
			field: 'Callback URL',
			message:
				'Callback URL is required: Smile ID posts the result there. Paste the production URL of a Smile ID Trigger or a Webhook node.',
		});
	});

	test('optional and empty', () => {
		expect(checkHttpUrl('Callback URL', '', false)).toBeUndefined();
	});

	test('not a URL', () => {
		expect(checkHttpUrl('Callback URL', 'example.com/webhook', true)).toEqual({
			field: 'Callback URL',
			message: 'Callback URL "example.com/webhook" is not a URL. Use a full address starting with https://.',
		});
	});

	test.each([
		['ftp://example.com/x', 'ftp:'],
		['javascript:alert(1)', 'javascript:'],
		['file:///etc/passwd', 'file:'],
		['mailto:a@b.c', 'mailto:'],
	])('%s → wrong protocol named in the message', (url, protocol) => {
		expect(checkHttpUrl('Callback URL', url, true)).toEqual({
			field: 'Callback URL',
			message: `Callback URL must start with http:// or https://, not ${protocol}//. Smile ID can only post results to a web address.`,
		});
	});
});

describe('checkCountryCode', () => {
	test.each(['NG', 'KE', 'ZA', 'GH'])('%s passes', (code) => {
		expect(checkCountryCode('Country', code)).toBeUndefined();
	});

	test.each(['ng', 'Ng', 'NGA', 'N', '', ' NG', 'NG ', '12', 'ÑG'])('%j fails with the value quoted', (code) => {
		expect(checkCountryCode('Country', code)).toEqual({
			field: 'Country',
			message: `Country must be a two-letter ISO 3166 country code in capitals, e.g. NG or KE; got "${code}".`,
		});
	});
});

describe('checkRequiredText', () => {
	test('blank or whitespace → required with the hint', () => {
		for (const value of ['', '   ', '\t\n']) {
			expect(checkRequiredText('ID Type', value, 'Pick the document type, e.g. PASSPORT.')).toEqual({
				field: 'ID Type',
				message: 'ID Type is required. Pick the document type, e.g. PASSPORT.',
			});
		}
	});

	test('text passes', () => {
		expect(checkRequiredText('ID Type', 'PASSPORT', 'hint')).toBeUndefined();
	});
});

describe('checkExtraPartnerParams', () => {
	const field = 'Extra Partner Params';

	test('distinct custom keys pass', () => {
		expect(
			checkExtraPartnerParams([
				{ key: 'customer_ref', value: '1' },
				{ key: 'branch', value: 'Lagos' },
			]),
		).toBeUndefined();
		expect(checkExtraPartnerParams([])).toBeUndefined();
	});

	test('empty key', () => {
		expect(checkExtraPartnerParams([{ key: '  ', value: 'x' }])).toEqual({
			field,
			message: 'Extra Partner Params: every entry needs a key. Remove empty rows.',
		});
	});

	test.each([
		['job_id', 'Extra Partner Params: "job_id" is set by the node itself. Use the Job ID field instead.'],
		['user_id', 'Extra Partner Params: "user_id" is set by the node itself. Use the User ID field instead.'],
		['job_type', 'Extra Partner Params: "job_type" is set by the node itself. Use the operation instead.'],
	])('reserved key %s', (key, message) => {
		expect(checkExtraPartnerParams([{ key, value: 'x' }])).toEqual({ field, message });
	});

	test('duplicate key', () => {
		expect(
			checkExtraPartnerParams([
				{ key: 'ref', value: '1' },
				{ key: 'ref', value: '2' },
			]),
		).toEqual({ field, message: 'Extra Partner Params: the key "ref" appears twice. Keep one.' });
	});

	test('first problem wins', () => {
		expect(
			checkExtraPartnerParams([
				{ key: 'job_id', value: '1' },
				{ key: '', value: '2' },
			])?.message,
		).toMatch(/"job_id" is set by the node itself/);
	});
});

describe('checkLivenessCount', () => {
	test('within range passes (inclusive bounds)', () => {
		expect(checkLivenessCount(0, 0, 8)).toBeUndefined();
		expect(checkLivenessCount(8, 0, 8)).toBeUndefined();
		expect(checkLivenessCount(3, 3, 8)).toBeUndefined();
	});

	test('too many (min 0) → "at most", Remove', () => {
		expect(checkLivenessCount(9, 0, 8)).toEqual({
			field: 'Liveness Images',
			message:
				'Liveness Images: 9 given, Smile ID accepts at most 8. Remove frames; 8 give the most reliable liveness check.',
		});
	});

	test('too few (min > 0) → "between", Add', () => {
		expect(checkLivenessCount(2, 3, 8)).toEqual({
			field: 'Liveness Images',
			message:
				'Liveness Images: 2 given, Smile ID accepts between 3 and 8. Add frames; 8 give the most reliable liveness check.',
		});
	});

	test('too many (min > 0)', () => {
		expect(checkLivenessCount(10, 3, 8)?.message).toBe(
			'Liveness Images: 10 given, Smile ID accepts between 3 and 8. Remove frames; 8 give the most reliable liveness check.',
		);
	});
});
