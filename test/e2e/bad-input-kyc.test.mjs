// @ts-check
/**
 * Bad input to the ID-number (Basic KYC's included) and AML operations in REAL n8n (each line under test): every
 * lookup and screening is billed, so each case is refused with a message naming the field,
 * the rule and the fix, and NOTHING reaches the simulator (its counters, the live lists'
 * included, are unchanged).
 *
 * Run: node test/e2e/run.mjs --line 1 bad-input-kyc
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	imageSet,
	itemDrivenSubmit,
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
				const items = (/** @type {string} */ key, /** @type {any} */ params) =>
					bench.deploy(key, [splitItems(), smileNode(params)]);
				wf.lookUp = await items('bad-kyc-lookup', idNumberParams('lookUp', { options }));
				wf.lookUpAsync = await items(
					'bad-kyc-async',
					idNumberParams('lookUp', { lookupMode: 'async' }),
				);
				wf.bkyc = await items(
					'bad-kyc-bkyc',
					idNumberParams('verifyWithSelfie', {
						imageSource: 'base64',
						selfie: '={{ $json.selfie ?? "" }}',
						livenessImages: '={{ $json.liveness ?? "" }}',
					}),
				);
				wf.edv = await items('bad-kyc-edv', itemDrivenSubmit('document', 'verifyWithAuthority'));
				wf.aml = await items('bad-kyc-aml', amlParams());
				const basicKyc = { secondaryIdNumber: '={{ $json.secondaryIdNumber ?? "" }}' };
				wf.basic = await items('bad-kyc-basic', idNumberParams('verifyDetails', basicKyc));
				wf.basicAsync = await items(
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

			/** @type {Array<{ name: string, wf: string, item: Record<string, any>, expect: RegExp[] }>} */
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
					wf: 'lookUp',
					item: lookup({ country: 'FR' }),
					expect: [/Smile ID cannot look up ID numbers from "FR"/, /Use one of CI, GH, KE, NG/],
				},
				{
					name: 'lookup: empty ID type',
					wf: 'lookUp',
					item: lookup({ idType: '' }),
					expect: [/ID Type is required\. For NG use one of BANK_ACCOUNT, BVN/],
				},
				{
					name: 'lookup: ID type of another country',
					wf: 'lookUp',
					item: lookup({ idType: 'KRA_PIN' }),
					expect: [/ID Type "KRA_PIN" cannot be looked up in NG/],
				},
				{
					name: 'lookup: empty ID number',
					wf: 'lookUp',
					item: lookup({ idNumber: '' }),
					expect: [/ID Number is required for BVN/],
				},
				// ID number formats (Smile ID's id_number_regex)
				{
					name: 'lookup: BVN with 10 digits',
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
					wf: 'lookUp',
					item: lookup({ idNumber: '0123456789O' }),
					expect: [/is not in the format of BVN/],
				},
				{
					name: 'lookup: NIN_V2 with 12 digits',
					wf: 'lookUp',
					item: lookup({ idType: 'NIN_V2', idNumber: '012345678901' }),
					expect: [/is not in the format of NIN_V2/],
				},
				{
					name: 'lookup: Kenyan national ID with letters',
					wf: 'lookUp',
					item: lookup({ country: 'KE', idType: 'NATIONAL_ID', idNumber: 'A1234567' }),
					expect: [/is not in the format of NATIONAL_ID \(National ID\)/, /\^\[0-9\]\{1,9\}\$/],
				},
				{
					name: 'lookup: KRA PIN without its letters',
					wf: 'lookUp',
					item: lookup({ country: 'KE', idType: 'KRA_PIN', idNumber: '12345678901' }),
					expect: [/is not in the format of KRA_PIN/],
				},
				{
					name: 'lookup: South African ID with 12 digits',
					wf: 'lookUp',
					item: lookup({ country: 'ZA', idType: 'NATIONAL_ID', idNumber: '012345678901' }),
					expect: [/\^\[0-9\]\{13\}\$/],
				},
				{
					name: 'lookup: Ghana Card without its prefix',
					wf: 'lookUp',
					item: lookup({ country: 'GH', idType: 'GHANA_CARD', idNumber: '0000000000' }),
					expect: [/is not in the format of GHANA_CARD/, /e\.g\. GHA-000000000-0/],
				},
				// required fields, dates, consent
				{
					name: 'lookup: bank account without bank code',
					wf: 'lookUp',
					item: lookup({ idType: 'BANK_ACCOUNT', idNumber: '0123456789' }),
					expect: [/Bank Code is required for BANK_ACCOUNT/, /bank_codes/],
				},
				{
					name: 'lookup: date of birth day-first',
					wf: 'lookUp',
					item: lookup({ dob: '31/01/2000' }),
					expect: [/Date of Birth must be a date written yyyy-mm-dd/, /got "31\/01\/2000"/],
				},
				{
					name: 'lookup: date of birth 30 February',
					wf: 'lookUp',
					item: lookup({ dob: '2000-02-30' }),
					expect: [/got "2000-02-30"/],
				},
				{
					name: 'lookup: BVN without consent',
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
					wf: 'bkyc',
					item: bkyc({ idType: 'NIN_V2', idNumber: '123' }),
					expect: [/ID Number "123" is not in the format of NIN_V2/],
				},
				{
					name: 'biometric KYC: without consent',
					wf: 'bkyc',
					item: bkyc({ consent: false }),
					expect: [/requires the person's consent/],
				},
				{
					name: 'biometric KYC: no selfie',
					wf: 'bkyc',
					item: bkyc({ selfie: '' }),
					expect: [/Selfie is required/],
				},
				{
					name: 'biometric KYC: 9 liveness frames',
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
					wf: 'basic',
					item: basic({ firstName: '' }),
					expect: [
						/First Name is required for Basic KYC: Smile ID compares it with the ID authority's record/,
						/Fill in First Name/,
					],
				},
				{
					name: 'basic KYC: no last name',
					wf: 'basic',
					item: basic({ lastName: ' ' }),
					expect: [/Last Name is required for Basic KYC/],
				},
				{
					name: 'basic KYC: Uganda without the card number',
					wf: 'basic',
					item: uganda({ secondaryIdNumber: '', firstName: 'Joe', lastName: 'Doe' }),
					expect: [
						/Secondary ID Number is required for Basic KYC in UG/,
						/the card number printed on the national ID card/,
					],
				},
				{
					name: 'basic KYC: Uganda without the date of birth',
					wf: 'basic',
					item: uganda({ dob: '' }),
					expect: [/Date of Birth is required for Basic KYC in UG/, /yyyy-mm-dd/],
				},
				{
					name: 'basic KYC: BVN in the wrong format',
					wf: 'basic',
					item: basic({ idNumber: '1234' }),
					expect: [/ID Number "1234" is not in the format of BVN/],
				},
				{
					name: 'basic KYC: date of birth day-first',
					wf: 'basic',
					item: basic({ dob: '20/09/2000' }),
					expect: [/Date of Birth must be a date written yyyy-mm-dd/],
				},
				{
					name: 'basic KYC: BVN without consent',
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

			test('there are at least 25 distinct bad-input cases', () => {
				assert.ok(cases.length >= 25, `${cases.length} cases`);
				assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
			});

			for (const c of cases) {
				test(`refused before any request: ${c.name}`, async () => {
					const before = simFootprint(bench.stats());
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
					assert.deepEqual(simFootprint(bench.stats()), before, 'no request reached the simulator');
					assert.ok(!text.includes(bench.sim.credentials.apiKey), 'no API key in the message');
				});
			}
		},
	);
}
