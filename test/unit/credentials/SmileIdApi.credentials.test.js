// @ts-check
'use strict';
const { signSmileIdRequest, SmileIdApi } = require('../../../dist/credentials/SmileIdApi.credentials');
const { verifySignature } = require('../../../dist/nodes/SmileId/core/signature');
const { lookupResultCode } = require('../../../dist/nodes/SmileId/core/resultCodes');
const { referenceSignature } = require('../../fixtures/signing');

const API_KEY = 'sk-live-THIS-MUST-NOT-LEAK-0123456789';
const SANDBOX = 'https://testapi.smileidentity.com';
const PRODUCTION = 'https://api.smileidentity.com';

const credentials = (overrides = {}) => ({ partnerId: '085', apiKey: API_KEY, environment: SANDBOX, ...overrides });

function expectSignedFor(signature, timestamp, partnerId = '085', apiKey = API_KEY) {
	expect(typeof timestamp).toBe('string');
	expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
	expect(Math.abs(Date.parse(timestamp) - Date.now())).toBeLessThan(5000);
	expect(signature).toBe(referenceSignature({ apiKey, partnerId, timestamp }));
	expect(verifySignature({ apiKey, partnerId, signature, timestamp, windowMs: 60000 })).toEqual({
		valid: true,
		timestampMs: Date.parse(timestamp),
	});
}

function expectNoKey(options) {
	expect(JSON.stringify(options)).not.toContain(API_KEY);
	expect(JSON.stringify(options)).not.toContain(Buffer.from(API_KEY).toString('base64'));
}

describe('signSmileIdRequest: /v1/upload', () => {
	test('adds smile_client_id, signature and timestamp to the JSON body, keeps the rest', async () => {
		const body = { source_sdk: 'rest_api', partner_params: { job_id: 'j', user_id: 'u', job_type: 6 } };
		const input = { url: '/v1/upload', method: 'POST', body, json: true };
		const signed = await signSmileIdRequest(credentials(), input);
		expect(Object.keys(signed.body)).toEqual(['source_sdk', 'partner_params', 'smile_client_id', 'signature', 'timestamp']);
		expect(signed.body).toMatchObject({
			source_sdk: 'rest_api',
			partner_params: { job_id: 'j', user_id: 'u', job_type: 6 },
			smile_client_id: '085',
		});
		expect('partner_id' in signed.body).toBe(false);
		expectSignedFor(signed.body.signature, signed.body.timestamp);
		expect(signed.method).toBe('POST');
		expect(signed.json).toBe(true);
		expect(signed.baseURL).toBe(SANDBOX);
		expect(signed.url).toBe('/v1/upload');
		expect(signed.headers).toBeUndefined();
		expectNoKey(signed);
	});

	test('does not mutate the caller\'s options or body', async () => {
		const body = { a: 1 };
		const input = { url: '/v1/upload', method: 'POST', body };
		const snapshot = JSON.stringify(input);
		const signed = await signSmileIdRequest(credentials(), input);
		expect(JSON.stringify(input)).toBe(snapshot);
		expect(signed).not.toBe(input);
		expect(signed.body).not.toBe(body);
	});

	test('absolute URL with a query string is still recognised as /v1/upload', async () => {
		const signed = await signSmileIdRequest(credentials(), {
			url: 'https://api.smileidentity.com/v1/upload?x=1',
			method: 'POST',
			body: {},
		});
		expect(signed.body.smile_client_id).toBe('085');
		expect('baseURL' in signed).toBe(false);
		expectSignedFor(signed.body.signature, signed.body.timestamp);
	});

	test('the partner ID is sent exactly as typed (leading zero kept)', async () => {
		const signed = await signSmileIdRequest(credentials({ partnerId: '007' }), { url: '/v1/upload', method: 'POST', body: {} });
		expect(signed.body.smile_client_id).toBe('007');
		expectSignedFor(signed.body.signature, signed.body.timestamp, '007');
	});

	test('a body-supplied signature or partner is overwritten by the credential', async () => {
		const signed = await signSmileIdRequest(credentials(), {
			url: '/v1/upload',
			method: 'POST',
			body: { smile_client_id: 'attacker', signature: 'x', timestamp: 'y' },
		});
		expect(signed.body.smile_client_id).toBe('085');
		expectSignedFor(signed.body.signature, signed.body.timestamp);
	});
});

