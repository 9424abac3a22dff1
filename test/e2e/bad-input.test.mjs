// @ts-check
/**
 * Bad input to the Smile ID ACTION node in REAL n8n (each line under test): every case is
 * refused with a message that names the field and the fix, and NOTHING reaches the simulator
 * (its request counters are unchanged), because a typo must never cost a paid job.
 *
 * Images for URL cases come from a local test server, not the simulator, so a download
 * does not count as a Smile ID request.
 *
 * Run: node test/e2e/run.mjs --line 1 bad-input
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	formWith,
	imageSet,
	itemDrivenSubmit,
	makeJpeg,
	pngBytes,
	rnd,
	simFootprint,
	smileNode,
	splitItems,
	startActionBench,
} from './lib/action-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { signature } from './lib/trigger-helpers.mjs';

for (const line of linesUnderTest()) {
	describe(
		`n8n ${line}.x Smile ID action node: bad input is refused before any request`,
		{ timeout: 900_000 },
		() => {
			/** @type {import('./lib/action-helpers.mjs').ActionBench} */
			let bench;
			// bad-input cases never create a job, so nothing is ever posted here (built before `before` runs)
			const cb = 'http://127.0.0.1:9/smile-id-callback';
			/** @type {Record<string, import('./lib/action-helpers.mjs').DeployedWorkflow>} */
			const wf = {};

			before(async () => {
				bench = await startActionBench(line);
				const pp = {
					partnerParams: {
						param: [
							{ key: '={{ $json.k1 ?? "crm_id" }}', value: 'v1' },
							{ key: '={{ $json.k2 ?? "channel" }}', value: 'v2' },
						],
					},
				};
				wf.dv = await bench.deployItems(
					'bad-dv',
					itemDrivenSubmit('document', 'verify', { options: pp }),
				);
				wf.reg = await bench.deployItems(
					'bad-reg',
					itemDrivenSubmit('smartSelfie', 'register', { options: pp }),
				);
				wf.auth = await bench.deployItems(
					'bad-auth',
					itemDrivenSubmit('smartSelfie', 'authenticate', {
						waitForResult: true,
						waitTimeout: '={{ $json.waitTimeout ?? 30 }}',
					}),
				);
				wf.cmp = await bench.deployItems('bad-cmp', itemDrivenSubmit('smartSelfie', 'compare'));
				wf.regForm = await bench.deploy('bad-reg-form', [
					smileNode(
						itemDrivenSubmit('smartSelfie', 'register', { imageSource: 'binary' }, '$json.body'),
					),
				]);
				wf.status = await bench.deployItems('bad-status', {
					resource: 'job',
					operation: 'getStatus',
					userId: '={{ $json.userId ?? "" }}',
					jobId: '={{ $json.jobId ?? "" }}',
					history: true,
				});
				wf.reset = await bench.deployItems('bad-reset', {
					resource: 'idNumber',
					operation: 'resetRateLimit',
					country: '={{ $json.country ?? "" }}',
					idType: '={{ $json.idType ?? "" }}',
					idNumber: '={{ $json.idNumber ?? "" }}',
				});
				wf.cb = await bench.deployItems('bad-cb', {
					resource: 'callback',
					operation: 'verify',
					callbackBody: '={{ $json.cb }}',
				});
				wf.dvStrict = await bench.deploy('bad-dv-strict', [
					splitItems(),
					smileNode(itemDrivenSubmit('document', 'verify'), { continueOnFail: false }),
				]);
			});

			after(async () => {
				await bench?.stop();
			});

			// shared good inputs ------------------------------------------------------------------
			const img = imageSet('bad-input', { liveness: 9 });
			const b64 = (/** @type {Buffer} */ b) => b.toString('base64');
			const dvItem = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				selfie: b64(img.selfie),
				idCardFront: b64(img.idCardFront),
				country: 'NG',
				idType: 'IDENTITY_CARD',
				callbackUrl: cb,
				...o,
			});
			const regItem = (/** @type {Record<string, any>} */ o = {}) => ({
				userId: `approved-bad-${rnd()}`,
				selfie: b64(img.selfie),
				callbackUrl: cb,
				...o,
			});
			const cmpItem = (/** @type {Record<string, any>} */ o = {}) => ({
				...regItem(),
				comparisonImage: b64(img.comparison),
				liveness: img.liveness.slice(0, 4).map(b64),
				...o,
			});
			const sign = (/** @type {string} */ timestamp) =>
				signature(bench.sim.credentials.apiKey, bench.sim.credentials.partnerId, timestamp);
			const cbBody = (/** @type {Record<string, any>} */ o = {}) => {
				const timestamp = new Date().toISOString();
				return {
					ResultCode: '0810',
					ResultText: 'Document Verified',
					PartnerParams: { job_id: 'j-1', user_id: 'u-1', job_type: 6 },
					IsFinalResult: 'true',
					timestamp,
					signature: sign(timestamp),
					...o,
				};
			};

			/**
			 * @typedef {{ name: string, wf: string, item?: Record<string, any> | (() => Record<string, any>), form?: () => FormData,
			 *   expect: RegExp[], noDownloads?: boolean }} BadCase
			 */
			/** @type {BadCase[]} */
			const cases = [
				// identifiers and callback URL
				{
					name: 'empty user ID',
					wf: 'dv',
					item: dvItem({ userId: '' }),
					expect: [/User ID is required/, /Enter the ID your own system uses/],
				},
				{
					name: 'user ID of spaces only',
					wf: 'reg',
					item: regItem({ userId: '   ' }),
					expect: [/User ID is required/],
				},
				{
					name: 'user ID with a line break',
					wf: 'dv',
					item: dvItem({ userId: 'customer\n4711' }),
					expect: [/User ID contains a line break/, /Remove it/],
				},
				{
					name: '201-character user ID',
					wf: 'reg',
					item: regItem({ userId: 'u'.repeat(201) }),
					expect: [/User ID is 201 characters long/, /at most 200/],
				},
				{
					name: 'job ID with a tab',
					wf: 'dv',
					item: dvItem({ jobId: 'job\t1' }),
					expect: [/Job ID contains a line break or another control character/],
				},
				{
					name: '201-character job ID',
					wf: 'cmp',
					item: cmpItem({ jobId: 'j'.repeat(201) }),
					expect: [/Job ID is 201 characters long/],
				},
				{
					name: 'empty callback URL',
					wf: 'dv',
					item: dvItem({ callbackUrl: '' }),
					expect: [/Callback URL is required/, /production URL of a Smile ID Trigger/],
				},
				{
					name: 'ftp:// callback URL',
					wf: 'dv',
					item: dvItem({ callbackUrl: 'ftp://example.com/cb' }),
					expect: [/Callback URL must start with http:\/\/ or https:\/\/, not ftp:/],
				},
				{
					name: 'callback URL that is not a URL',
					wf: 'reg',
					item: regItem({ callbackUrl: 'my callback' }),
					expect: [/Callback URL "my callback" is not a URL/, /https:\/\//],
				},
				{
					name: 'javascript: callback URL (authenticate)',
					wf: 'auth',
					item: regItem({ callbackUrl: 'javascript:alert(1)' }),
					expect: [/Callback URL must start with http:\/\/ or https:\/\/, not javascript:/],
				},
				{
					name: 'negative Wait Timeout from an expression (checked before the job, not after it)',
					wf: 'auth',
					item: regItem({ waitTimeout: -5 }),
					expect: [
						/^Wait Timeout \(Seconds\) must be a number of seconds above 0, got "-5"\. Enter e\.g\. 120, or turn Wait for Result off\./,
					],
				},
				{
					name: 'empty callback URL (compare)',
					wf: 'cmp',
					item: cmpItem({ callbackUrl: '' }),
					expect: [/Callback URL is required/],
				},
				// country
				{
					name: 'three-letter country',
					wf: 'dv',
					item: dvItem({ country: 'NGA' }),
					expect: [/Country must be a two-letter ISO 3166 country code/, /e\.g\. NG/, /got "NGA"/],
				},
				{
					name: 'empty country',
					wf: 'dv',
					item: dvItem({ country: '' }),
					expect: [/Country must be a two-letter ISO 3166 country code/, /got ""/],
				},
				{
					name: 'country XX (two capitals, but no ISO 3166-1 country)',
					wf: 'dv',
					item: dvItem({ country: 'XX' }),
					expect: [
						/Country "XX" is not an ISO 3166-1 alpha-2 country code/,
						/e\.g\. NG for Nigeria/,
					],
				},
				{
					name: 'ID type SSNIT (Ghana) for country NG',
					wf: 'dv',
					item: dvItem({ idType: 'SSNIT' }),
					expect: [
						/ID Type "SSNIT" is not a document type Smile ID lists for NG/,
						/Use one of DRIVERS_LICENSE, IDENTITY_CARD, PASSPORT, REGISTRATION_CERTIFICATE, RESIDENT_ID, TRAVEL_DOC, VOTER_ID/,
						/leave ID Type empty to let Smile ID classify the document/,
					],
				},
				{
					name: 'country with a digit',
					wf: 'dv',
					item: dvItem({ country: 'N1' }),
					expect: [/Country must be a two-letter/, /got "N1"/],
				},
				// images
				{
					name: 'PNG as ID card front (base64)',
					wf: 'dv',
					item: dvItem({ idCardFront: b64(pngBytes()) }),
					expect: [/ID Card Front is not a JPEG image/, /convert the image/],
				},
				{
					name: 'bad base64 selfie',
					wf: 'dv',
					item: dvItem({ selfie: '%%% not base64 %%%' }),
					expect: [/Selfie is not valid base64 text/, /Map the base64 of the JPEG/],
				},
				{
					name: 'empty selfie reference',
					wf: 'reg',
					item: regItem({ selfie: '' }),
					expect: [/Selfie is required/, /Map the base64 text/],
				},
				{
					name: 'empty ID card front reference',
					wf: 'dv',
					item: dvItem({ idCardFront: '' }),
					expect: [/ID Card Front is required/],
				},
				{
					name: 'same image as selfie and ID card front',
					wf: 'dv',
					item: dvItem({ idCardFront: b64(img.selfie) }),
					expect: [/ID Card Front uses the same image as Selfie/, /Give each image its own/],
				},
				{
					name: 'liveness list containing the selfie again',
					wf: 'reg',
					item: regItem({ liveness: [b64(img.liveness[0]), b64(img.selfie)] }),
					expect: [/Liveness Images \(frame 2\) uses the same image as Selfie/],
				},
				{
					name: '9 liveness frames (document)',
					wf: 'dv',
					item: dvItem({ liveness: img.liveness.map(b64) }),
					expect: [/Liveness Images: 9 given/, /at most 8/, /Remove frames/],
				},
				{
					name: '9 liveness frames (register)',
					wf: 'reg',
					item: regItem({ liveness: img.liveness.map(b64) }),
					expect: [/Liveness Images: 9 given/, /at most 8/],
				},
				{
					name: 'compare with 3 frames',
					wf: 'cmp',
					item: cmpItem({ liveness: img.liveness.slice(0, 3).map(b64) }),
					expect: [/Liveness Images: 3 given/, /between 4 and 8/, /Add frames/],
				},
				{
					name: 'compare with 9 frames',
					wf: 'cmp',
					item: cmpItem({ liveness: img.liveness.map(b64) }),
					expect: [/Liveness Images: 9 given/, /between 4 and 8/, /Remove frames/],
				},
				{
					name: 'compare: comparison image = selfie',
					wf: 'cmp',
					item: cmpItem({ comparisonImage: b64(img.selfie) }),
					expect: [/Comparison Image uses the same image as Selfie/],
				},
				{
					name: 'compare: empty comparison image',
					wf: 'cmp',
					item: cmpItem({ comparisonImage: '' }),
					expect: [/Comparison Image is required/],
				},
				{
					name: 'compare: PNG liveness frame 4',
					wf: 'cmp',
					item: cmpItem({ liveness: [...img.liveness.slice(0, 3).map(b64), b64(pngBytes())] }),
					expect: [/Liveness Images \(frame 4\) is not a JPEG image/],
				},
				{
					name: 'URL source with a file name instead of a URL',
					wf: 'dv',
					item: dvItem({
						imageSource: 'url',
						selfie: 'selfie.jpg',
						idCardFront: 'https://example.invalid/front.jpg',
					}),
					expect: [
						/Selfie must be an http\(s\) URL, got "selfie\.jpg"/,
						/starting with https:\/\//,
					],
					noDownloads: true,
				},
				{
					name: 'URL source: liveness frame 2 is ftp://',
					wf: 'reg',
					item: regItem({
						imageSource: 'url',
						selfie: 'https://example.invalid/s.jpg',
						liveness: 'https://example.invalid/l1.jpg, ftp://example.invalid/l2.jpg',
					}),
					expect: [/Liveness Images \(frame 2\) must be an http\(s\) URL/],
					noDownloads: true,
				},
				{
					name: 'empty image (URL answers 0 bytes)',
					wf: 'reg',
					item: regItem({ imageSource: 'url', selfie: '' }), // filled in below
					expect: [/Selfie is empty/, /Provide a JPEG image/],
				},
				{
					name: '11 MB ID card front (URL)',
					wf: 'dv',
					item: dvItem({ imageSource: 'url' }), // filled in below
					expect: [/ID Card Front is 11534336 bytes/, /at most 10 MB/, /Resize or recompress/],
				},
				{
					name: 'binary source, but the item has no binary data at all',
					wf: 'reg',
					item: regItem({ imageSource: 'binary', selfie: 'selfie' }),
					expect: [
						/Selfie: the input item has no binary property "selfie"/,
						/no binary data at all/,
						/switch Image Source to URL or Base64/,
					],
				},
				{
					name: 'binary source: missing binary property (uploaded as "photo")',
					wf: 'regForm',
					form: () =>
						formWith(
							{ userId: `approved-bad-${rnd()}`, selfie: 'selfie', callbackUrl: cb },
							{ photo: img.selfie },
						),
					expect: [
						/Selfie: the input item has no binary property "selfie"/,
						/It has: photo/,
						/Enter one of those/,
					],
				},
				{
					name: 'binary source: a PNG uploaded as the selfie',
					wf: 'regForm',
					form: () =>
						formWith(
							{ userId: `approved-bad-${rnd()}`, selfie: 'selfie', callbackUrl: cb },
							{ selfie: pngBytes() },
						),
					expect: [/Selfie is not a JPEG image/],
				},
				// extra partner params
				{
					name: 'extra partner param with reserved key job_id',
					wf: 'dv',
					item: dvItem({ k1: 'job_id' }),
					expect: [
						/Extra Partner Params: "job_id" is set by the node itself/,
						/Use the Job ID field/,
					],
				},
				{
					name: 'extra partner param with reserved key user_id',
					wf: 'reg',
					item: regItem({ k2: 'user_id' }),
					expect: [/"user_id" is set by the node itself/, /Use the User ID field/],
				},
				{
					name: 'extra partner param with reserved key job_type',
					wf: 'reg',
					item: regItem({ k1: 'job_type' }),
					expect: [/"job_type" is set by the node itself/, /Use the operation/],
				},
				{
					name: 'duplicate extra partner param key',
					wf: 'dv',
					item: dvItem({ k1: 'crm_id', k2: 'crm_id' }),
					expect: [/Extra Partner Params: the key "crm_id" appears twice/, /Keep one/],
				},
				{
					name: 'empty extra partner param key',
					wf: 'reg',
					item: regItem({ k2: '' }),
					expect: [/Extra Partner Params: every entry needs a key/, /Remove empty rows/],
				},
				// job status
				{
					name: 'job status with empty job ID',
					wf: 'status',
					item: { userId: 'u-1', jobId: '' },
					expect: [/Job ID is required/],
				},
				{
					name: 'job status with empty user ID',
					wf: 'status',
					item: { userId: '', jobId: 'job-1' },
					expect: [/User ID is required/],
				},
				{
					name: 'job status with a line break in the job ID',
					wf: 'status',
					item: { userId: 'u-1', jobId: 'job-1\r\n' + 'x' },
					expect: [/Job ID contains a line break/],
				},
				// rate limit reset
				{
					name: 'rate limit reset with empty ID number',
					wf: 'reset',
					item: { country: 'NG', idType: 'BVN', idNumber: '' },
					expect: [/ID Number is required/, /Enter the blocked ID number/],
				},
				{
					name: 'rate limit reset with a country name',
					wf: 'reset',
					item: { country: 'Nigeria', idType: 'BVN', idNumber: '12345678901' },
					expect: [/Country must be a two-letter ISO 3166 country code/, /got "NIGERIA"/],
				},
				{
					name: 'rate limit reset with country XX',
					wf: 'reset',
					item: { country: 'XX', idType: 'BVN', idNumber: '12345678901' },
					expect: [/Country "XX" is not an ISO 3166-1 alpha-2 country code/],
				},
				{
					name: 'rate limit reset with empty ID type',
					wf: 'reset',
					item: { country: 'NG', idType: ' ', idNumber: '12345678901' },
					expect: [/ID Type is required/, /e\.g\. BVN/],
				},
				// callback verify (rejections, not requests)
				{
					name: 'callback verify: body is an array',
					wf: 'cb',
					item: () => ({ cb: [cbBody()] }),
					expect: [
						/The callback was rejected: The callback body is not a JSON object/,
						/map the callback's JSON body/,
					],
				},
				{
					name: 'callback verify: body is text that is not JSON',
					wf: 'cb',
					item: { cb: 'ResultCode=0810' },
					expect: [/The callback body is not a JSON object/],
				},
				{
					name: 'callback verify: forged signature',
					wf: 'cb',
					item: () => ({ cb: cbBody({ signature: Buffer.alloc(32, 1).toString('base64') }) }),
					expect: [
						/The callback was rejected: The signature does not match this partner ID and API key/,
						/same environment/,
					],
				},
				{
					name: 'callback verify: missing signature',
					wf: 'cb',
					item: () => ({ cb: cbBody({ signature: undefined }) }),
					expect: [/The signature is missing/],
				},
				{
					name: 'callback verify: correctly signed but 20 minutes old',
					wf: 'cb',
					item: () => {
						const ts = new Date(Date.now() - 20 * 60_000).toISOString();
						return { cb: cbBody({ timestamp: ts, signature: sign(ts) }) };
					},
					expect: [
						/the timestamp is older than the allowed window: check this machine's clock/,
						/freshness window/,
					],
				},
				{
					name: 'callback verify: correctly signed, 20 minutes ahead',
					wf: 'cb',
					item: () => {
						const ts = new Date(Date.now() + 20 * 60_000).toISOString();
						return { cb: cbBody({ timestamp: ts, signature: sign(ts) }) };
					},
					expect: [/further in the future than the allowed window: check this machine's clock/],
				},
				{
					name: 'callback verify: correctly signed, but no time can be read from the timestamp',
					wf: 'cb',
					item: () => ({
						cb: cbBody({ timestamp: 'Friday afternoon', signature: sign('Friday afternoon') }),
					}),
					expect: [
						/the time in the timestamp cannot be read/,
						/a freshness window of 0 accepts it/,
					],
				},
			];

			test('there are at least 30 distinct bad-input cases', () => {
				assert.ok(cases.length >= 30, `${cases.length} cases`);
				assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
			});

			for (const c of cases) {
				test(`refused before any request: ${c.name}`, async () => {
					const item = typeof c.item === 'function' ? c.item() : c.item ? { ...c.item } : undefined;
					if (c.name.startsWith('empty image')) {
						/** @type {any} */ (item).selfie = bench.aux.put(`empty-${rnd()}.jpg`, Buffer.alloc(0));
					}
					if (c.name.startsWith('11 MB')) {
						const big = makeJpeg({
							width: 4000,
							height: 3000,
							bytes: 11 * 1024 * 1024,
							seed: 'big',
						});
						Object.assign(/** @type {any} */ (item), {
							selfie: bench.aux.put(`s-${rnd()}.jpg`, img.selfie),
							idCardFront: bench.aux.put(`big-${rnd()}.jpg`, big),
						});
					}
					const before = simFootprint(bench.stats());
					const downloadsBefore = bench.aux.downloads.length;
					const r = c.form
						? await bench.run(wf[c.wf], undefined, { form: c.form() })
						: await bench.run(wf[c.wf], { items: [item] });
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
					if (c.noDownloads)
						assert.equal(bench.aux.downloads.length, downloadsBefore, 'no image was downloaded');
					assert.ok(!text.includes(bench.sim.credentials.apiKey), 'no API key in the message');
				});
			}

			test('without Continue On Fail the execution fails with the same clear message (and no request)', async () => {
				const before = simFootprint(bench.stats());
				const r = await bench.run(wf.dvStrict, { items: [dvItem({ country: 'NGA' })] });
				assert.notEqual(r.status, 200, 'the webhook reports the failed execution');
				const ex = await bench.lastExecution(wf.dvStrict);
				assert.equal(ex.status, 'error');
				const err = ex.data.resultData.error;
				assert.match(String(err?.message), /Country must be a two-letter ISO 3166 country code/);
				assert.equal(ex.data.resultData.lastNodeExecuted, 'Smile ID');
				assert.deepEqual(simFootprint(bench.stats()), before);
			});

			test('one bad item among good ones (Continue On Fail): only the bad item fails, before its request', async () => {
				const good = bench.aux.callbackUrl('bad-input-mixed');
				const items = [
					regItem({ callbackUrl: good }),
					regItem({ callbackUrl: 'ftp://x/y' }),
					regItem({ callbackUrl: good }),
				];
				// distinct selfies per item: same bytes across items are fine, but keep them realistic
				items[2].selfie = b64(imageSet('second').selfie);
				const before = bench.stats();
				const r = await bench.run(wf.reg, { items });
				assert.equal(r.status, 200, r.text.slice(0, 500));
				assert.equal(r.items.length, 3);
				assert.equal(r.items[0].error, undefined, JSON.stringify(r.items[0]).slice(0, 300));
				assert.match(String(r.items[1].error), /Callback URL must start with http/);
				assert.equal(r.items[2].error, undefined);
				assert.equal(r.items[0].userId, items[0].userId);
				assert.equal(r.items[2].userId, items[2].userId);
				const after = bench.stats();
				assert.equal(
					after.prepUploadCalls - before.prepUploadCalls,
					2,
					'two prep uploads, none for the bad item',
				);
				assert.equal(after.jobsCreated - before.jobsCreated, 2);
			});
		},
	);
}
