// @ts-check
'use strict';
const {
	checkIdentifier,
	checkHttpUrl,
	checkCountryCode,
	checkDocumentIdType,
	checkRequiredText,
	checkExtraPartnerParams,
	checkLivenessCount,
	checkOnTimeout,
	checkWaitTimeout,
} = require('../../../dist/nodes/SmileId/core/validation');
const { SUPPORTED_DOCUMENTS, idTypesForCountry } = require('../../../dist/nodes/SmileId/core/supportedDocuments');

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

	test.each(['XX', 'ZZ', 'AA', 'UK', 'EU', 'XK', 'QO', 'YU'])('%s is well formed but not an assigned ISO 3166-1 code', (code) => {
		expect(checkCountryCode('Country', code)).toEqual({
			field: 'Country',
			message: `Country "${code}" is not an ISO 3166-1 alpha-2 country code, so Smile ID cannot run the job. Use the code of the country that issued the ID, e.g. NG for Nigeria, GH for Ghana or KE for Kenya.`,
		});
	});

	test('every assigned code passes, outside Africa too: exactly the 249 of ISO 3166-1', () => {
		const passing = [];
		for (let a = 65; a <= 90; a++) {
			for (let b = 65; b <= 90; b++) {
				const code = String.fromCharCode(a, b);
				if (checkCountryCode('Country', code) === undefined) passing.push(code);
			}
		}
		expect(passing).toHaveLength(249);
		for (const code of ['US', 'GB', 'DE', 'BR', 'IN', 'CN', 'SS', 'CW', 'SX', 'BQ', 'AX', 'PS', 'TW', 'HK']) {
			expect(passing).toContain(code);
		}
		// every code the supported-documents table uses is an ISO code
		for (const { countryCode } of SUPPORTED_DOCUMENTS) expect(passing).toContain(countryCode);
	});
});

describe('checkDocumentIdType', () => {
	const NG_TYPES = idTypesForCountry('NG').map((doc) => doc.idType);

	test('a type the table lists for the country passes with no warning', () => {
		for (const doc of SUPPORTED_DOCUMENTS) {
			expect(checkDocumentIdType('ID Type', doc.countryCode, doc.idType)).toEqual({});
		}
	});

	test('empty: Smile ID classifies the document, nothing to check', () => {
		expect(checkDocumentIdType('ID Type', 'NG', '')).toEqual({});
		expect(checkDocumentIdType('ID Type', 'US', '')).toEqual({});
	});

	test("SSNIT (Ghana's social security number) for NG is refused, the error lists NG's types", () => {
		expect(NG_TYPES.length).toBeGreaterThan(1);
		expect(checkDocumentIdType('ID Type', 'NG', 'SSNIT')).toEqual({
			problem: {
				field: 'ID Type',
				message: `ID Type "SSNIT" is not a document type Smile ID lists for NG. Use one of ${NG_TYPES.join(', ')}, or leave ID Type empty to let Smile ID classify the document.`,
			},
		});
	});

	test('a type listed for another country only is refused', () => {
		// ALIEN_CARD is listed for KE, not for NG
		expect(idTypesForCountry('KE').map((d) => d.idType)).toContain('ALIEN_CARD');
		expect(NG_TYPES).not.toContain('ALIEN_CARD');
		expect(checkDocumentIdType('ID Type', 'NG', 'ALIEN_CARD').problem?.field).toBe('ID Type');
	});

	test('a country the table does not list is not blocked: a warning says the type was not checked', () => {
		expect(idTypesForCountry('US')).toEqual([]);
		expect(checkDocumentIdType('ID Type', 'US', 'DRIVERS_LICENSE')).toEqual({
			warning:
				'ID Type DRIVERS_LICENSE was not checked offline: the supported-documents table lists no document types for US (it covers Africa only). Check that Smile ID takes this type for US.',
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

describe('checkWaitTimeout', () => {
	test.each([[120], [5], [0.5], ['30'], [' 60 ']])('%p seconds pass', (value) => {
		expect(checkWaitTimeout(value)).toBeUndefined();
	});

	test.each([
		[-5, '"-5"'],
		[0, '"0"'],
		[undefined, 'nothing'],
		['', 'nothing'],
		['soon', '"soon"'],
		[NaN, '"NaN"'],
		[Infinity, '"Infinity"'],
	])('%p is refused, naming the field and the fix', (value, got) => {
		expect(checkWaitTimeout(value)).toEqual({
			field: 'Wait Timeout (Seconds)',
			message: `Wait Timeout (Seconds) must be a number of seconds above 0, got ${got}. Enter e.g. 120, or turn Wait for Result off.`,
		});
	});
});

describe('checkOnTimeout', () => {
	test('the two choices pass', () => {
		expect(checkOnTimeout('returnPending')).toBeUndefined();
		expect(checkOnTimeout('fail')).toBeUndefined();
	});

	test('anything else is refused with both choices named', () => {
		expect(checkOnTimeout('stop')).toEqual({
			field: 'On Timeout',
			message:
				'On Timeout must be "returnPending" (Return the Latest State) or "fail" (Fail), got "stop". Choose one in the list or fix the expression.',
		});
	});
});