describe('signSmileIdRequest: other v1 endpoints use partner_id', () => {
	test.each(['/v1/job_status', '/v1/id_number_rate_limit_reset', '/v1/valid_documents'])('%s', async (url) => {
		const body = { user_id: 'u', job_id: 'j', image_links: false, history: false };
		const signed = await signSmileIdRequest(credentials(), { url, method: 'POST', body });
		expect(signed.body).toEqual({
			...body,
			partner_id: '085',
			signature: expect.any(String),
			timestamp: expect.any(String),
		});
		expect('smile_client_id' in signed.body).toBe(false);
		expectSignedFor(signed.body.signature, signed.body.timestamp);
		expectNoKey(signed);
	});

	test('no body → a body with only the signing fields', async () => {
		const signed = await signSmileIdRequest(credentials(), { url: '/v1/job_status', method: 'POST' });
		expect(Object.keys(signed.body)).toEqual(['partner_id', 'signature', 'timestamp']);
	});
});

describe('signSmileIdRequest: a v1 GET (Smile Links)', () => {
	test('partner_id, signature and timestamp go into the query, body and other query fields untouched', async () => {
		const input = { url: '/v1/smile_links/ref-1', method: 'GET', body: {}, qs: { page: 2 } };
		const signed = await signSmileIdRequest(credentials(), input);
		expect(signed.baseURL).toBe(SANDBOX);
		expect(signed.body).toEqual({});
		expect(Object.keys(signed.qs)).toEqual(['page', 'partner_id', 'signature', 'timestamp']);
		expect(signed.qs.page).toBe(2);
		expect(signed.qs.partner_id).toBe('085');
		expectSignedFor(signed.qs.signature, signed.qs.timestamp);
		expectNoKey(signed);
		expect(input.qs).toEqual({ page: 2 });
	});

	test('a v1 POST or PUT still signs in the body', async () => {
		const signed = await signSmileIdRequest(credentials(), { url: '/v1/smile_links/ref-1', method: 'PUT', body: { is_disabled: true } });
		expect(signed.qs).toBeUndefined();
		expect(Object.keys(signed.body)).toEqual(['is_disabled', 'partner_id', 'signature', 'timestamp']);
	});
});

describe('signSmileIdRequest: /v2/smart-selfie-compare (header auth)', () => {
	test('three SmileID-* headers, body untouched (same Buffer), existing headers kept', async () => {
		const body = Buffer.from('--B\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--B--\r\n');
		const copy = Buffer.from(body);
		const input = {
			url: '/v2/smart-selfie-compare',
			method: 'POST',
			body,
			headers: { 'Content-Type': 'multipart/form-data; boundary=B' },
		};
		const signed = await signSmileIdRequest(credentials(), input);
		expect(signed.body).toBe(body);
		expect(body.equals(copy)).toBe(true);
		expect(Object.keys(signed.headers)).toEqual([
			'Content-Type',
			'SmileID-Partner-ID',
			'SmileID-Timestamp',
			'SmileID-Request-Signature',
		]);
		expect(signed.headers['Content-Type']).toBe('multipart/form-data; boundary=B');
		expect(signed.headers['SmileID-Partner-ID']).toBe('085');
		expectSignedFor(signed.headers['SmileID-Request-Signature'], signed.headers['SmileID-Timestamp']);
		expect(input.headers).toEqual({ 'Content-Type': 'multipart/form-data; boundary=B' });
		expect(signed.baseURL).toBe(SANDBOX);
		expectNoKey(signed);
	});

	test('no existing headers', async () => {
		const signed = await signSmileIdRequest(credentials(), { url: '/v2/smart-selfie-compare', method: 'POST' });
		expect(Object.keys(signed.headers)).toEqual(['SmileID-Partner-ID', 'SmileID-Timestamp', 'SmileID-Request-Signature']);
		expect(signed.body).toBeUndefined();
	});
});

