// @ts-check
/** The simulator's ID-number endpoints and live lists (endpoints/kyc.js), over real HTTP. */
const http = require('http');
const { describe, test, expect, beforeAll, afterAll } = require('@jest/globals');
const { startSimulator } = require('./index');
const { referenceSignature } = require('../fixtures/signing');

const PARTNER = '085';
const API_KEY = 'sim-key-kyc-test';

/** @type {any} */
let sim;
/** @type {http.Server} */
let receiver;
/** @type {any[]} */
const received = [];

const signed = () => {
	const timestamp = new Date().toISOString();
	return {
		partner_id: PARTNER,
		timestamp,
		signature: referenceSignature({ apiKey: API_KEY, partnerId: PARTNER, timestamp }),
	};
};
const post = async (/** @type {string} */ path, /** @type {any} */ body) => {
	const r = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: r.status, body: await r.json() };
};
let seq = 0;
const lookup = (/** @type {Record<string, any>} */ o = {}) => ({
	...signed(),
	source_sdk: 'rest_api',
	source_sdk_version: '1.0.0',
	partner_params: {
		job_id: `job-${++seq}`,
		user_id: o.user_id ?? `approved-u-${seq}`,
		job_type: 5,
	},
	country: 'NG',
	id_type: 'BVN',
	id_number: '00000000000',
	consent_information: {
		consented: {
			consent_granted_date: new Date().toISOString(),
			personal_details: true,
			contact_information: true,
			document_information: true,
		},
	},
	...o,
});

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

describe('Enhanced KYC', () => {
	test('sync approved: 1012 Valid ID with personal info, Photo, FullData, signed', async () => {
		const r = await post('/v1/id_verification', lookup());
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			ResultCode: '1012',
			ResultText: 'Valid ID',
			IDNumber: '00000000000',
			FullName: 'Joe Leo Doe',
			Actions: { Verify_ID_Number: 'Verified' },
		});
		expect(Buffer.from(r.body.Photo, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		expect(r.body.FullData.bvn).toBe('00000000000');
		expect(r.body.signature).toBe(
			referenceSignature({ apiKey: API_KEY, partnerId: PARTNER, timestamp: r.body.timestamp }),
		);
	});

	test.each([
		['rejected-u', '1013'],
		['provisional-u', '1015'],
	])('sync %s -> %s', async (user, code) => {
		const r = await post(
			'/v1/id_verification',
			lookup({
				partner_params: { job_id: `j-${user}-${++seq}`, user_id: `${user}-${seq}`, job_type: 5 },
			}),
		);
		expect(r.body.ResultCode).toBe(code);
	});

	test('ID number in the wrong format is answered 1014; unknown ID type 1016', async () => {
		expect((await post('/v1/id_verification', lookup({ id_number: '123' }))).body.ResultCode).toBe(
			'1014',
		);
		expect((await post('/v1/id_verification', lookup({ id_type: 'SSNIT' }))).body.ResultCode).toBe(
			'1016',
		);
	});

	test.each([
		[{ consent_information: undefined }, 400, '2213'],
		[{ id_type: 'BANK_ACCOUNT', id_number: '0000000000' }, 400, '2213'],
		[{ signature: 'x' }, 401, '2205'],
		[{ country: '' }, 400, '2213'],
	])('request errors: %j', async (o, status, code) => {
		const r = await post('/v1/id_verification', lookup(o));
		expect(r.status).toBe(status);
		expect(r.body.code).toBe(code);
	});

	test('async: { success: true }, then the signed result at the callback URL and in job status', async () => {
		const { port } = /** @type {any} */ (receiver.address());
		const body = lookup({ callback_url: `http://127.0.0.1:${port}/cb` });
		const r = await post('/v1/async_id_verification', body);
		expect(r.body).toEqual({ success: true });
		for (
			let i = 0;
			i < 50 && !received.some((c) => c.PartnerParams?.job_id === body.partner_params.job_id);
			i++
		)
			await new Promise((res) => setTimeout(res, 20));
		const cb = received.find((c) => c.PartnerParams?.job_id === body.partner_params.job_id);
		expect(cb).toMatchObject({ ResultCode: '1012', IsFinalResult: 'true' });
		const status = await post('/v1/job_status', {
			...signed(),
			user_id: body.partner_params.user_id,
			job_id: body.partner_params.job_id,
			history: false,
			image_links: false,
		});
		expect(status.body).toMatchObject({
			code: '2302',
			job_complete: true,
			result: { ResultCode: '1012' },
		});
	});

	test('async without callback URL is refused; a reused job ID answers 2215', async () => {
		expect((await post('/v1/async_id_verification', lookup())).body).toMatchObject({
			code: '2213',
			success: false,
		});
		const body = lookup();
		await post('/v1/id_verification', body);
		expect((await post('/v1/id_verification', { ...body, ...signed() })).body.code).toBe('2215');
	});

	test('fault prefixes: fault5xx once, then the lookup', async () => {
		const body = lookup({
			partner_params: { job_id: `f-${++seq}`, user_id: `fault5xx-approved-${seq}`, job_type: 5 },
		});
		expect((await post('/v1/id_verification', body)).status).toBe(500);
		expect((await post('/v1/id_verification', { ...body, ...signed() })).body.ResultCode).toBe(
			'1012',
		);
	});
});

