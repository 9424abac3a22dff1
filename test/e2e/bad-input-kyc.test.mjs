// @ts-check
/**
 * Bad input to the ID-number (Basic KYC's included) and AML operations in REAL n8n (each line under test): every
 * lookup and screening is billed, so each case is refused with a message naming the field,
 * the rule and the fix, and nothing paid reaches the simulator: its counters are unchanged but
 * for the free live lists (GET /v1/services, POST /v1/products_config) that an ID-number check
 * reads first, and each case names exactly which of those it read.
 *
 * Run: node test/e2e/run.mjs --line 1 bad-input-kyc
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	imageSet,
	itemDrivenSubmit,
	lastRequestId,
	LIVE_LIST_READS,
	requestsAfter,
	rnd,
	simFootprint,
	smileNode,
	splitItems,
	startActionBench,
} from './lib/action-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { amlParams, idNumberParams } from './lib/kyc-helpers.mjs';

for (const line of linesUnderTest()) {
	describe(
		`n8n ${line}.x Smile ID ID-number and AML operations: bad input is refused before any request`,
		{ timeout: 900_000 },
		() => {
			/** @type {import('./lib/action-helpers.mjs').ActionBench} */
			let bench;
			const cb = 'http://127.0.0.1:9/smile-id-callback';
			/** @type {Record<string, import('./lib/action-helpers.mjs').DeployedWorkflow>} */
			const wf = {};
			const img = imageSet('bad-input-kyc', { liveness: 9 });
			const b64 = (/** @type {Buffer} */ b) => b.toString('base64');

			before(async () => {
				bench = await startActionBench(line);
				const options = {
					partnerParams: { param: [{ key: '={{ $json.k1 ?? "crm_id" }}', value: 'v1' }] },
				};
				wf.lookUp = await bench.deployItems(
					'bad-kyc-lookup',
					idNumberParams('lookUp', { options }),
				);
				wf.lookUpAsync = await bench.deployItems(
					'bad-kyc-async',
					idNumberParams('lookUp', { lookupMode: 'async' }),
				);
				wf.bkyc = await bench.deployItems(
					'bad-kyc-bkyc',
					idNumberParams('verifyWithSelfie', {
						imageSource: 'base64',
						selfie: '={{ $json.selfie ?? "" }}',
						livenessImages: '={{ $json.liveness ?? "" }}',
					}),
				);
				wf.edv = await bench.deployItems(
					'bad-kyc-edv',
					itemDrivenSubmit('document', 'verifyWithAuthority'),
				);
				wf.lookUpStrict = await bench.deploy('bad-kyc-lookup-strict', [
					splitItems(),
					smileNode(idNumberParams('lookUp'), { continueOnFail: false }),
				]);
				wf.aml = await bench.deployItems('bad-kyc-aml', amlParams());
				const basicKyc = { secondaryIdNumber: '={{ $json.secondaryIdNumber ?? "" }}' };
				wf.basic = await bench.deployItems(
					'bad-kyc-basic',
					idNumberParams('verifyDetails', basicKyc),
				);
				wf.basicAsync = await bench.deployItems(
					'bad-kyc-basic-async',
					idNumberParams('verifyDetails', { ...basicKyc, lookupMode: 'async' }),
				);
			});

			after(async () => {
				await bench?.stop();
			});

			const lookup = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				country: 'NG',
				idType: 'BVN',
				idNumber: '00000000000',
				...o,
			});
			const tzNin = {
				country: 'TZ',
				idType: 'NIN',
				idNumber: '12345678901234567890',
				firstName: 'Joe',
				lastName: 'Doe',
			};
			const bkyc = (/** @type {Record<string, any>} */ o = {}) =>
				lookup({ selfie: b64(img.selfie), callbackUrl: cb, ...o });
			const edv = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				country: 'NG',
				idType: 'PASSPORT',
				selfie: b64(img.selfie),
				idCardFront: b64(img.idCardFront),
				callbackUrl: cb,
				...o,
			});
			const basic = (/** @type {Record<string, any>} */ o = {}) =>
				lookup({ firstName: 'Joe', lastName: 'Doe', ...o });
			const uganda = (/** @type {Record<string, any>} */ o = {}) =>
				lookup({
					country: 'UG',
					idType: 'NATIONAL_ID_NO_PHOTO',
					idNumber: 'CM000000000000',
					secondaryIdNumber: '000000000',
					dob: '2000-09-20',
					...o,
				});
			const aml = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				fullName: 'John Leo Doe',
				birthYear: '1984',
				countries: 'NG',
				...o,
			});

			// ID-number checks read Smile ID's free live lists first (products_config only when
			// services answered); no case may reach anything else.
			const LISTS = LIVE_LIST_READS;
			const SERVICES_ONLY = ['GET /v1/services'];
			/** @type {Array<{ name: string, wf: string, item: Record<string, any>, expect: RegExp[], reads?: string[], fault?: Record<string, any> }>} */
			const cases = [
				// Enhanced KYC: identifiers, country and ID type
				{
					name: 'lookup: empty user ID',
					wf: 'lookUp',
					item: lookup({ userId: '' }),
					expect: [/User ID is required/],
				},
				{
					name: 'lookup: job ID with a line break',
					wf: 'lookUp',
					item: lookup({ jobId: 'j\n1' }),
					expect: [/Job ID contains a line break/],
				},
				{
					name: 'lookup: three-letter country',
					wf: 'lookUp',
					item: lookup({ country: 'NGA' }),
					expect: [/Country must be a two-letter ISO 3166 country code/, /got "NGA"/],
				},
				{
					name: 'lookup: a country without ID number lookups',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ country: 'FR' }),
					expect: [
						/Smile ID cannot look up ID numbers from "FR" for this account \(Smile ID's live list\)\. Use one of GH, KE, NG, TZ, ZA\./,
					],
				},
				{
					name: 'lookup: empty ID type',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idType: '' }),
					expect: [/ID Type is required\. For NG use one of BANK_ACCOUNT, BVN, NIN, NIN_V2\./],
				},
				{
					name: 'lookup: ID type of another country',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idType: 'KRA_PIN' }),
					expect: [
						/ID Type "KRA_PIN" cannot be looked up in NG for this account \(Smile ID's live list\)\. Use one of BANK_ACCOUNT, BVN, NIN, NIN_V2\./,
					],
				},
				{
					name: 'lookup: empty ID number',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idNumber: '' }),
					expect: [/ID Number is required for BVN/],
				},
				// ID number formats (Smile ID's id_number_regex)
				{
					name: 'lookup: BVN with 10 digits',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idNumber: '0123456789' }),
					expect: [
						/ID Number "0123456789" is not in the format of BVN/,
						/\^\[0-9\]\{11\}\$/,
						/e\.g\. 00000000000/,
					],
				},
				{
					name: 'lookup: BVN with a letter',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idNumber: '0123456789O' }),
					expect: [/is not in the format of BVN/],
				},
				{
					name: 'lookup: NIN_V2 with 12 digits',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idType: 'NIN_V2', idNumber: '012345678901' }),
					expect: [/is not in the format of NIN_V2/],
				},
				{
					name: 'lookup: Kenyan national ID with letters',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ country: 'KE', idType: 'NATIONAL_ID', idNumber: 'A1234567' }),
					expect: [/is not in the format of NATIONAL_ID \(National ID\)/, /\^\[0-9\]\{1,9\}\$/],
				},
				{
					name: 'lookup: KRA PIN without its letters',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ country: 'KE', idType: 'KRA_PIN', idNumber: '12345678901' }),
					expect: [/is not in the format of KRA_PIN/],
				},
				{
					name: 'lookup: South African ID with 12 digits',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ country: 'ZA', idType: 'NATIONAL_ID', idNumber: '012345678901' }),
					expect: [/\^\[0-9\]\{13\}\$/],
				},
				{
					name: 'lookup: Ghana Card without its prefix',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ country: 'GH', idType: 'GHANA_CARD', idNumber: '0000000000' }),
					expect: [/is not in the format of GHANA_CARD/, /e\.g\. GHA-000000000-0/],
				},
				// required fields, dates, consent
				{
					name: 'lookup: bank account without bank code',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ idType: 'BANK_ACCOUNT', idNumber: '0123456789' }),
					expect: [/Bank Code is required for BANK_ACCOUNT/, /bank_codes/],
				},
				{
					name: 'lookup: date of birth day-first',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ dob: '31/01/2000' }),
					expect: [/Date of Birth must be a date written yyyy-mm-dd/, /got "31\/01\/2000"/],
				},
				{
					name: 'lookup: date of birth 30 February',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ dob: '2000-02-30' }),
					expect: [/got "2000-02-30"/],
				},
				{
					name: 'lookup: BVN without consent',
					reads: LISTS,
					wf: 'lookUp',
					item: lookup({ consent: false }),
					expect: [
						/Consent Given: Smile ID requires the person's consent to look up BVN in NG/,
						/turn Consent Given on/,
					],
				},
				{
					name: 'lookup: reserved partner param job_type',
					wf: 'lookUp',
					item: lookup({ k1: 'job_type' }),
					expect: [/"job_type" is set by the node itself/],
				},
				// Smile ID's live list decides: what it lacks is refused even where the built-in table has it
				{
					name: 'lookup: an ID type the built-in table has but the live list lacks (V_NIN)',
					wf: 'lookUp',
					reads: LISTS,
					item: lookup({ idType: 'V_NIN', idNumber: '0000000000000000' }),
					expect: [
						/ID Type "V_NIN" cannot be looked up in NG for this account \(Smile ID's live list\)\. Use one of BANK_ACCOUNT, BVN, NIN, NIN_V2\./,
					],
				},
				{
					name: 'lookup: a country the built-in table has but the live list lacks (ZM)',
					wf: 'lookUp',
					reads: LISTS,
					item: lookup({ country: 'ZM', idType: 'TPIN', idNumber: '0000000000' }),
					expect: [
						/Smile ID cannot look up ID numbers from "ZM" for this account \(Smile ID's live list\)\. Use one of GH, KE, NG, TZ, ZA\./,
					],
				},
				{
					name: 'lookup: TZ NIN without the last name the live list requires',
					wf: 'lookUp',
					reads: LISTS,
					item: lookup({ ...tzNin, lastName: '' }),
					expect: [
						/^Last Name is required for NIN \(National ID Number \(NIDA\)\) in TZ\. Fill in Last Name\./,
					],
				},
				{
					name: "lookup: TZ NIN of 19 digits (the live list's format)",
					wf: 'lookUp',
					reads: LISTS,
					item: lookup({ ...tzNin, idNumber: '1234567890123456789' }),
					expect: [
						/ID Number "1234567890123456789" is not in the format of NIN \(National ID Number \(NIDA\)\): Smile ID expects \^\[0-9\]\{20\}\$, e\.g\. 00000000000000000000/,
					],
				},
				// the live list cannot be read: the built-in table still refuses what it knows is wrong
				{
					name: 'lookup, live list failing (500): BVN with 10 digits',
					wf: 'lookUp',
					fault: { endpoint: 'services', type: '5xx' },
					reads: SERVICES_ONLY,
					item: lookup({ idNumber: '0123456789' }),
					expect: [
						/^ID Number "0123456789" is not in the format of BVN \(BVN\): Smile ID expects \^\[0-9\]\{11\}\$, e\.g\. 00000000000\./,
					],
				},
				{
					name: 'lookup, live list unreachable (connection dropped): BVN without consent',
					wf: 'lookUp',
					fault: { endpoint: 'services', type: 'drop' },
					reads: SERVICES_ONLY,
					item: lookup({ consent: false }),
					expect: [/Consent Given: Smile ID requires the person's consent to look up BVN in NG/],
				},
				{
					name: 'lookup, live list unparsable: bank account without bank code',
					wf: 'lookUp',
					fault: { endpoint: 'services', type: 'json' },
					reads: SERVICES_ONLY,
					item: lookup({ idType: 'BANK_ACCOUNT', idNumber: '0123456789' }),
					expect: [/Bank Code is required for BANK_ACCOUNT \(Bank Account\) in NG/],
				},
				{
					name: 'lookup, live list failing: an unlisted ID type still needs its ID number',
					wf: 'lookUp',
					fault: { endpoint: 'services', type: '5xx' },
					reads: SERVICES_ONLY,
					item: lookup({ ...tzNin, idNumber: '' }),
					expect: [/^ID Number is required for NIN \(NIN\) in TZ\. Fill in ID Number\./],
				},
				{
					name: 'biometric KYC, live list failing: V_NIN in the wrong format',
					wf: 'bkyc',
					fault: { endpoint: 'services', type: '5xx' },
					reads: SERVICES_ONLY,
					item: bkyc({ idType: 'V_NIN', idNumber: '123' }),
					expect: [/ID Number "123" is not in the format of V_NIN \(Virtual NIN\)/],
				},
				// async lookup
				{
					name: 'async lookup: empty callback URL',
					wf: 'lookUpAsync',
					item: lookup(),
					expect: [/Callback URL is required/],
				},
				{
					name: 'async lookup: ftp:// callback URL',
					wf: 'lookUpAsync',
					item: lookup({ callbackUrl: 'ftp://example.com/cb' }),
					expect: [/Callback URL must start with http:\/\/ or https:\/\//],
				},
				// Biometric KYC
				{
					name: 'biometric KYC: NIN in the wrong format',
					reads: LISTS,
					wf: 'bkyc',
					item: bkyc({ idType: 'NIN_V2', idNumber: '123' }),
					expect: [/ID Number "123" is not in the format of NIN_V2/],
				},
				{
					name: 'biometric KYC: without consent',
					reads: LISTS,
					wf: 'bkyc',
					item: bkyc({ consent: false }),
					expect: [/requires the person's consent/],
				},
				{
					name: 'biometric KYC: no selfie',
					reads: LISTS,
					wf: 'bkyc',
					item: bkyc({ selfie: '' }),
					expect: [/Selfie is required/],
				},
				{
					name: 'biometric KYC: 9 liveness frames',
					reads: LISTS,
					wf: 'bkyc',
					item: bkyc({ liveness: img.liveness.map(b64) }),
					expect: [/Liveness Images: 9 given/, /at most 8/],
				},
				{
					name: 'biometric KYC: empty callback URL',
					wf: 'bkyc',
					item: bkyc({ callbackUrl: '' }),
					expect: [/Callback URL is required/],
				},
				// Basic KYC: it compares the entered details, so they must be there
				{
					name: 'basic KYC: no first name',
					reads: LISTS,
					wf: 'basic',
					item: basic({ firstName: '' }),
					// Smile ID's live list names the fields Basic KYC needs for the ID type
					expect: [
						/First Name is required for BVN \(Bank Verification Number\) in NG/,
						/Fill in First Name/,
					],
				},
				{
					name: 'basic KYC: no last name',
					reads: LISTS,
					wf: 'basic',
					item: basic({ lastName: ' ' }),
					expect: [/Last Name is required for BVN \(Bank Verification Number\) in NG/],
				},
				{
					name: 'basic KYC: Uganda without the card number',
					reads: LISTS,
					wf: 'basic',
					item: uganda({ secondaryIdNumber: '', firstName: 'Joe', lastName: 'Doe' }),
					expect: [
						/Secondary ID Number is required for Basic KYC in UG/,
						/the card number printed on the national ID card/,
					],
				},
				{
					name: 'basic KYC: Uganda without the date of birth',
					reads: LISTS,
					wf: 'basic',
					item: uganda({ dob: '' }),
					expect: [
						/Date of Birth is required for NATIONAL_ID_NO_PHOTO \(.*\) in UG/,
						/Fill in Date of Birth/,
					],
				},
				{
					name: 'basic KYC: BVN in the wrong format',
					reads: LISTS,
					wf: 'basic',
					item: basic({ idNumber: '1234' }),
					expect: [/ID Number "1234" is not in the format of BVN/],
				},
				{
					name: 'basic KYC: date of birth day-first',
					reads: LISTS,
					wf: 'basic',
					item: basic({ dob: '20/09/2000' }),
					expect: [/Date of Birth must be a date written yyyy-mm-dd/],
				},
				{
					name: 'basic KYC: BVN without consent',
					reads: LISTS,
					wf: 'basic',
					item: basic({ consent: false }),
					expect: [/requires the person's consent to look up BVN in NG/],
				},
				{
					name: 'basic KYC async: empty callback URL',
					wf: 'basicAsync',
					item: basic(),
					expect: [/Callback URL is required/],
				},
				// Enhanced Document Verification
				{
					name: 'enhanced DV: empty ID type',
					wf: 'edv',
					item: edv({ idType: '' }),
					expect: [
						/ID Type is required\. Enhanced Document Verification checks the document with its issuing authority/,
					],
				},
				{
					name: 'enhanced DV: three-letter country',
					wf: 'edv',
					item: edv({ country: 'NGA' }),
					expect: [/Country must be a two-letter ISO 3166 country code/],
				},
				// AML
				{
					name: 'AML: empty full name',
					wf: 'aml',
					item: aml({ fullName: '' }),
					expect: [/Full Name is required/, /Search Existing User/],
				},
				{
					name: 'AML: two-digit birth year',
					wf: 'aml',
					item: aml({ birthYear: '84' }),
					expect: [
						/Birth Year must be a four-digit year between 1900 and \d{4}, e\.g\. 1984; got "84"/,
					],
				},
				{
					name: 'AML: birth year in the future',
					wf: 'aml',
					item: aml({ birthYear: '2999' }),
					expect: [/got "2999"/],
				},
				{
					name: 'AML: no nationality',
					wf: 'aml',
					item: aml({ countries: '' }),
					expect: [/Nationalities: give at least one two-letter ISO 3166 country code/],
				},
				{
					name: 'AML: nationality written out',
					wf: 'aml',
					item: aml({ countries: 'NG, Nigeria' }),
					expect: [/Nationalities must be two-letter ISO 3166 country codes/, /got "NIGERIA"/],
				},
				{
					name: 'AML: empty user ID',
					wf: 'aml',
					item: aml({ userId: '' }),
					expect: [/User ID is required/],
				},
			];

			test('there are at least 34 distinct bad-input cases', () => {
				assert.ok(cases.length >= 34, `${cases.length} cases`);
				assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
			});

			for (const c of cases) {
				test(`refused before any paid request: ${c.name}`, async () => {
					if (c.fault) await bench.simPost('/__sim/fault', c.fault);
					const before = simFootprint(bench.stats());
					const lastId = lastRequestId(bench.sim);
					const r = await bench.run(wf[c.wf], { items: [c.item] });
					assert.equal(r.status, 200, r.text.slice(0, 800));
					assert.equal(r.items.length, 1, r.text.slice(0, 800));
					const out = r.items[0];
					assert.equal(
						typeof out.error,
						'string',
						`an error item, got: ${JSON.stringify(out).slice(0, 800)}`,
					);
					const text = `${out.error} ${out.errorDescription ?? ''}`;
					for (const re of c.expect) assert.match(text, re);
					assert.equal(out.outcome, undefined, 'no result fields on an error item');
					const reads = c.reads ?? [];
					assert.deepEqual(requestsAfter(bench.sim, lastId), reads, 'only the free live lists');
					assert.deepEqual(
						simFootprint(bench.stats()),
						{
							...before,
							requests: before.requests + reads.length,
							listCalls: before.listCalls + reads.length,
						},
						'no other request reached the simulator',
					);
					assert.equal(bench.stats().pendingFaults, 0, 'the queued fault was used by this case');
					assert.ok(!text.includes(bench.sim.credentials.apiKey), 'no API key in the message');
				});
			}

			// A batch: every item is checked before the first is sent, so a bad item costs nothing
			// and a good one before it is not billed for a run that then fails.
			const batch = () => [
				lookup({ jobId: `job-a-${rnd()}` }),
				lookup({ jobId: `job-b-${rnd()}`, idNumber: '12' }),
				lookup({ jobId: `job-c-${rnd()}` }),
			];
			const BAD_BVN = /^ID Number "12" is not in the format of BVN/;

			test('batch of 3, the middle item bad, Continue On Fail off: nothing billed is sent and the error names item 2', async () => {
				const before = simFootprint(bench.stats());
				const lastId = lastRequestId(bench.sim);
				const r = await bench.run(wf.lookUpStrict, { items: batch() });
				assert.notEqual(r.status, 200, 'the webhook reports the failed execution');
				const ex = await bench.lastExecution(wf.lookUpStrict);
				assert.equal(ex.status, 'error');
				const err = ex.data.resultData.error;
				assert.match(String(err?.message), BAD_BVN);
				assert.equal(
					err?.description,
					'Nothing was sent to Smile ID: the node checks all 3 items before it sends the first. Fix item 2 and run the node again.',
				);
				assert.deepEqual(
					requestsAfter(bench.sim, lastId),
					LIVE_LIST_READS,
					'only the live lists, once',
				);
				assert.deepEqual(simFootprint(bench.stats()), {
					...before,
					requests: before.requests + LIVE_LIST_READS.length,
					listCalls: before.listCalls + LIVE_LIST_READS.length,
				});
			});

			test('batch of 3, the middle item bad, Continue On Fail on: items 1 and 3 are looked up, item 2 is an error item', async () => {
				const items = batch();
				const before = bench.stats();
				const lastId = lastRequestId(bench.sim);
				const r = await bench.run(wf.lookUp, { items });
				assert.equal(r.status, 200, r.text.slice(0, 800));
				assert.equal(r.items.length, 3, r.text.slice(0, 800));
				assert.equal(r.items[0].jobId, items[0].jobId);
				assert.equal(r.items[0].outcome, 'approved');
				assert.match(String(r.items[1].error), BAD_BVN);
				assert.equal(r.items[1].outcome, undefined);
				assert.equal(r.items[2].jobId, items[2].jobId);
				assert.equal(r.items[2].outcome, 'approved');
				const lookups = requestsAfter(bench.sim, lastId).filter((x) =>
					x.endsWith('/v1/id_verification'),
				);
				assert.equal(lookups.length, 2, 'two paid lookups, none for item 2');
				assert.equal(bench.stats().idVerificationCalls - before.idVerificationCalls, 2);
				assert.deepEqual(
					bench.sim.requests
						.filter((/** @type {any} */ q) => q.id > lastId && q.path === '/v1/id_verification')
						.map((/** @type {any} */ q) => q.body.partner_params.job_id)
						.sort(),
					[items[0].jobId, items[2].jobId].sort(),
				);
			});

			test('Smile ID refuses item 2 of 3, Continue On Fail off: the error keeps its advice and names the items already sent', async () => {
				const items = [
					lookup({ jobId: `job-a-${rnd()}` }),
					lookup({ jobId: `job-b-${rnd()}` }),
					lookup({ jobId: `job-c-${rnd()}` }),
				];
				await bench.simPost('/__sim/fault', {
					endpoint: 'id_verification',
					type: 'status',
					status: 400,
					body: { code: '2204', error: 'Invalid id_number' },
					user_id: items[1].userId,
				});
				const before = bench.stats();
				const r = await bench.run(wf.lookUpStrict, { items });
				assert.notEqual(r.status, 200, 'the webhook reports the failed execution');
				const ex = await bench.lastExecution(wf.lookUpStrict);
				assert.equal(ex.status, 'error');
				const err = ex.data.resultData.error;
				assert.equal(err?.name, 'NodeApiError');
				assert.equal(err?.httpCode, '400');
				assert.match(
					String(err?.message),
					/^Looking up the ID number failed: .*\(Smile ID code 2204\)$/,
				);
				const description = String(err?.description);
				assert.match(
					description,
					/^Smile ID said: "Invalid id_number"\./,
					"Smile ID's advice first",
				);
				assert.ok(
					description.endsWith(
						`Items 1 and 3 had already been sent to Smile ID: job IDs ${items[0].jobId} (item 1, user ID ${items[0].userId}) and ${items[2].jobId} (item 3, user ID ${items[2].userId}). Look them up with Job Status instead of running them again.`,
					),
					description,
				);
				assert.equal(
					bench.stats().idVerificationCalls - before.idVerificationCalls,
					3,
					'all three were in flight',
				);
				assert.equal(bench.stats().pendingFaults, 0);
			});
		},
	);
}