describe('signSmileIdRequest: phone, address and business verification (the credential\'s placement table)', () => {
	test.each(['/v2/verify-phone', '/v2/async-verify-phone', '/v2/async-verify-address'])(
		'%s: SmileID-* headers with the source SDK (docs request headers); the JSON body untouched',
		async (url) => {
			const body = { country: 'KE', partner_params: { job_id: 'j', user_id: 'u' } };
			const signed = await signSmileIdRequest(credentials(), { url, method: 'POST', body, json: true });
			expect(signed.body).toBe(body);
			expect(signed.headers).toEqual({
				'SmileID-Partner-ID': '085',
				'SmileID-Timestamp': signed.headers['SmileID-Timestamp'],
				'SmileID-Request-Signature': signed.headers['SmileID-Request-Signature'],
				'SmileID-Source-SDK': 'rest_api',
				'SmileID-Source-SDK-Version': '1.0.0',
			});
			expectSignedFor(signed.headers['SmileID-Request-Signature'], signed.headers['SmileID-Timestamp']);
			expectNoKey(signed);
		},
	);

	test.each(['/v1/business_verification', '/v1/async_business_verification'])(
		'%s: signed in the body like every v1 POST, no SmileID-* headers',
		async (url) => {
			const signed = await signSmileIdRequest(credentials(), { url, method: 'POST', body: { country: 'NG' }, json: true });
			expect(signed.headers).toBeUndefined();
			expect(Object.keys(signed.body)).toEqual(['country', 'partner_id', 'signature', 'timestamp']);
			expectSignedFor(signed.body.signature, signed.body.timestamp);
		},
	);
});

describe('signSmileIdRequest: Basic KYC /v2/verify and /v2/verify_async (body auth)', () => {
	test.each(['/v2/verify', '/v2/verify_async', 'https://testapi.smileidentity.com/v2/verify_async?x=1'])(
		'%s: partner_id, signature and timestamp in the JSON body, no SmileID-* headers',
		async (url) => {
			const body = { source_sdk: 'rest_api', country: 'NG', partner_params: { job_id: 'j', user_id: 'u', job_type: 5 } };
			const signed = await signSmileIdRequest(credentials(), { url, method: 'POST', body, json: true });
			expect(Object.keys(signed.body)).toEqual(['source_sdk', 'country', 'partner_params', 'partner_id', 'signature', 'timestamp']);
			expect(signed.body.partner_id).toBe('085');
			expect(signed.body.partner_params).toEqual({ job_id: 'j', user_id: 'u', job_type: 5 });
			expectSignedFor(signed.body.signature, signed.body.timestamp);
			expect(signed.headers).toBeUndefined();
			expect(signed.qs).toBeUndefined();
			expectNoKey(signed);
		},
	);

	test.each(['/v2/verify/extra', '/v2/verify_status', '/v2/verifyx', '/v2/job_status'])(
		'%s stays header-signed like every other v2 path',
		async (url) => {
			const signed = await signSmileIdRequest(credentials(), { url, method: 'POST', body: { a: 1 } });
			expect(signed.body).toEqual({ a: 1 });
			expect(Object.keys(signed.headers)).toEqual(['SmileID-Partner-ID', 'SmileID-Timestamp', 'SmileID-Request-Signature']);
			expectSignedFor(signed.headers['SmileID-Request-Signature'], signed.headers['SmileID-Timestamp']);
		},
	);
});