describe('Basic KYC (/v2/verify, /v2/verify_async)', () => {
	const basic = (/** @type {Record<string, any>} */ o = {}) => {
		const { consent_information: _consent, ...body } = lookup({
			first_name: 'Joe',
			last_name: 'Doe',
			dob: '2000-09-20',
			...o,
		});
		return body;
	};
	const as = (/** @type {string} */ user) => ({
		partner_params: { job_id: `bk-${user}-${++seq}`, user_id: `${user}-u-${seq}`, job_type: 5 },
	});

	test('sync approved: 1020 Exact Match, the compared fields in Actions, signed; a job record', async () => {
		const body = basic();
		const r = await post('/v2/verify', body);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			ResultCode: '1020',
			ResultText: 'Exact Match',
			PartnerParams: { ...body.partner_params, job_type: 5 },
			Country: 'NG',
			IDType: 'BVN',
			IDNumber: '00000000000',
			Actions: {
				Verify_ID_Number: 'Verified',
				ID_Verification: 'Verified',
				Names: 'Exact Match',
				DOB: 'Exact Match',
				Gender: 'Not Provided',
				Phone_Number: 'Not Provided',
			},
		});
		expect(r.body.FullName).toBeUndefined();
		expect(r.body.signature).toBe(
			referenceSignature({ apiKey: API_KEY, partnerId: PARTNER, timestamp: r.body.timestamp }),
		);
		expect(sim.getJob(body.partner_params.job_id)).toMatchObject({ job_type: 5, job_complete: true, job_success: true });
	});

	test.each([
		['attention', '1021', 'Partial Match', 'Partial Match'],
		['rejected', '1022', 'No Match', 'No Match'],
		['notfound', '1023', 'Not Found', 'Not Applicable'],
		['provisional', '1015', 'Error - Queried Database Unavailable', 'Not Applicable'],
	])('sync %s -> %s %s', async (user, code, text, names) => {
		const r = await post('/v2/verify', basic(as(user)));
		expect(r.body).toMatchObject({ ResultCode: code, ResultText: text, Actions: { Names: names } });
	});

	test('signed only in SmileID-* headers: refused, no job', async () => {
		const { partner_id, signature, timestamp, ...unsigned } = basic();
		const r = await fetch(`${sim.url}/v2/verify`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'SmileID-Partner-ID': partner_id,
				'SmileID-Timestamp': timestamp,
				'SmileID-Request-Signature': signature,
			},
			body: JSON.stringify(unsigned),
		});
		expect(r.status).toBe(400);
		expect((await r.json()).code).toBe('2213');
		expect(sim.getJob(unsigned.partner_params.job_id)).toBeUndefined();
		const [req] = sim.requests.filter((/** @type {any} */ q) => q.body?.partner_params?.job_id === unsigned.partner_params.job_id);
		expect(req.reason).toBe('partner_id is missing from the body (SmileID-* headers do not sign this endpoint)');
	});

	test.each([
		[{ first_name: '' }, 400, '2213'],
		[{ last_name: undefined }, 400, '2213'],
		[{ signature: 'x' }, 401, '2205'],
		[{ partner_params: { job_id: 'bk-jt', user_id: 'u', job_type: 1 } }, 400, '2212'],
	])('request errors: %j', async (o, status, code) => {
		const r = await post('/v2/verify', basic(o));
		expect(r.status).toBe(status);
		expect(r.body.code).toBe(code);
	});

	test('Uganda: the card number and date of birth instead of the names', async () => {
		const ug = { country: 'UG', id_type: 'NATIONAL_ID_NO_PHOTO', id_number: 'CM000000000000', first_name: undefined, last_name: undefined };
		const ok = await post('/v2/verify', basic({ ...ug, secondary_id_number: '000000000' }));
		expect(ok.body).toMatchObject({ ResultCode: '1020', SecondaryIDNumber: '000000000', Actions: { Names: 'Not Provided', DOB: 'Exact Match' } });
		expect((await post('/v2/verify', basic(ug))).body.code).toBe('2213');
		expect((await post('/v2/verify', basic({ ...ug, secondary_id_number: '000000000', dob: '' }))).body.code).toBe('2213');
	});

	test('async: { success: true }, then the signed callback and job status; no callback URL is refused', async () => {
		const { port } = /** @type {any} */ (receiver.address());
		const body = basic({ ...as('attention'), callback_url: `http://127.0.0.1:${port}/cb` });
		expect((await post('/v2/verify_async', body)).body).toEqual({ success: true });
		for (let i = 0; i < 50 && !received.some((c) => c.PartnerParams?.job_id === body.partner_params.job_id); i++)
			await new Promise((res) => setTimeout(res, 20));
		const cb = received.find((c) => c.PartnerParams?.job_id === body.partner_params.job_id);
		expect(cb).toMatchObject({ ResultCode: '1021', IsFinalResult: 'true', Actions: { Names: 'Partial Match' } });
		expect(cb.signature).toBe(referenceSignature({ apiKey: API_KEY, partnerId: PARTNER, timestamp: cb.timestamp }));
		const status = await post('/v1/job_status', {
			...signed(),
			user_id: body.partner_params.user_id,
			job_id: body.partner_params.job_id,
			history: false,
			image_links: false,
		});
		expect(status.body).toMatchObject({ job_complete: true, job_success: true, result: { ResultCode: '1021' } });
		expect((await post('/v2/verify_async', basic())).body).toMatchObject({ code: '2213', success: false });
	});

	test('fault prefixes work as on the other endpoints; calls are counted apart from Enhanced KYC', async () => {
		const before = sim.stats();
		const body = basic(as('fault5xx-approved'));
		expect((await post('/v2/verify', body)).status).toBe(500);
		expect((await post('/v2/verify', { ...body, ...signed() })).body.ResultCode).toBe('1020');
		const r429 = await post('/v2/verify_async', basic({ ...as('fault429'), callback_url: 'http://127.0.0.1:9/cb' }));
		expect(r429.status).toBe(429);
		expect(r429.body).toMatchObject({ code: '2222', success: false });
		const after = sim.stats();
		expect(after.basicKycCalls - before.basicKycCalls).toBe(3);
		expect(after.idVerificationCalls).toBe(before.idVerificationCalls);
	});

	test('/v1/services lists basic_kyc with the names required, and Uganda', async () => {
		const body = await (await fetch(`${sim.url}/v1/services`)).json();
		expect(body.hosted_web.basic_kyc.NG.id_types.BVN.required_fields).toEqual(['country', 'id_type', 'id_number', 'first_name', 'last_name']);
		expect(body.hosted_web.basic_kyc.UG.id_types.NATIONAL_ID_NO_PHOTO.required_fields).toContain('secondary_id_number');
		expect(body.hosted_web.enhanced_kyc.UG).toBeUndefined();
	});
});

