// @ts-check
/**
 * Enhanced KYC (sync and async), Basic KYC (sync and async), Biometric KYC, Enhanced Document
 * Verification and the AML check in REAL n8n (each line under test), against the offline simulator: the documented
 * scenarios and a fault, what the simulator received, the authority's photo as binary data,
 * Job Status and Verify a Callback on the new job types.
 *
 * Run: node test/e2e/run.mjs --line 1 kyc-products
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	ActionBench,
	imageSet,
	itemDrivenSubmit,
	rnd,
	sleep,
	startActionBench,
} from './lib/action-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { amlParams, idNumberParams } from './lib/kyc-helpers.mjs';

const b64 = (/** @type {Buffer} */ b) => b.toString('base64');

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile ID ID-number products and AML`, { timeout: 900_000 }, () => {
		/** @type {ActionBench} */
		let bench;
		let cb = '';
		/** @type {Record<string, import('./lib/action-helpers.mjs').DeployedWorkflow>} */
		const wf = {};
		const img = imageSet('kyc-products', { liveness: 4 });

		before(async () => {
			bench = await startActionBench(line, { sim: { provisionalDelayMs: 2500 } });
			cb = bench.aux.callbackUrl(`kyc-${line}`);
			wf.lookUp = await bench.deployItems('kyc-lookup', idNumberParams('lookUp'));
			wf.lookUpAsync = await bench.deployItems(
				'kyc-lookup-async',
				idNumberParams('lookUp', { lookupMode: 'async' }),
			);
			wf.bkyc = await bench.deployItems(
				'kyc-bkyc',
				idNumberParams('verifyWithSelfie', {
					imageSource: 'base64',
					selfie: '={{ $json.selfie ?? "" }}',
					livenessImages: '={{ $json.liveness ?? "" }}',
					waitForResult: true,
					waitTimeout: 30,
				}),
			);
			wf.edv = await bench.deployItems(
				'kyc-edv',
				itemDrivenSubmit('document', 'verifyWithAuthority', {
					waitForResult: true,
					waitTimeout: 30,
				}),
			);
			wf.aml = await bench.deployItems('kyc-aml', amlParams());
			const basicKyc = {
				middleName: '={{ $json.middleName ?? "" }}',
				secondaryIdNumber: '={{ $json.secondaryIdNumber ?? "" }}',
			};
			wf.basic = await bench.deployItems('kyc-basic', idNumberParams('verifyDetails', basicKyc));
			wf.basicAsync = await bench.deployItems(
				'kyc-basic-async',
				idNumberParams('verifyDetails', { ...basicKyc, lookupMode: 'async' }),
			);
			wf.status = await bench.deployItems('kyc-status', {
				resource: 'job',
				operation: 'getStatus',
				userId: '={{ $json.userId }}',
				jobId: '={{ $json.jobId }}',
			});
			wf.verifyCb = await bench.deployItems('kyc-verify-cb', {
				resource: 'callback',
				operation: 'verify',
				callbackBody: '={{ $json.cb }}',
			});
		});

		after(async () => {
			await bench?.stop();
		});

		const bvn = (/** @type {string} */ scenario, /** @type {Record<string, any>} */ o = {}) => ({
			userId: `${scenario}-kyc-${rnd()}`,
			jobId: `kyc-${rnd(6)}`,
			country: 'NG',
			idType: 'BVN',
			idNumber: '00000000000',
			firstName: 'Joe',
			lastName: 'Doe',
			dob: '2000-09-20',
			...o,
		});

		test('Enhanced KYC, sync, approved: 1012, personal info, the photo as binary, FullData in raw; the request as the docs describe', async () => {
			const item = bvn('approved');
			const out = await bench.runOne(wf.lookUp, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1012');
			assert.equal(out.resultText, 'Valid ID');
			assert.equal(out.product, 'enhanced_kyc');
			assert.equal(out.jobType, 5);
			assert.equal(out.jobId, item.jobId);
			assert.equal(out.personalInfo.fullName, 'Joe Leo Doe');
			assert.equal(out.personalInfo.idNumber, '00000000000');
			assert.equal(out.raw.FullData.bvn, '00000000000');
			assert.equal(out.raw.Photo, undefined, 'the photo travels as binary, not twice');
			const ex = await bench.lastExecution(wf.lookUp);
			const full = ActionBench.fullOutput(ex)?.[0];
			assert.equal(full?.binary?.photo?.mimeType, 'image/jpeg');
			const [req] = bench.requestsFor(item.jobId, '/v1/id_verification');
			assert.ok(req, 'the simulator received the lookup');
			assert.equal(req.status, 200);
			assert.deepEqual(
				{
					country: req.body.country,
					id_type: req.body.id_type,
					id_number: req.body.id_number,
					first_name: req.body.first_name,
					last_name: req.body.last_name,
					dob: req.body.dob,
					partner_params: req.body.partner_params,
					partner_id: req.body.partner_id,
					source_sdk: req.body.source_sdk,
				},
				{
					country: 'NG',
					id_type: 'BVN',
					id_number: '00000000000',
					first_name: 'Joe',
					last_name: 'Doe',
					dob: '2000-09-20',
					partner_params: { job_id: item.jobId, user_id: item.userId, job_type: 5 },
					partner_id: bench.sim.credentials.partnerId,
					source_sdk: 'rest_api',
				},
			);
			assert.equal(req.body.consent_information.consented.personal_details, true);
			assert.equal(req.body.callback_url, undefined, 'the sync lookup sends no callback URL');
		});

		test('Enhanced KYC, sync, rejected: 1013 is a rejected result with advice', async () => {
			const out = await bench.runOne(wf.lookUp, bvn('rejected'));
			assert.equal(out.outcome, 'rejected');
			assert.equal(out.resultCode, '1013');
			assert.match(out.remedy, /Check the ID number/);
		});

		test('Enhanced KYC, sync, authority down: 1015 is output (never lost) as an error result', async () => {
			const out = await bench.runOne(wf.lookUp, bvn('provisional'));
			assert.equal(out.error, undefined, JSON.stringify(out).slice(0, 500));
			assert.equal(out.outcome, 'error');
			assert.equal(out.resultCode, '1015');
			assert.match(out.remedy, /asynchronous lookup/);
		});

		test('Enhanced KYC, sync, fault5xx: retried with the same job ID, one lookup', async () => {
			const item = bvn('fault5xx-approved');
			const out = await bench.runOne(wf.lookUp, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 500));
			assert.equal(out.attempts, 2);
			const reqs = bench.requestsFor(item.jobId, '/v1/id_verification');
			assert.deepEqual(
				reqs.map((r) => r.status),
				[500, 200],
			);
		});

		test('Enhanced KYC, async: pending, then the signed callback; Verify a Callback and Job Status read job type 5', async () => {
			const item = bvn('approved', { callbackUrl: cb });
			const out = await bench.runOne(wf.lookUpAsync, item);
			assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
			assert.equal(out.isFinal, false);
			assert.equal(out.raw.submitted.success, true);
			const [req] = bench.requestsFor(item.jobId, '/v1/async_id_verification');
			assert.equal(req.body.callback_url, cb);
			let delivered;
			for (let i = 0; i < 100 && !delivered; i++) {
				delivered = bench.aux.callbacks.find((c) => c.body?.PartnerParams?.job_id === item.jobId);
				if (!delivered) await sleep(100);
			}
			assert.ok(delivered, 'the callback arrived');
			const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
			assert.equal(verified.outcome, 'approved', JSON.stringify(verified).slice(0, 500));
			assert.equal(verified.product, 'enhanced_kyc');
			assert.equal(verified.resultCode, '1012');
			const status = await bench.runOne(wf.status, { userId: item.userId, jobId: item.jobId });
			assert.equal(status.outcome, 'approved', JSON.stringify(status).slice(0, 500));
			assert.equal(status.product, 'enhanced_kyc');
			assert.equal(status.personalInfo.fullName, 'Joe Leo Doe');
			// Both explain the Actions the same way, and keep them as received.
			const lookupChecks = [
				{
					action: 'Verify_ID_Number',
					value: 'Verified',
					status: 'passed',
					check: 'The ID number looked up at the issuing ID authority.',
					meaning: 'The ID authority confirmed the ID number.',
				},
				{
					action: 'Return_Personal_Info',
					value: 'Returned',
					status: 'passed',
					check:
						"The person's details are returned: read from the document, or from the ID authority's record.",
					meaning: "The person's details were returned (see personalInfo).",
				},
			];
			for (const o of [verified, status]) {
				assert.deepEqual(o.actions, {
					Verify_ID_Number: 'Verified',
					Return_Personal_Info: 'Returned',
				});
				assert.deepEqual(o.checks, lookupChecks);
				assert.deepEqual([o.failedChecks, o.pendingChecks, o.attentionChecks], [[], [], []]);
			}
		});

		test('Biometric KYC: the upload with id_info.entered, selfie and liveness; waits for 1210', async () => {
			const item = bvn('approved', {
				callbackUrl: cb,
				selfie: b64(img.selfie),
				liveness: img.liveness.map(b64),
			});
			const out = await bench.runOne(wf.bkyc, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1210');
			assert.equal(out.product, 'biometric_kyc');
			assert.equal(out.jobType, 1);
			assert.equal(out.actions.Selfie_To_ID_Authority_Compare, 'Completed');
			assert.equal(out.actions.Verify_ID_Number, 'Verified');
			const job = bench.sim.getJob(item.jobId, true);
			assert.equal(job.job_type, 1);
			assert.deepEqual(job.upload.info_json.id_info, {
				country: 'NG',
				id_type: 'BVN',
				id_number: '00000000000',
				first_name: 'Joe',
				last_name: 'Doe',
				dob: '2000-09-20',
				entered: true,
			});
			assert.deepEqual(
				job.upload.info_json.images.map((/** @type {any} */ i) => i.image_type_id),
				[0, 4, 4, 4, 4],
			);
		});

		test('Biometric KYC, provisional: 0814 under review, then 1210 after waiting', async () => {
			const out = await bench.runOne(
				wf.bkyc,
				bvn('provisional', { callbackUrl: cb, selfie: b64(imageSet('bkyc-p').selfie) }),
			);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1210');
			const history = out.raw.jobStatus.result;
			assert.equal(history.ResultCode, '1210');
		});

		test('Enhanced Document Verification: job type 11 with the ID type, checked with the issuer', async () => {
			const set = imageSet('edv');
			const item = {
				userId: `approved-edv-${rnd()}`,
				jobId: `edv-${rnd(6)}`,
				country: 'NG',
				idType: 'PASSPORT',
				selfie: b64(set.selfie),
				idCardFront: b64(set.idCardFront),
				callbackUrl: cb,
			};
			const out = await bench.runOne(wf.edv, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '0810');
			assert.equal(out.product, 'enhanced_document_verification');
			assert.equal(out.jobType, 11);
			assert.equal(out.actions.Verify_ID_Number, 'Verified');
			const job = bench.sim.getJob(item.jobId, true);
			assert.equal(job.job_type, 11);
			assert.deepEqual(job.upload.info_json.id_info, { country: 'NG', id_type: 'PASSPORT' });
			const [prep] = bench.requestsFor(item.jobId, '/v1/upload');
			assert.equal(prep.body.use_enrolled_image, false);
		});

		/** Waits for the simulator's callback of a job at the test's callback receiver. @param {string} jobId */
		const callbackOf = async (jobId) => {
			for (let i = 0; i < 100; i++) {
				const found = bench.aux.callbacks.find((c) => c.body?.PartnerParams?.job_id === jobId);
				if (found) return found;
				await sleep(100);
			}
			throw new Error(`no callback for ${jobId}`);
		};

		test('Basic KYC, sync, exact match: 1020 approved, Actions per field; POST /v2/verify signed in the body as the docs describe', async () => {
			const item = bvn('approved', { middleName: 'Leo' });
			const out = await bench.runOne(wf.basic, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1020');
			assert.equal(out.resultText, 'Exact Match');
			assert.equal(out.product, 'basic_kyc');
			assert.equal(out.jobType, 5);
			assert.equal(out.isFinal, true);
			assert.equal(out.jobId, item.jobId);
			assert.deepEqual(out.actions, {
				Verify_ID_Number: 'Verified',
				Return_Personal_Info: 'Not Applicable',
				ID_Verification: 'Verified',
				Names: 'Exact Match',
				DOB: 'Exact Match',
				Gender: 'Not Provided',
				Phone_Number: 'Not Provided',
			});
			assert.deepEqual(out.personalInfo, { country: 'NG', idType: 'BVN', idNumber: '00000000000' });
			assert.equal(out.raw.ResultCode, '1020', 'raw is the full answer');
			assert.equal(typeof out.raw.signature, 'string');
			assert.equal(out.attempts, 1);
			const reqs = bench.requestsFor(item.jobId);
			assert.deepEqual(
				reqs.map((r) => r.path),
				['/v2/verify'],
				'one request, to Basic KYC',
			);
			const [req] = reqs;
			assert.equal(req.status, 200);
			const { signature, timestamp, consent_information: consent, ...rest } = req.body;
			assert.deepEqual(rest, {
				source_sdk: 'rest_api',
				source_sdk_version: '1.0.0',
				partner_params: { job_id: item.jobId, user_id: item.userId, job_type: 5 },
				country: 'NG',
				id_type: 'BVN',
				id_number: '00000000000',
				first_name: 'Joe',
				middle_name: 'Leo',
				last_name: 'Doe',
				dob: '2000-09-20',
				partner_id: bench.sim.credentials.partnerId,
			});
			assert.equal(typeof signature, 'string');
			assert.ok(Number.isFinite(Date.parse(timestamp)));
			assert.equal(consent.consented.personal_details, true);
			assert.equal(req.headers['smileid-request-signature'], undefined, 'no header signing');
			assert.equal(req.headers['smileid-partner-id'], undefined);
		});

		test('Basic KYC, sync scenarios: partial, no match, not found and authority down are results with advice', async () => {
			const scenarios = ['attention', 'rejected', 'notfound', 'provisional'];
			const r = await bench.run(wf.basic, { items: scenarios.map((s) => bvn(s)) });
			assert.equal(r.status, 200, r.text.slice(0, 800));
			assert.deepEqual(
				r.items.map((o) => [o.resultCode, o.outcome, o.product]),
				[
					['1021', 'approved_with_attention', 'basic_kyc'],
					['1022', 'rejected', 'basic_kyc'],
					['1023', 'rejected', 'basic_kyc'],
					['1015', 'error', 'basic_kyc'],
				],
				r.text.slice(0, 800),
			);
			const [partial, none, notFound, down] = r.items;
			assert.equal(partial.actions.Names, 'Partial Match');
			assert.match(partial.remedy, /confirm every detail marked Partial Match or No Match/);
			assert.match(none.remedy, /Check the spelling of the names/);
			assert.match(notFound.remedy, /no charge was made/);
			assert.equal(down.error, undefined, 'an authority outage is output, never lost');
			assert.match(down.remedy, /asynchronous lookup/);
		});

		test('Basic KYC, Uganda: the card number goes as secondary_id_number with the date of birth', async () => {
			const item = bvn('approved', {
				country: 'UG',
				idType: 'NATIONAL_ID_NO_PHOTO',
				idNumber: 'CM000000000000',
				secondaryIdNumber: '000000000',
				firstName: '',
				lastName: '',
			});
			const out = await bench.runOne(wf.basic, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.personalInfo.secondaryIdNumber, '000000000');
			const [req] = bench.requestsFor(item.jobId, '/v2/verify');
			assert.equal(req.body.secondary_id_number, '000000000');
			assert.equal(req.body.dob, '2000-09-20');
			assert.equal(req.body.first_name, undefined);
		});

		test('Basic KYC, sync, fault5xx: retried with the same job ID, one job', async () => {
			const item = bvn('fault5xx-approved');
			const out = await bench.runOne(wf.basic, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 500));
			assert.equal(out.attempts, 2);
			assert.deepEqual(
				bench.requestsFor(item.jobId, '/v2/verify').map((r) => r.status),
				[500, 200],
			);
			assert.equal(bench.stats().jobsCreatedByJobId[item.jobId], 1);
		});

		test('Basic KYC, async: pending, then the signed callback; Verify a Callback and Job Status name Basic KYC', async () => {
			const item = bvn('attention', { callbackUrl: cb });
			const out = await bench.runOne(wf.basicAsync, item);
			assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
			assert.equal(out.product, 'basic_kyc');
			assert.equal(out.jobType, 5);
			assert.equal(out.raw.submitted.success, true);
			const [req] = bench.requestsFor(item.jobId, '/v2/verify_async');
			assert.equal(req.body.callback_url, cb);
			assert.equal(typeof req.body.signature, 'string');
			const delivered = await callbackOf(item.jobId);
			assert.equal(delivered.body.ResultCode, '1021');
			const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
			assert.equal(
				verified.outcome,
				'approved_with_attention',
				JSON.stringify(verified).slice(0, 500),
			);
			assert.equal(verified.product, 'basic_kyc');
			assert.equal(verified.actions.Names, 'Partial Match');
			const status = await bench.runOne(wf.status, { userId: item.userId, jobId: item.jobId });
			assert.equal(status.outcome, 'approved_with_attention', JSON.stringify(status).slice(0, 500));
			assert.equal(status.product, 'basic_kyc');
			assert.equal(status.resultCode, '1021');
		});

		test('Basic KYC, async, authority down: the callback brings the match after the outage', async () => {
			const item = bvn('provisional', { callbackUrl: cb });
			const out = await bench.runOne(wf.basicAsync, item);
			assert.equal(out.outcome, 'pending', JSON.stringify(out).slice(0, 500));
			const delivered = await callbackOf(item.jobId);
			const verified = await bench.runOne(wf.verifyCb, { cb: delivered.body });
			assert.equal(verified.resultCode, '1020');
			assert.equal(verified.outcome, 'approved');
			assert.equal(verified.product, 'basic_kyc');
		});

		test('AML, not listed: approved, no matches; the request as the docs describe', async () => {
			const item = {
				userId: `approved-aml-${rnd()}`,
				fullName: 'John Leo Doe',
				birthYear: '1984',
				countries: 'ng, KE',
			};
			const out = await bench.runOne(wf.aml, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.listed, false);
			assert.equal(out.personsFound, 0);
			assert.deepEqual(out.matches, []);
			assert.equal(out.product, 'aml_check');
			assert.equal(out.jobType, 10);
			const req = bench.sim.requests.find(
				(/** @type {any} */ r) => r.path === '/v1/aml' && r.body?.user_id === item.userId,
			);
			assert.deepEqual(
				{
					full_name: req.body.full_name,
					birth_year: req.body.birth_year,
					countries: req.body.countries,
					search_existing_user: req.body.search_existing_user,
					job_type: req.body.job_type,
				},
				{
					full_name: 'John Leo Doe',
					birth_year: '1984',
					countries: ['NG', 'KE'],
					search_existing_user: false,
					job_type: 10,
				},
			);
			assert.equal(req.body.job_id, out.jobId);
		});

		test('AML, listed: the match is routed to review with its details', async () => {
			const out = await bench.runOne(wf.aml, {
				userId: `rejected-aml-${rnd()}`,
				fullName: 'John Leo Doe',
				countries: 'NG',
			});
			assert.equal(out.outcome, 'under_review', JSON.stringify(out).slice(0, 800));
			assert.equal(out.isFinal, true);
			assert.equal(out.listed, true);
			assert.equal(out.personsFound, 1);
			assert.equal(out.matches[0].sanctions.length, 1);
			assert.equal(out.matches[0].name, 'John Leo Doe');
		});

		const tzNin = (/** @type {string} */ scenario) =>
			bvn(scenario, { country: 'TZ', idType: 'NIN', idNumber: '12345678901234567890', dob: '' });
		/** @param {string} country @param {string} idType */
		const notChecked = (country, idType) =>
			`ID Number was not checked before the lookup: Smile ID's list of ID types could not be read, and the built-in table does not list ${idType} for ${country}. Smile ID checks it itself; the result says if it does not take it.`;

		test("live list: an ID type only Smile ID's list has (TZ NIN) is looked up, with the lists read once per execution", async () => {
			const items = [tzNin('approved'), tzNin('rejected'), bvn('approved')];
			const listsBefore = bench.stats().listCalls;
			const r = await bench.run(wf.lookUp, { items });
			assert.equal(r.status, 200, r.text.slice(0, 800));
			assert.deepEqual(
				r.items.map((/** @type {any} */ o) => [o.jobId, o.resultCode, o.warnings]),
				[
					[items[0].jobId, '1012', []],
					[items[1].jobId, '1013', []],
					[items[2].jobId, '1012', []],
				],
				r.text.slice(0, 800),
			);
			assert.equal(bench.stats().listCalls - listsBefore, 2, 'services and products_config, once');
			const [req] = bench.requestsFor(items[0].jobId, '/v1/id_verification');
			const { country, id_type, id_number, first_name, last_name } = req.body;
			assert.deepEqual(
				{ country, id_type, id_number, first_name, last_name },
				{
					country: 'TZ',
					id_type: 'NIN',
					id_number: '12345678901234567890',
					first_name: 'Joe',
					last_name: 'Doe',
				},
			);
			await bench.runOne(wf.lookUp, bvn('approved'));
			assert.equal(bench.stats().listCalls - listsBefore, 4, 'the next execution reads them again');
		});

		test('live list failing: an ID type the built-in table lacks is sent, and the output warns it was not checked', async () => {
			await bench.simPost('/__sim/fault', { endpoint: 'services', type: '5xx' });
			const item = tzNin('approved');
			const out = await bench.runOne(wf.lookUp, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1012');
			assert.deepEqual(out.warnings, [notChecked('TZ', 'NIN')]);
			assert.equal(bench.stats().pendingFaults, 0, 'the lookup met the failing list');
			const [req] = bench.requestsFor(item.jobId, '/v1/id_verification');
			assert.equal(req.status, 200);
			assert.equal(req.body.id_type, 'NIN');
		});

		test('live list unreachable: Biometric KYC with NG NIN is sent, and its output warns', async () => {
			await bench.simPost('/__sim/fault', { endpoint: 'services', type: 'drop' });
			const item = bvn('approved', {
				idType: 'NIN',
				idNumber: '12345678901',
				callbackUrl: cb,
				selfie: b64(imageSet('bkyc-nin').selfie),
			});
			const out = await bench.runOne(wf.bkyc, item);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1210');
			assert.deepEqual(out.warnings, [notChecked('NG', 'NIN')]);
			const job = bench.sim.getJob(item.jobId, true);
			assert.equal(job.upload.info_json.id_info.id_type, 'NIN');
		});

		/** n8n's dropdown request, as the editor sends it. @param {string} methodName @param {Record<string, any>} params @param {{id: string, name: string}} cred */
		const dropdown = async (methodName, params, cred) =>
			/** @type {Array<{ name: string, value: string }>} */ (
				await bench.n8n.rest('POST', '/dynamic-node-parameters/options', {
					nodeTypeAndVersion: { name: 'n8n-nodes-smileid.smileId', version: 1 },
					path: 'parameters.idType',
					methodName,
					currentNodeParameters: params,
					credentials: { smileIdApi: { id: cred.id, name: cred.name } },
				})
			);

		test('live lists: the ID Type dropdown is what /v1/services and /v1/products_config say this account can use', async () => {
			const listsBefore = bench.stats().listCalls;
			const types = await dropdown(
				'getIdNumberTypes',
				{ resource: 'idNumber', operation: 'lookUp', country: 'NG' },
				bench.cred,
			);
			assert.deepEqual(
				types.map((t) => t.value),
				['BANK_ACCOUNT', 'BVN', 'NIN', 'NIN_V2'],
			);
			assert.equal(types.find((t) => t.value === 'BVN')?.name, 'Bank Verification Number (BVN)');
			assert.equal(bench.stats().listCalls - listsBefore, 2, 'services and products_config');
			const countries = await dropdown(
				'getIdNumberCountries',
				{ resource: 'idNumber', operation: 'verifyWithSelfie' },
				bench.cred,
			);
			assert.deepEqual(
				countries.map((c) => c.name),
				[
					'Ghana (GH)',
					'Kenya (KE)',
					'Nigeria (NG)',
					'South Africa (ZA)',
					'Tanzania, United Republic of (TZ)',
				],
			);
			assert.deepEqual(
				countries.map((c) => c.value),
				['GH', 'KE', 'NG', 'ZA', 'TZ'],
			);
			const documents = await dropdown(
				'getDocumentIdTypes',
				{ resource: 'document', operation: 'verify', country: 'NG' },
				bench.cred,
			);
			assert.deepEqual(
				documents.map((d) => d.value),
				['', 'DRIVERS_LICENSE', 'PASSPORT'],
			);
		});

		test('live lists offline: the dropdowns fall back to the built-in tables', async () => {
			const offline = await bench.n8n.createSmileIdCredential(
				{ ...bench.sim.credentials, baseUrl: 'http://127.0.0.1:9' },
				`Smile ID offline (${line}.x)`,
			);
			const types = await dropdown(
				'getIdNumberTypes',
				{ resource: 'idNumber', operation: 'lookUp', country: 'NG' },
				offline,
			);
			assert.deepEqual(
				types.map((t) => t.value),
				['BANK_ACCOUNT', 'BVN', 'NIN_SLIP', 'NIN_V2', 'PHONE_NUMBER', 'V_NIN', 'VOTER_ID'],
			);
			const documents = await dropdown(
				'getDocumentIdTypes',
				{ resource: 'document', operation: 'verify', country: 'NG' },
				offline,
			);
			assert.deepEqual(
				documents.map((d) => d.value),
				[
					'',
					'TRAVEL_DOC',
					'DRIVERS_LICENSE',
					'IDENTITY_CARD',
					'PASSPORT',
					'REGISTRATION_CERTIFICATE',
					'RESIDENT_ID',
					'VOTER_ID',
				],
			);
		});

		test('AML, fault429: a clear error naming Smile ID code 2222, nothing retried forever', async () => {
			const out = await bench.runOne(wf.aml, {
				userId: `fault429-aml-${rnd()}`,
				fullName: 'John Leo Doe',
				countries: 'NG',
			});
			assert.match(String(out.error), /Screening the person failed/);
			assert.match(String(out.error), /2222/);
		});
	});
}