describe('signSmileIdRequest: base URL from the environment', () => {
	test.each([
		['sandbox', { environment: SANDBOX }, SANDBOX],
		['production', { environment: PRODUCTION }, PRODUCTION],
		['unset → sandbox', { environment: undefined }, SANDBOX],
		['custom, trailing slash trimmed', { environment: 'custom', baseUrl: 'http://localhost:4010/' }, 'http://localhost:4010'],
		['custom with path, slashes trimmed', { environment: 'custom', baseUrl: 'https://proxy.example/smile//' }, 'https://proxy.example/smile'],
	])('%s', async (_label, env, expected) => {
		const signed = await signSmileIdRequest(credentials(env), { url: '/v1/job_status', method: 'POST', body: {} });
		expect(signed.baseURL).toBe(expected);
		expectNoKey(signed);
	});

	test('an explicit baseURL on the request is kept', async () => {
		const signed = await signSmileIdRequest(credentials({ environment: PRODUCTION }), {
			url: '/v1/job_status',
			baseURL: 'http://127.0.0.1:9999',
			method: 'POST',
			body: {},
		});
		expect(signed.baseURL).toBe('http://127.0.0.1:9999');
	});

	test('an absolute URL gets no baseURL', async () => {
		const signed = await signSmileIdRequest(credentials(), {
			url: 'https://api.smileidentity.com/v1/job_status',
			method: 'POST',
			body: {},
		});
		expect('baseURL' in signed).toBe(false);
		expect(signed.body.partner_id).toBe('085');
	});
});

describe('signSmileIdRequest: fresh timestamp per request, key never leaks', () => {
	test('each call signs its own timestamp; unicode keys work', async () => {
		const key = 'ключ-🔑';
		const creds = { partnerId: '085', apiKey: key, environment: SANDBOX };
		const a = await signSmileIdRequest(creds, { url: '/v1/job_status', method: 'POST', body: {} });
		await new Promise((r) => setTimeout(r, 3));
		const b = await signSmileIdRequest(creds, { url: '/v1/job_status', method: 'POST', body: {} });
		expect(a.body.timestamp).not.toBe(b.body.timestamp);
		expectSignedFor(a.body.signature, a.body.timestamp, '085', key);
		expectSignedFor(b.body.signature, b.body.timestamp, '085', key);
		expect(JSON.stringify([a, b])).not.toContain(key);
	});

	test('the API key appears nowhere in the returned options for any endpoint', async () => {
		for (const url of ['/v1/upload', '/v1/job_status', '/v2/smart-selfie-compare', '/v2/verify', '/v2/verify_async', 'https://x.test/v1/upload']) {
			const signed = await signSmileIdRequest(credentials(), { url, method: 'POST', body: { a: 1 }, headers: { h: '1' } });
			expectNoKey(signed);
			for (const value of Object.values(signed)) expect(value).not.toBe(API_KEY);
		}
	});
});

describe('SmileIdApi credential type', () => {
	test('wires signSmileIdRequest as authenticate and tests with job status', () => {
		const credential = new SmileIdApi();
		expect(credential.name).toBe('smileIdApi');
		expect(credential.authenticate).toBe(signSmileIdRequest);
		expect(credential.test.request.url).toBe('/v1/job_status');
		expect(credential.properties.map((p) => p.name)).toEqual(['partnerId', 'apiKey', 'environment', 'baseUrl']);
		expect(credential.properties.find((p) => p.name === 'apiKey').typeOptions).toEqual({ password: true });
	});

	test('the connection test answers Smile ID codes with the result-code catalogue\'s advice', () => {
		const rules = new SmileIdApi().test.rules.filter((r) => r.properties.value !== undefined);
		expect(rules.map((r) => [r.properties.key, r.properties.value, r.properties.message])).toEqual([
			['code', '2305', lookupResultCode('2305', 'job_status').remedy],
			['code', '2205', lookupResultCode('2205', 'general').remedy],
			['code', '2405', lookupResultCode('2405', 'general').remedy],
			['code', '2220', lookupResultCode('2220', 'general').remedy],
		]);
		expect(rules[0].properties.message).toMatch(/^Smile ID rejected the signature\. .*sandbox and production keys differ/);
		expect(rules[3].properties.message).toMatch(/KYC/);
	});
});

