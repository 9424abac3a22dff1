// @ts-check
/** The simulator's business, phone and address endpoints (endpoints/products.js), over real HTTP. */
const http = require('http');
const { describe, test, expect, beforeAll, afterAll } = require('@jest/globals');
const { startSimulator } = require('./index');
const { referenceSignature } = require('../fixtures/signing');

const PARTNER = '085';
const API_KEY = 'sim-key-products-test';

/** @type {any} */
let sim;
/** @type {http.Server} */
let receiver;
/** @type {any[]} */
const received = [];
let seq = 0;

const signature = () => {
	const timestamp = new Date().toISOString();
	return {
		timestamp,
		signature: referenceSignature({ apiKey: API_KEY, partnerId: PARTNER, timestamp }),
	};
};
const post = async (
	/** @type {string} */ path,
	/** @type {any} */ body,
	/** @type {Record<string, string>} */ headers = {},
) => {
	const r = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: r.status, body: await r.json() };
};
const pp = (/** @type {string} */ user = 'approved-u') => ({
	job_id: `job-${++seq}`,
	user_id: `${user}-${seq}`,
});
const kyb = (/** @type {Record<string, any>} */ o = {}) => ({
	partner_id: PARTNER,
	...signature(),
	partner_params: { ...pp(), job_type: 7 },
	country: 'NG',
	id_type: 'BUSINESS_REGISTRATION',
	id_number: '0000000',
	business_type: 'co',
	...o,
});

/** The callback the receiver got for a job, waiting up to 2 s for it. @param {string} jobId */
const callbackFor = async (jobId) => {
	for (let i = 0; i < 100 && !received.some((c) => c.PartnerParams?.job_id === jobId); i++) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return received.find((c) => c.PartnerParams?.job_id === jobId);
};

beforeAll(async () => {
	sim = await startSimulator({
		apiKey: API_KEY,
		partnerId: PARTNER,
		callbackDelayMs: 20,
		provisionalDelayMs: 50,
	});
	receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			received.push(JSON.parse(text));
			res.end('ok');
		});
	});
	await new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => resolve(undefined)));
});
afterAll(async () => {
	await sim.stop();
	await new Promise((resolve) => receiver.close(() => resolve(undefined)));
});

describe('Business Verification', () => {
	test('sync test number 0000000: 1012 with the company record and the lists, signed', async () => {
		const r = await post('/v1/business_verification', kyb());
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			ResultCode: '1012',
			ResultText: 'Business Verified',
			PartnerParams: { job_type: 7 },
			Actions: { Verify_Business: 'Verified', Return_Business_Info: 'Returned' },
			company_information: { registration_number: '0000000', country: 'NG' },
		});
		expect(r.body.directors).toHaveLength(2);
		expect(r.body.beneficial_owners).toHaveLength(2);
		expect(r.body.fiduciaries).toHaveLength(1);
		expect(r.body.signature).toBe(
			referenceSignature({ apiKey: API_KEY, partnerId: PARTNER, timestamp: r.body.timestamp }),
		);
	});

	test.each([
		['0000001', '1013'],
		['0000002', '1014'],
		['0000003', '1015'],
		['0000004', '1012'],
	])('the final digit of test number %s answers %s (docs test data)', async (number, code) => {
		const r = await post('/v1/business_verification', kyb({ id_number: number }));
		expect(r.body.ResultCode).toBe(code);
	});

	test('tax information: company only, empty lists; no business_type needed', async () => {
		const r = await post(
			'/v1/business_verification',
			kyb({ id_type: 'TAX_INFORMATION', id_number: '00000000-0000', business_type: undefined }),
		);
		expect(r.body.ResultCode).toBe('1012');
		expect(r.body.company_information.tax_id).toBe('00000000-0000');
		expect(r.body.directors).toEqual([]);
	});

	test('request errors: NG registration without business_type, headers instead of body, duplicate job', async () => {
		const noType = await post('/v1/business_verification', kyb({ business_type: undefined }));
		expect(noType).toMatchObject({ status: 400, body: { code: '2213' } });
		const { partner_id: _p, signature: _s, timestamp: _t, ...unsigned } = kyb();
		const headerSigned = await post('/v1/business_verification', unsigned, {
			'SmileID-Partner-ID': PARTNER,
			...Object.fromEntries(Object.entries(signature()).map(([k, v]) => [`SmileID-${k}`, v])),
		});
		expect(headerSigned).toMatchObject({ status: 400, body: { code: '2213' } });
		const first = kyb();
		await post('/v1/business_verification', first);
		const again = await post('/v1/business_verification', { ...first, ...signature() });
		expect(again.body.code).toBe('2215');
	});

	test('async: {success: true}, then the result by callback', async () => {
		const body = kyb({
			partner_params: { job_id: `job-async-${++seq}`, user_id: `rejected-u-${seq}`, job_type: 7 },
			id_number: 'RC12345',
			callback_url: `http://127.0.0.1:${/** @type {any} */ (receiver.address()).port}/cb`,
		});
		const r = await post('/v1/async_business_verification', body);
		expect(r.body).toEqual({ success: true });
		expect(await callbackFor(body.partner_params.job_id)).toMatchObject({ ResultCode: '1013', PartnerParams: { job_type: 7 } });
	});
});

