// @ts-check
/**
 * Bad input to Business, Phone Number and Address Verification in REAL n8n (each line under
 * test): every one of these requests is billed, so each case is refused with a message naming
 * the field, the rule and the fix, and no request at all reaches the simulator (its counters
 * and its request log are unchanged). A batch with one bad item sends nothing either.
 *
 * Run: node test/e2e/run.mjs --line 1 bad-input-products
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	lastRequestId,
	requestsAfter,
	rnd,
	simFootprint,
	smileNode,
	splitItems,
	startActionBench,
} from './lib/action-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { addressParams, businessParams, phoneParams } from './lib/kyc-helpers.mjs';

for (const line of linesUnderTest()) {
	describe(
		`n8n ${line}.x Smile ID business, phone and address verification: bad input is refused before any request`,
		{ timeout: 900_000 },
		() => {
			/** @type {import('./lib/action-helpers.mjs').ActionBench} */
			let bench;
			const cb = 'http://127.0.0.1:9/smile-id-callback';
			/** @type {Record<string, import('./lib/action-helpers.mjs').DeployedWorkflow>} */
			const wf = {};

			before(async () => {
				bench = await startActionBench(line);
				wf.kyb = await bench.deployItems('bad-p-kyb', businessParams());
				wf.kybAsync = await bench.deployItems(
					'bad-p-kyb-async',
					businessParams({ lookupMode: 'async' }),
				);
				wf.phone = await bench.deployItems('bad-p-phone', phoneParams());
				wf.phoneAsync = await bench.deployItems(
					'bad-p-phone-async',
					phoneParams({ lookupMode: 'async' }),
				);
				wf.address = await bench.deployItems('bad-p-address', addressParams());
				wf.kybStrict = await bench.deploy('bad-p-kyb-strict', [
					splitItems(),
					smileNode(businessParams(), { continueOnFail: false }),
				]);
			});

			after(async () => {
				await bench?.stop();
			});

			const business = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				country: 'NG',
				searchType: 'BUSINESS_REGISTRATION',
				number: '0000000',
				businessType: 'co',
				...o,
			});
			const phone = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				country: 'NG',
				phoneNumber: '00000000000',
				firstName: 'Joe',
				lastName: 'Leo',
				...o,
			});
			const address = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				country: 'ZA',
				fullName: 'Joe Doe Leo',
				address: '1 Example Street, Cape Town',
				identifier: '0000000000000',
				callbackUrl: cb,
				...o,
			});

			/** @type {Array<{ name: string, wf: string, item: Record<string, any>, expect: RegExp[] }>} */
			const cases = [
				// Business Verification
				{
					name: 'KYB: empty user ID',
					wf: 'kyb',
					item: business({ userId: '' }),
					expect: [/User ID is required/],
				},
				{
					name: 'KYB: country written out',
					wf: 'kyb',
					item: business({ country: 'Nigeria' }),
					expect: [/Country "NIGERIA" is not a two-letter ISO 3166 code/, /e\.g\. NG, ZA, KE/],
				},
				{
					name: 'KYB: a search type Smile ID does not offer',
					wf: 'kyb',
					item: business({ searchType: 'CAC' }),
					expect: [
						/Search Type "CAC" is not one Smile ID offers\. Use BUSINESS_REGISTRATION or TAX_INFORMATION\./,
					],
				},
				{
					name: 'KYB: tax information outside Nigeria',
					wf: 'kyb',
					item: business({ country: 'KE', searchType: 'TAX_INFORMATION', number: '00000000-0000' }),
					expect: [
						/Tax Information is searchable in Nigeria \(NG\) only, not in KE\. Use Business Registration for KE\./,
					],
				},
				{
					name: 'KYB: empty registration number',
					wf: 'kyb',
					item: business({ number: '' }),
					expect: [
						/Registration Number is required\. Enter the number, e\.g\. 0000000 \(RC 0000000 without the letters\)\./,
					],
				},
				{
					name: 'KYB: Nigerian registration number with the RC letters and a space',
					wf: 'kyb',
					item: business({ number: 'RC 1234567' }),
					expect: [
						/Registration Number "RC 1234567" does not have the format Smile ID publishes for NG BUSINESS_REGISTRATION/,
						/Enter it like 0000000/,
					],
				},
				{
					name: 'KYB: Nigerian registration number of nine characters',
					wf: 'kyb',
					item: business({ number: '123456789' }),
					expect: [/does not have the format Smile ID publishes for NG BUSINESS_REGISTRATION/],
				},
				{
					name: 'KYB: tax number without its dash',
					wf: 'kyb',
					item: business({ searchType: 'TAX_INFORMATION', number: '000000000000' }),
					expect: [
						/Tax Number "000000000000" does not have the format/,
						/Enter it like 00000000-0000/,
					],
				},
				{
					name: 'KYB: South African registration number with dashes',
					wf: 'kyb',
					item: business({ country: 'ZA', number: '2000-000000-00' }),
					expect: [/Enter it like 2000\/000000\/00/],
				},
				{
					name: 'KYB: Nigerian registration without a business type',
					wf: 'kyb',
					item: business({ businessType: '' }),
					expect: [
						/Business Type is required for a Nigerian business registration search\. Choose bn \(Business Name\), co \(Company\) or it \(Incorporated Trustees\)\./,
					],
				},
				{
					name: 'KYB: an unknown business type',
					wf: 'kyb',
					item: business({ businessType: 'llc' }),
					expect: [
						/Choose bn \(Business Name\), co \(Company\) or it \(Incorporated Trustees\), not "llc"\./,
					],
				},
				{
					name: 'KYB by callback: no callback URL',
					wf: 'kybAsync',
					item: business(),
					expect: [/Callback URL is required/],
				},
				// Phone Number Verification
				{
					name: 'Phone: a country without phone verification',
					wf: 'phone',
					item: phone({ country: 'GH' }),
					expect: [
						/Smile ID verifies phone numbers from KE, NG, ZA, TZ, UG, not "GH"\. Choose one of those\./,
					],
				},
				{
					name: 'Phone: empty phone number',
					wf: 'phone',
					item: phone({ phoneNumber: '' }),
					expect: [
						/Phone Number is required\. Enter the Nigeria number as Smile ID expects it, e\.g\. 00000000000\./,
					],
				},
				{
					name: 'Phone: Nigerian number with the country code',
					wf: 'phone',
					item: phone({ phoneNumber: '+2348012345678' }),
					expect: [
						/Phone Number "\+2348012345678" is not in the format Smile ID publishes for Nigeria/,
						/11 digits, no "\+", spaces or country code/,
					],
				},
				{
					name: 'Phone: Kenyan number of 9 digits',
					wf: 'phone',
					item: phone({
						country: 'KE',
						phoneNumber: '712345678',
						firstName: '',
						lastName: '',
						idNumber: '12345678',
					}),
					expect: [/is not in the format Smile ID publishes for Kenya/, /10 digits/],
				},
				{
					name: 'Phone: Tanzanian number of 10 digits',
					wf: 'phone',
					item: phone({ country: 'TZ', phoneNumber: '0712345678' }),
					expect: [/Tanzania \(\/\^\[0-9\]\{12\}\$\/\): 12 digits/],
				},
				{
					name: 'Phone: an ID number in Nigeria, where only names are compared',
					wf: 'phone',
					item: phone({ idNumber: '12345678901' }),
					expect: [
						/ID Number is not compared in Nigeria: Smile ID matches First Name, Other Name, Last Name there\. Leave ID Number empty\./,
					],
				},
				{
					name: 'Phone: names in Kenya, where only the ID number is compared',
					wf: 'phone',
					item: phone({ country: 'KE', phoneNumber: '0712345678' }),
					expect: [/First Name is not compared in Kenya: Smile ID matches ID Number there\./],
				},
				{
					name: 'Phone: no detail to match',
					wf: 'phone',
					item: phone({ firstName: '', lastName: '' }),
					expect: [
						/Enter at least one detail to match with the phone number's owner: in Nigeria Smile ID matches First Name, Other Name, Last Name\./,
					],
				},
				{
					name: 'Phone: South African ID number of 12 digits',
					wf: 'phone',
					item: phone({ country: 'ZA', phoneNumber: '0821234567', idNumber: '000000000000' }),
					expect: [/ID Number "000000000000" is not a South Africa national ID number/],
				},
				{
					name: 'Phone by callback: callback URL not http(s)',
					wf: 'phoneAsync',
					item: phone({ callbackUrl: 'ftp://example.com/cb' }),
					expect: [/Callback URL/],
				},
				// Digital Address Verification
				{
					name: 'Address: a country without address verification',
					wf: 'address',
					item: address({ country: 'KE' }),
					expect: [/Smile ID verifies addresses in ZA, NG, not "KE"\. Choose one of those\./],
				},
				{
					name: 'Address: empty full name',
					wf: 'address',
					item: address({ fullName: '' }),
					expect: [/Full Name is required: Smile ID matches it with the address's record/],
				},
				{
					name: 'Address: empty address',
					wf: 'address',
					item: address({ address: '' }),
					expect: [/Address is required\. Enter the person's full address/],
				},
				{
					name: 'Address: South African ID number of 12 digits',
					wf: 'address',
					item: address({ identifier: '000000000000' }),
					expect: [
						/ID Number "000000000000" is not in the format Smile ID publishes for South Africa \(\/\^\[0-9\]\{13\}\$\/\)\. Enter it like 0000000000000\./,
					],
				},
				{
					name: 'Address: Nigeria without a utility number',
					wf: 'address',
					item: address({ country: 'NG', identifier: '' }),
					expect: [/Utility Number is required in Nigeria\. Enter it, e\.g\. 0000000000\./],
				},
				{
					name: 'Address: no callback URL (the result only comes by callback)',
					wf: 'address',
					item: address({ callbackUrl: '' }),
					expect: [/Callback URL is required/],
				},
			];

			test('there are at least 20 distinct bad-input cases', () => {
				assert.ok(cases.length >= 20, `${cases.length} cases`);
				assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
			});

			for (const c of cases) {
				test(`refused before any paid request: ${c.name}`, async () => {
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
					assert.deepEqual(requestsAfter(bench.sim, lastId), [], 'no request at all');
					assert.deepEqual(simFootprint(bench.stats()), before, 'nothing reached the simulator');
					assert.ok(!text.includes(bench.sim.credentials.apiKey), 'no API key in the message');
				});
			}

			test('batch of 3 businesses, the middle one bad, Continue On Fail off: nothing is sent and the error names item 2', async () => {
				const before = simFootprint(bench.stats());
				const lastId = lastRequestId(bench.sim);
				const items = [business(), business({ number: 'RC 1' }), business()];
				const r = await bench.run(wf.kybStrict, { items });
				assert.notEqual(r.status, 200, 'the webhook reports the failed execution');
				const ex = await bench.lastExecution(wf.kybStrict);
				assert.equal(ex.status, 'error');
				const err = ex.data.resultData.error;
				assert.match(String(err?.message), /^Registration Number "RC 1" does not have the format/);
				assert.equal(
					err?.description,
					'Nothing was sent to Smile ID: the node checks all 3 items before it sends the first. Fix item 2 and run the node again.',
				);
				assert.deepEqual(requestsAfter(bench.sim, lastId), []);
				assert.deepEqual(simFootprint(bench.stats()), before);
			});
		},
	);
}
