// @ts-check
/**
 * Business Verification (KYB), Phone Number Verification (sync and by callback) and Digital
 * Address Verification (by callback) in REAL n8n (each line under test) against the offline
 * simulator: the requests as the docs describe them (KYB signed in the body, phone and address
 * in headers), the company record and its lists, the per-field matches, the address verdict,
 * the docs' sandbox test numbers, a server fault retried without a second job, a lost answer
 * sent to Job Status, and Job Status / Verify a Callback reading each product's results.
 *
 * Run: node test/e2e/run.mjs --line 1 more-products
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { rnd, sleep, startActionBench } from './lib/action-helpers.mjs';
import { TRIGGER_NAME, firstItem, triggerWorkflow } from './lib/trigger-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { addressParams, businessParams, phoneParams } from './lib/kyc-helpers.mjs';

for (const line of linesUnderTest()) {
	describe(
		`n8n ${line}.x Smile ID business, phone and address verification`,
		{ timeout: 900_000 },
		() => {
			/** @type {import('./lib/action-helpers.mjs').ActionBench} */
			let bench;
			let cb = '';
			/** @type {Record<string, import('./lib/action-helpers.mjs').DeployedWorkflow>} */
			const wf = {};

			before(async () => {
				bench = await startActionBench(line);
				cb = bench.aux.callbackUrl(`products-${line}`);
				wf.kyb = await bench.deployItems('p-kyb', businessParams());
				wf.kybAsync = await bench.deployItems(
					'p-kyb-async',
					businessParams({ lookupMode: 'async' }),
				);
				wf.phone = await bench.deployItems('p-phone', phoneParams());
				wf.phoneAsync = await bench.deployItems(
					'p-phone-async',
					phoneParams({ lookupMode: 'async' }),
				);
				wf.address = await bench.deployItems('p-address', addressParams());
				wf.status = await bench.deployItems('p-status', {
					resource: 'job',
					operation: 'getStatus',
					userId: '={{ $json.userId }}',
					jobId: '={{ $json.jobId }}',
				});
				wf.verifyCb = await bench.deployItems('p-verify-cb', {
					resource: 'callback',
					operation: 'verify',
					callbackBody: '={{ $json.cb }}',
				});
			});

			after(async () => {
				await bench?.stop();
			});

			/** Waits for the simulator's callback of a job at the test's receiver. @param {string} jobId */
			const callbackOf = async (jobId) => {
				for (let i = 0; i < 100; i++) {
					const found = bench.aux.callbacks.find((c) => c.body?.PartnerParams?.job_id === jobId);
					if (found) return found;
					await sleep(100);
				}
				throw new Error(`no callback for ${jobId}`);
			};

			const business = (
				/** @type {string} */ scenario,
				/** @type {Record<string, any>} */ o = {},
			) => ({
				userId: `${scenario}-kyb-${rnd()}`,
				jobId: `kyb-${rnd(6)}`,
				country: 'NG',
				searchType: 'BUSINESS_REGISTRATION',
				number: '0000000',
				businessType: 'co',
				...o,
			});

			test('KYB, sync, test number 0000000: 1012, the company record and the lists to split out, raw complete; signed in the body', async () => {
				const item = business('approved');
				const out = await bench.runOne(wf.kyb, item);
				assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
				assert.deepEqual(
					[out.resultCode, out.resultText, out.product, out.jobType, out.jobId, out.isFinal],
					['1012', 'Business Verified', 'business_verification', 7, item.jobId, true],
				);
				assert.equal(out.company.registration_number, '0000000');
				assert.deepEqual(
					out.directors.map((/** @type {any} */ d) => d.name),
					['Joe Leo Doe', 'Jane Ada Roe'],
				);
				assert.deepEqual(
					out.beneficialOwners.map((/** @type {any} */ o) => o.shareholder_type),
					['Individual', 'Corporate'],
				);
				assert.equal(out.fiduciaries[0].fiduciary_type, 'SECRETARY_COMPANY');
				assert.deepEqual(out.proprietors, []);
				assert.deepEqual(out.raw.directors, out.directors, 'raw is the full answer');
				assert.equal(typeof out.raw.signature, 'string');
				assert.deepEqual(
					out.checks.map((/** @type {any} */ c) => [c.action, c.status]),
					[
						['Verify_Business', 'passed'],
						['Return_Business_Info', 'passed'],
					],
				);
				const reqs = bench.requestsFor(item.jobId);
				assert.deepEqual(
					reqs.map((r) => r.path),
					['/v1/business_verification'],
					'one request',
				);
				const { signature, timestamp, ...rest } = reqs[0].body;
				assert.equal(typeof signature, 'string');
				assert.equal(typeof timestamp, 'string');
				assert.deepEqual(rest, {
					partner_id: bench.sim.credentials.partnerId,
					source_sdk: 'rest_api',
					source_sdk_version: '1.0.0',
					partner_params: { job_id: item.jobId, user_id: item.userId, job_type: 7 },
					country: 'NG',
					id_type: 'BUSINESS_REGISTRATION',
					id_number: '0000000',
					business_type: 'co',
				});
				assert.equal(reqs[0].headers['smileid-request-signature'], undefined, 'not in headers');
			});

			test('KYB, sync, tax information: company only, empty lists, no business_type sent', async () => {
				const item = business('approved', {
					searchType: 'TAX_INFORMATION',
					number: '00000000-0000',
				});
				const out = await bench.runOne(wf.kyb, item);
				assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
				assert.equal(out.company.tax_id, '00000000-0000');
				assert.deepEqual([out.directors, out.beneficialOwners, out.fiduciaries], [[], [], []]);
				const [req] = bench.requestsFor(item.jobId);
				assert.equal(req.body.business_type, undefined);
				assert.equal(req.body.id_type, 'TAX_INFORMATION');
			});

			for (const [number, code, outcome, remedy] of [
				['0000001', '1013', 'rejected', /Check the registration or tax number/],
				['0000003', '1015', 'error', /asynchronous lookup/],
			]) {
				test(`KYB, sync, test number ${number}: ${code} is output as a ${outcome} result (never lost)`, async () => {
					const out = await bench.runOne(wf.kyb, business('approved', { number }));
					assert.equal(out.error, undefined, JSON.stringify(out).slice(0, 500));
					assert.deepEqual([out.resultCode, out.outcome], [code, outcome]);
					assert.match(out.remedy, /** @type {RegExp} */ (remedy));
					assert.deepEqual(out.directors, []);
				});
			}

			test('KYB, sync, South Africa: the docs registration format passes; no business_type', async () => {
				const item = business('approved', { country: 'ZA', number: '2000/000000/00' });
				const out = await bench.runOne(wf.kyb, item);
				assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 500));
				assert.equal(bench.requestsFor(item.jobId)[0].body.business_type, undefined);
			});

			test('KYB, sync, fault5xx: retried with the same job ID, one job', async () => {
				const item = business('fault5xx-approved');
				const out = await bench.runOne(wf.kyb, item);
				assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 500));
				assert.equal(out.attempts, 2);
				assert.deepEqual(
					bench.requestsFor(item.jobId).map((r) => r.status),
					[500, 200],
				);
				assert.equal(bench.stats().jobsCreatedByJobId[item.jobId], 1);
			});

			test('KYB, sync, answer slower than Request Timeout: the repeat meets the job (2215); the error sends the user to Job Status; one job', async () => {
				const item = business('faultslow-approved', { requestTimeout: 2 });
				const out = await bench.runOne(wf.kyb, item);
				assert.equal(
					out.error,
					`Verifying the business failed: the first attempt most likely reached Smile ID (job ID ${item.jobId})`,
				);
				assert.match(out.errorDescription, /\(Smile ID code 2215\): Smile ID has this job/);
				assert.match(
					out.errorDescription,
					new RegExp(`Job Status operation, user ID ${item.userId} and job ID ${item.jobId}`),
				);
				assert.equal(bench.stats().jobsCreatedByJobId[item.jobId], 1, 'exactly one job');
				const status = await bench.runOne(wf.status, { userId: item.userId, jobId: item.jobId });
				assert.equal(status.outcome, 'approved', JSON.stringify(status).slice(0, 500));
				assert.equal(status.product, 'business_verification');
			});

			test('KYB, by callback: pending, then the signed callback; Verify a Callback and Job Status read job type 7', async () => {
				const item = business('approved', { callbackUrl: cb, number: 'RC12345' });
				const out = await bench.runOne(wf.kybAsync, item);
				assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
				assert.deepEqual(
					[out.isFinal, out.jobType, out.product],
					[false, 7, 'business_verification'],
				);
				assert.equal(out.raw.submitted.success, true);
				const [req] = bench.requestsFor(item.jobId, '/v1/async_business_verification');
				assert.equal(req.body.callback_url, cb);
				const delivered = await callbackOf(item.jobId);
				const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
				const status = await bench.runOne(wf.status, { userId: item.userId, jobId: item.jobId });
				for (const o of [verified, status]) {
					assert.equal(o.outcome, 'approved', JSON.stringify(o).slice(0, 500));
					assert.deepEqual(
						[o.product, o.resultCode, o.jobType],
						['business_verification', '1012', 7],
					);
					assert.deepEqual(o.actions, {
						Verify_Business: 'Verified',
						Return_Business_Info: 'Returned',
					});
				}
				assert.equal(verified.raw.directors.length, 2, 'the callback keeps the lists in raw');
			});

			test('KYB, by callback, rejected scenario: the callback carries 1013, rejected', async () => {
				const item = business('rejected', { callbackUrl: cb, number: 'RC54321' });
				const out = await bench.runOne(wf.kybAsync, item);
				assert.equal(out.outcome, 'pending');
				const delivered = await callbackOf(item.jobId);
				const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
				assert.deepEqual([verified.resultCode, verified.outcome], ['1013', 'rejected']);
			});

			test('KYB, three items at once, Continue On Fail: in order, the bad item an error item (nothing sent for it), the others verified', async () => {
				const items = [
					business('approved'),
					business('approved', { number: 'RC 1' }),
					business('approved'),
				];
				const r = await bench.run(wf.kyb, { items });
				assert.equal(r.status, 200, r.text.slice(0, 500));
				assert.deepEqual(
					r.items.map((/** @type {any} */ o) => o.jobId ?? o.error?.slice(0, 40)),
					[items[0].jobId, 'Registration Number "RC 1" does not have', items[2].jobId],
				);
				assert.equal(bench.requestsFor(items[1].jobId).length, 0, 'nothing sent for the bad item');
			});

			const phone = (
				/** @type {string} */ scenario,
				/** @type {Record<string, any>} */ o = {},
			) => ({
				userId: `${scenario}-phone-${rnd()}`,
				jobId: `phone-${rnd(6)}`,
				country: 'NG',
				phoneNumber: '00000000000',
				firstName: 'Joe',
				lastName: 'Leo',
				...o,
			});

			test('Phone, sync, NG test number: 1020, the names compared, per-field matches; signed in SmileID-* headers', async () => {
				const item = phone('approved');
				const out = await bench.runOne(wf.phone, item);
				assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
				assert.deepEqual(
					[out.resultCode, out.product, out.jobType, out.jobId, out.isFinal],
					['1020', 'phone_verification', null, item.jobId, true],
				);
				assert.deepEqual(out.matches, { names: 'Exact Match', idNumber: 'Not Provided' });
				assert.equal(out.raw.ResultType, 'Phone Number Verification');
				const reqs = bench.requestsFor(item.jobId);
				assert.deepEqual(
					reqs.map((r) => r.path),
					['/v2/verify-phone'],
					'one request',
				);
				const [req] = reqs;
				assert.deepEqual(req.body, {
					source_sdk: 'rest_api',
					source_sdk_version: '1.0.0',
					partner_params: { job_id: item.jobId, user_id: item.userId },
					country: 'NG',
					phone_number: '00000000000',
					match_fields: { first_name: 'Joe', last_name: 'Leo' },
				});
				assert.equal(req.headers['smileid-partner-id'], bench.sim.credentials.partnerId);
				assert.equal(typeof req.headers['smileid-request-signature'], 'string');
				assert.equal(req.headers['smileid-source-sdk'], 'rest_api');
			});

			test('Phone, sync, Kenya by ID number, attention scenario: 1021 partial match, the ID number compared', async () => {
				const out = await bench.runOne(
					wf.phone,
					phone('attention', {
						country: 'KE',
						phoneNumber: '0712345678',
						firstName: '',
						lastName: '',
						idNumber: '12345678',
					}),
				);
				assert.deepEqual([out.resultCode, out.outcome], ['1021', 'approved_with_attention']);
				assert.deepEqual(out.matches, { names: 'Not Provided', idNumber: 'Partial Match' });
				assert.deepEqual(out.attentionChecks, ['ID_Number']);
			});

			for (const [number, code, outcome] of [
				['00000000001', '1023', 'rejected'],
				['00000000003', '1015', 'error'],
			]) {
				test(`Phone, sync, test number ${number}: ${code} is a ${outcome} result`, async () => {
					const out = await bench.runOne(wf.phone, phone('approved', { phoneNumber: number }));
					assert.equal(out.error, undefined, JSON.stringify(out).slice(0, 500));
					assert.deepEqual([out.resultCode, out.outcome], [code, outcome]);
				});
			}

			test('Phone, sync, test number ending in 2: Smile ID refuses the format (2413); the error names the fix', async () => {
				const out = await bench.runOne(wf.phone, phone('approved', { phoneNumber: '00000000002' }));
				assert.match(String(out.error), /2413/);
				assert.match(String(out.errorDescription), /digits only, no \+ or country code/);
			});

			test('Phone, sync, fault5xx: retried with the same job ID, one job', async () => {
				const item = phone('fault5xx-approved');
				const out = await bench.runOne(wf.phone, item);
				assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 500));
				assert.deepEqual(
					bench.requestsFor(item.jobId).map((r) => r.status),
					[500, 200],
				);
				assert.equal(bench.stats().jobsCreatedByJobId[item.jobId], 1);
			});

			test('Phone, by callback: pending, then the callback; Verify a Callback and Job Status read phone verification and its matches', async () => {
				const item = phone('approved', { callbackUrl: cb, phoneNumber: '08012345678' });
				const out = await bench.runOne(wf.phoneAsync, item);
				assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
				assert.equal(out.product, 'phone_verification');
				const [req] = bench.requestsFor(item.jobId, '/v2/async-verify-phone');
				assert.equal(req.body.callback_url, cb);
				const delivered = await callbackOf(item.jobId);
				const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
				const status = await bench.runOne(wf.status, { userId: item.userId, jobId: item.jobId });
				for (const o of [verified, status]) {
					assert.equal(o.outcome, 'approved', JSON.stringify(o).slice(0, 500));
					assert.deepEqual([o.product, o.resultCode], ['phone_verification', '1020']);
					assert.deepEqual(o.matches, { names: 'Exact Match', idNumber: 'Not Provided' });
				}
			});

			const address = (
				/** @type {string} */ scenario,
				/** @type {Record<string, any>} */ o = {},
			) => ({
				userId: `${scenario}-address-${rnd()}`,
				jobId: `address-${rnd(6)}`,
				country: 'ZA',
				fullName: 'Joe Doe Leo',
				address: '1 Example Street, Cape Town',
				identifier: '0000000000000',
				callbackUrl: cb,
				...o,
			});

			test('Address, ZA test number: pending, signed in headers; the callback carries 1020 with the verdict and distance; Job Status reads it', async () => {
				const item = address('approved');
				const out = await bench.runOne(wf.address, item);
				assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
				assert.deepEqual(
					[out.product, out.jobId, out.isFinal],
					['address_verification', item.jobId, false],
				);
				const [req] = bench.requestsFor(item.jobId);
				assert.equal(req.path, '/v2/async-verify-address');
				assert.deepEqual(req.body, {
					source_sdk: 'rest_api',
					source_sdk_version: '1.0.0',
					partner_params: { job_id: item.jobId, user_id: item.userId },
					country: 'ZA',
					full_name: 'Joe Doe Leo',
					address: '1 Example Street, Cape Town',
					id_number: '0000000000000',
					callback_url: cb,
				});
				assert.equal(typeof req.headers['smileid-request-signature'], 'string');
				const delivered = await callbackOf(item.jobId);
				const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
				const status = await bench.runOne(wf.status, { userId: item.userId, jobId: item.jobId });
				for (const o of [verified, status]) {
					assert.equal(o.outcome, 'approved', JSON.stringify(o).slice(0, 500));
					assert.deepEqual([o.product, o.resultCode], ['address_verification', '1020']);
					assert.deepEqual(o.addressCheck, {
						verdict: 'Exact Match',
						distance: '0.1 km',
						reason: null,
					});
				}
			});

			test('Address, test number ending in 4: 1022, the addresses too far apart, rejected with the distance and reason', async () => {
				const item = address('approved', { identifier: '0000000000004' });
				assert.equal((await bench.runOne(wf.address, item)).outcome, 'pending');
				const verified = await bench.runOne(wf.verifyCb, {
					cb: (await callbackOf(item.jobId)).body,
				});
				assert.deepEqual([verified.resultCode, verified.outcome], ['1022', 'rejected']);
				assert.deepEqual(verified.addressCheck, {
					verdict: 'No Match',
					distance: '42.7 km',
					reason: 'The addresses are too far apart.',
				});
				assert.match(verified.remedy, /too far from the one on record/);
			});

			test('Address, Nigeria by utility number, fault5xx: retried with the same job ID, one job, utility_number sent', async () => {
				const item = address('fault5xx-approved', { country: 'NG', identifier: '0000000000' });
				const out = await bench.runOne(wf.address, item);
				assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
				const reqs = bench.requestsFor(item.jobId);
				assert.deepEqual(
					reqs.map((r) => r.status),
					[500, 200],
				);
				assert.equal(reqs[1].body.utility_number, '0000000000');
				assert.equal(bench.stats().jobsCreatedByJobId[item.jobId], 1);
			});

			test('the Smile ID Trigger filtered on job type 7 (Business Verification) starts for a KYB callback and outputs the lists', async () => {
				const created = await bench.n8n.createActiveWorkflow(
					triggerWorkflow(`products trigger ${line}.x`, {
						path: `kyb-${line}-${rnd()}`,
						jobTypes: ['7'],
					}),
					{ credential: bench.cred },
				);
				const full = await bench.n8n.getWorkflow(created.id);
				const hook = (await bench.n8n.productionWebhooks(full)).find(
					(h) => h.node === TRIGGER_NAME,
				);
				assert.ok(hook, 'the trigger has a production URL');
				const item = business('approved', { callbackUrl: hook.url, number: 'RC777' });
				assert.equal((await bench.runOne(wf.kybAsync, item)).outcome, 'pending');
				const ex = await bench.n8n.waitForExecution({ workflowId: created.id, timeoutMs: 30_000 });
				const out = firstItem(ex)?.json;
				assert.deepEqual(
					[out?.product, out?.jobType, out?.outcome, out?.jobId],
					['business_verification', 7, 'approved', item.jobId],
				);
				assert.deepEqual(
					out.directors.map((/** @type {any} */ d) => d.name),
					['Joe Leo Doe', 'Jane Ada Roe'],
				);
				assert.equal(out.company.registration_number, 'RC777');
			});
		},
	);
}