/** The SmileID-* signing headers (phone and address are signed in headers). */
const signedHeaders = () => {
	const { timestamp, signature: sig } = signature();
	return {
		'SmileID-Partner-ID': PARTNER,
		'SmileID-Timestamp': timestamp,
		'SmileID-Request-Signature': sig,
	};
};

describe('Phone Number Verification', () => {
	const phone = (/** @type {Record<string, any>} */ o = {}) => ({
		partner_params: pp(),
		country: 'NG',
		phone_number: '00000000000',
		match_fields: { first_name: 'Joe', last_name: 'Leo' },
		...o,
	});

	test('sync test number: 1020 with the names compared, no job type', async () => {
		const r = await post('/v2/verify-phone', phone(), signedHeaders());
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			ResultType: 'Phone Number Verification',
			ResultCode: '1020',
			Actions: { Verify_Phone_Number: 'Verified', Names: 'Exact Match', ID_Number: 'Not Provided' },
		});
		expect(r.body.PartnerParams.job_type).toBeUndefined();
	});

	test.each([
		['00000000001', 200, '1023'],
		['00000000003', 200, '1015'],
	])('test number %s: %s %s (docs test data)', async (number, status, code) => {
		const r = await post('/v2/verify-phone', phone({ phone_number: number }), signedHeaders());
		expect([r.status, r.body.ResultCode]).toEqual([status, code]);
	});

	test('test number ending in 2, and a number off the pattern: 2413 invalid phone number format', async () => {
		for (const number of ['00000000002', '+2348000000000']) {
			const r = await post('/v2/verify-phone', phone({ phone_number: number }), signedHeaders());
			expect(r).toMatchObject({ status: 400, body: { code: '2413', success: false } });
		}
	});

	test('signed in the body instead of headers: 401', async () => {
		const r = await post('/v2/verify-phone', { ...phone(), partner_id: PARTNER, ...signature() });
		expect(r).toMatchObject({ status: 401, body: { code: '2205' } });
	});

	test('async: {success: true}, then the result by callback', async () => {
		const body = phone({
			partner_params: pp('attention-u'),
			country: 'KE',
			phone_number: '0700000000',
			match_fields: { id_number: '00000000' },
			callback_url: `http://127.0.0.1:${/** @type {any} */ (receiver.address()).port}/cb`,
		});
		const r = await post('/v2/async-verify-phone', body, signedHeaders());
		expect(r.body).toEqual({ success: true });
		expect(await callbackFor(body.partner_params.job_id)).toMatchObject({
			ResultCode: '1021',
			Actions: { ID_Number: 'Partial Match', Names: 'Not Provided' },
		});
	});
});

describe('Digital Address Verification', () => {
	const address = (/** @type {Record<string, any>} */ o = {}) => ({
		partner_params: pp(),
		country: 'ZA',
		full_name: 'Joe Doe Leo',
		address: '1 Example Street, Cape Town',
		id_number: '0000000000000',
		callback_url: `http://127.0.0.1:${/** @type {any} */ (receiver.address()).port}/cb`,
		...o,
	});

	test.each([
		['0000000000000', '1020'],
		['0000000000001', '1013'],
		['0000000000003', '1015'],
		['0000000000004', '1022'],
	])('test number %s: the callback carries %s (docs test data)', async (number, code) => {
		const body = address({ id_number: number });
		const r = await post('/v2/async-verify-address', body, signedHeaders());
		expect(r.body).toEqual({ success: true });
		const cb = await callbackFor(body.partner_params.job_id);
		expect(cb).toMatchObject({ ResultType: 'Address Verification', ResultCode: code });
		if (code === '1022')
			expect(cb).toMatchObject({ distance: '42.7 km', reason: 'The addresses are too far apart.' });
	});

	test('request errors: 2413 for a bad ID number or test number 2; NG needs a utility number; no sync route', async () => {
		for (const id of ['123', '0000000000002']) {
			const r = await post('/v2/async-verify-address', address({ id_number: id }), signedHeaders());
			expect(r).toMatchObject({ status: 400, body: { code: '2413' } });
		}
		const ng = await post(
			'/v2/async-verify-address',
			address({ country: 'NG', id_number: undefined }),
			signedHeaders(),
		);
		expect(ng).toMatchObject({ status: 400, body: { code: '2213' } });
		const sync = await post('/v2/verify-address', address(), signedHeaders());
		expect(sync.status).toBe(404);
	});
});
