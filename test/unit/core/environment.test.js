// @ts-check
'use strict';
const { SANDBOX_URL, PRODUCTION_URL, resolveBaseUrl } = require('../../../dist/nodes/SmileId/core/environment');

describe('resolveBaseUrl', () => {
	test('URLs', () => {
		expect(SANDBOX_URL).toBe('https://testapi.smileidentity.com');
		expect(PRODUCTION_URL).toBe('https://api.smileidentity.com');
	});

	test.each([
		['sandbox value', { environment: SANDBOX_URL }, 'https://testapi.smileidentity.com'],
		['production value', { environment: PRODUCTION_URL }, 'https://api.smileidentity.com'],
		['nothing set → sandbox', {}, 'https://testapi.smileidentity.com'],
		['empty environment → sandbox', { environment: '' }, 'https://testapi.smileidentity.com'],
		['custom', { environment: 'custom', baseUrl: 'http://localhost:4010' }, 'http://localhost:4010'],
		['custom, trailing slash trimmed', { environment: 'custom', baseUrl: 'http://localhost:4010/' }, 'http://localhost:4010'],
		['custom, several slashes and spaces', { environment: 'custom', baseUrl: '  https://proxy.example/smile///  ' }, 'https://proxy.example/smile'],
		['custom without base URL → empty', { environment: 'custom' }, ''],
		['baseUrl ignored unless custom', { environment: PRODUCTION_URL, baseUrl: 'http://evil' }, 'https://api.smileidentity.com'],
	])('%s', (_label, settings, expected) => {
		expect(resolveBaseUrl(settings)).toBe(expected);
	});
});