describe('AML', () => {
	const aml = (/** @type {string} */ user) => ({
		...signed(),
		job_id: `aml-${++seq}`,
		user_id: `${user}-${seq}`,
		job_type: 10,
		full_name: 'John Leo Doe',
		birth_year: '1984',
		countries: ['NG'],
		search_existing_user: false,
	});
	test('approved: Not Listed, nobody found', async () => {
		const r = await post('/v1/aml', aml('approved'));
		expect(r.body).toMatchObject({
			Actions: { Listed: 'Not Listed' },
			no_of_persons_found: 0,
			people: [],
			PartnerParams: { job_type: 10 },
		});
	});
	test('rejected: Listed with a sanctions match', async () => {
		const r = await post('/v1/aml', aml('rejected'));
		expect(r.body).toMatchObject({ Actions: { Listed: 'Listed' }, no_of_persons_found: 1 });
		expect(r.body.people[0].sanctions).toHaveLength(1);
	});
	test('missing full name is 2213', async () => {
		const r = await post('/v1/aml', { ...aml('approved'), full_name: '' });
		expect(r.body.code).toBe('2213');
	});
});

describe('live lists', () => {
	test('GET /v1/services needs no signature', async () => {
		const r = await fetch(`${sim.url}/v1/services`);
		const body = await r.json();
		expect(body.hosted_web.enhanced_kyc.NG.id_types.BVN.id_number_regex).toBe('^[0-9]{11}$');
		expect(body.id_types.NG.BANK_ACCOUNT).toContain('bank_code');
	});
	test('products_config and valid_documents are signed', async () => {
		expect((await post('/v1/products_config', signed())).body.consentRequired.NG).toContain('BVN');
		expect((await post('/v1/valid_documents', signed())).body.valid_documents[0].country.code).toBe(
			'FR',
		);
		expect((await post('/v1/products_config', { partner_id: PARTNER })).status).toBe(401);
	});
	test('the catalogue has ID types beyond the common ones: NG NIN, TZ NIN (with its names)', async () => {
		const body = await (await fetch(`${sim.url}/v1/services`)).json();
		for (const product of ['enhanced_kyc', 'biometric_kyc']) {
			expect(body.hosted_web[product].NG.id_types.NIN.id_number_regex).toBe('^[0-9]{11}$');
			expect(body.hosted_web[product].TZ).toEqual({
				name: 'Tanzania',
				id_types: {
					NIN: {
						label: 'National ID Number (NIDA)',
						required_fields: ['country', 'id_type', 'id_number', 'first_name', 'last_name'],
						test_data: '00000000000000000000',
						id_number_regex: '^[0-9]{20}$',
					},
				},
			});
		}
		expect(body.id_types.TZ).toEqual({
			NIN: ['country', 'id_type', 'id_number', 'first_name', 'last_name'],
		});
		const config = (await post('/v1/products_config', signed())).body;
		expect(config.idSelection.enhanced_kyc.TZ).toEqual(['NIN']);
		expect(config.consentRequired.NG).toContain('NIN');
	});
	test('Enhanced KYC takes them: TZ NIN with names is 1012, without the last name 2213', async () => {
		const tz = { country: 'TZ', id_type: 'NIN', id_number: '12345678901234567890' };
		const ok = await post(
			'/v1/id_verification',
			lookup({ ...tz, first_name: 'Joe', last_name: 'Doe' }),
		);
		expect(ok.body.ResultCode).toBe('1012');
		const missing = await post('/v1/id_verification', lookup({ ...tz, first_name: 'Joe' }));
		expect(missing.status).toBe(400);
		expect(missing.body.code).toBe('2213');
		const nin = await post(
			'/v1/id_verification',
			lookup({ id_type: 'NIN', id_number: '12345678901' }),
		);
		expect(nin.body.ResultCode).toBe('1012');
	});
	test('a queued fault makes a list fail once: services 500, products_config dropped', async () => {
		await post('/__sim/fault', { endpoint: 'services', type: '5xx' });
		const failed = await fetch(`${sim.url}/v1/services`);
		expect(failed.status).toBe(500);
		expect(await failed.json()).toEqual({ code: '2201', error: 'System Error' });
		expect((await fetch(`${sim.url}/v1/services`)).status).toBe(200);
		await post('/__sim/fault', { endpoint: '/v1/products_config', type: 'drop' });
		await expect(post('/v1/products_config', signed())).rejects.toThrow();
		expect((await post('/v1/products_config', signed())).status).toBe(200);
	});
});