describe('SIGNING_ROUTES: every route the nodes call has its own entry', () => {
	const fs = require('fs');
	const path = require('path');
	const {
		SIGNING_ROUTES,
		findSigningRoute,
	} = require('../../../dist/credentials/SmileIdApi.credentials');

	/** The TypeScript sources of the nodes and the credential. */
	function sources(dir) {
		return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) return sources(full);
			return entry.name.endsWith('.ts') ? [full] : [];
		});
	}
	const ROOT = path.join(__dirname, '../../..');
	const files = [...sources(path.join(ROOT, 'nodes')), ...sources(path.join(ROOT, 'credentials'))];
	// A Smile ID path literal ('/v1/aml', `/v1/smile_links/${…}`), with the HTTP method written
	// just before it when the call names one ('GET', '/v1/…' or method: 'GET', url: '/v1/…').
	// A path without one is sent by a POST helper (jsonJob, the live lists, the credential test).
	const CALL = /(?:'(GET|POST|PUT|PATCH|DELETE)',\s*(?:url:\s*)?)?(['`])(\/v[12]\/[^'`]*)\2/g;
	const called = files.flatMap((file) =>
		// The table's own rows are what is checked, not calls.
		[
			...fs
				.readFileSync(file, 'utf8')
				.replace(/^.*placement: .*$/gm, '')
				.matchAll(CALL),
		]
			.map(([, method, , literal]) => ({
				file: path.relative(ROOT, file),
				method: method ?? 'POST',
				path: literal.replace(/\$\{[^}]*\}/g, 'REF'),
			}))
			.filter((route) => route.path !== '/v2/'),
	);

	test('the sources call the routes the table lists (the scan finds them)', () => {
		expect(new Set(called.map((route) => `${route.method} ${route.path}`)).size).toBe(
			SIGNING_ROUTES.length,
		);
		expect(called).toContainEqual(
			expect.objectContaining({ method: 'GET', path: '/v1/smile_links/REF' }),
		);
		expect(called).toContainEqual(
			expect.objectContaining({ method: 'PUT', path: '/v1/smile_links/REF' }),
		);
		expect(called).toContainEqual(expect.objectContaining({ path: '/v2/async-verify-address' }));
	});

	test.each(called.map((route) => [`${route.method} ${route.path} (${route.file})`, route]))(
		'%s resolves to an entry of the table',
		(_name, route) => {
			const methods = route.method ? [route.method] : ['GET', 'POST', 'PUT'];
			expect(methods.some((method) => findSigningRoute(method, route.path) !== undefined)).toBe(
				true,
			);
		},
	);

	test('each entry is called by the nodes (no stale entry), and each appears once', () => {
		const keys = SIGNING_ROUTES.map((route) => `${route.method} ${route.path}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const route of SIGNING_ROUTES) {
			const concrete = route.path.replace(/:[^/]+/g, 'REF');
			expect(called.some((call) => call.path === concrete && call.method === route.method)).toBe(
				true,
			);
		}
	});

	test("an unlisted route is not in the table (it falls back to its version's rule)", () => {
		expect(findSigningRoute('POST', '/v1/some_new_product')).toBeUndefined();
		expect(findSigningRoute('DELETE', '/v1/smile_links/abc')).toBeUndefined();
		expect(findSigningRoute('GET', '/v1/smile_links/abc')?.placement).toBe('query');
		expect(findSigningRoute('GET', '/v1/smile_links/abc/')?.placement).toBe('query');
	});
});
