// @ts-check
/**
 * The Smile ID ACTION node in REAL n8n (each line under test), against the offline simulator:
 * every operation, job status (history, image links, downloaded images) and callback verify, and
 * what the simulator really received (zip entries and their hashes, info.json, partner params,
 * multipart parts, signatures). The documented scenarios are in action-node-scenarios.test.mjs.
 *
 * Images reach the node the ways users feed them: binary properties (Convert to File from
 * base64, and a multipart upload to the Webhook), URLs (served by a local test server) and
 * base64 text.
 *
 * Run: node test/e2e/run.mjs --line 1 action   (or: SMILEID_E2E_LINES=2 node --test test/e2e/action-node-operations.test.mjs)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	ActionBench,
	errorText,
	formWith,
	imageSet,
	itemDrivenSubmit,
	mergeNode,
	rnd,
	sha256,
	smileNode,
	splitItems,
	toBinaryNode,
} from './lib/action-helpers.mjs';
import {
	actionNodeWorkflows,
	startActionNodeBench,
	typeIds,
	entrySha,
} from './lib/action-node-suite.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { signature as sign } from './lib/trigger-helpers.mjs';

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile ID action node: operations`, { timeout: 900_000 }, () => {
		/** @type {ActionBench} */
		let bench;
		let cb = '';
		/** a completed approved DV job, reused by job status and callback verify */
		const dvDone = {
			jobId: '',
			userId: '',
			images: /** @type {ReturnType<typeof imageSet> | undefined} */ (undefined),
		};

		before(async () => {
			({ bench, cb } = await startActionNodeBench(line));
		});

		after(async () => {
			await bench?.stop();
		});

		const { dvWait, selfieJob, jobStatus } = actionNodeWorkflows(() => bench);

		// 1. every operation -------------------------------------------------------------------

		test('verify a document (URL images, wait): approved with personal info; the simulator got exactly the images, id_info and partner params', async () => {
			const wf = await dvWait();
			const userId = `approved-dv-${rnd()}`;
			const jobId = `job-dv-${rnd()}`;
			const img = imageSet(userId, { bigId: true });
			const before = bench.stats();
			const out = await bench.runOne(wf, {
				userId,
				jobId,
				imageSource: 'url',
				selfie: bench.aux.put(`${jobId}-selfie.jpg`, img.selfie),
				idCardFront: bench.aux.put(`${jobId}-front.jpg`, img.idCardFront),
				idCardBack: bench.aux.put(`${jobId}-back.jpg`, img.idCardBack),
				country: 'NG',
				idType: 'IDENTITY_CARD',
				callbackUrl: cb,
				crm: 'CRM-4711',
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved', JSON.stringify(out).slice(0, 2000));
			assert.equal(out.isFinal, true);
			assert.equal(out.resultCode, '0810');
			assert.equal(out.jobId, jobId);
			assert.equal(out.userId, userId);
			assert.equal(out.jobType, 6);
			assert.equal(out.product, 'document_verification');
			assert.match(String(out.smileJobId), /^\d{10}$/);
			assert.equal(out.waitTimedOut, false);
			assert.deepEqual(out.warnings, [], 'images meet the minimums: no warnings');
			assert.equal(out.personalInfo?.country, 'NG');
			assert.equal(out.personalInfo?.idType, 'IDENTITY_CARD');
			assert.equal(out.personalInfo?.fullName, 'Joe Leo Doe');
			assert.equal(out.personalInfo?.dateOfBirth, '2000-09-20');
			assert.match(String(out.personalInfo?.idNumber), /^A\d{8}$/);
			assert.equal(out.partnerParams?.crm_id, 'CRM-4711');
			assert.equal(out.raw?.submitted?.prepUploadAttempts, 1);
			assert.equal(out.raw?.submitted?.uploadAttempts, 1);
			assert.equal(out.raw?.submitted?.prepUpload?.code, '2202');
			assert.ok(out.raw?.jobStatus, 'raw.jobStatus');
			assert.equal(
				JSON.stringify(out).includes(bench.sim.credentials.apiKey),
				false,
				'no API key in the output',
			);

			const job = await bench.simJob(jobId);
			assert.ok(job, 'the simulator has the job');
			assert.equal(job.job_type, 6);
			assert.equal(job.user_id, userId);
			assert.equal(job.callback_url, cb);
			assert.equal(job.use_enrolled_image, false);
			assert.deepEqual(job.partner_params, {
				job_id: jobId,
				user_id: userId,
				job_type: 6,
				crm_id: 'CRM-4711',
				channel: 'e2e',
			});
			assert.deepEqual(job.upload.info_json.id_info, { country: 'NG', id_type: 'IDENTITY_CARD' });
			assert.deepEqual(typeIds(job), [0, 1, 5], 'selfie, front, back as files, in that order');
			assert.deepEqual(
				job.upload.images.map((/** @type {any} */ i) => i.sha256),
				[sha256(img.selfie), sha256(img.idCardFront), sha256(img.idCardBack)],
			);
			assert.equal(entrySha(job, 'selfie.jpg'), sha256(img.selfie));
			assert.equal(entrySha(job, 'id_card_front.jpg'), sha256(img.idCardFront));
			assert.equal(entrySha(job, 'id_card_back.jpg'), sha256(img.idCardBack));
			assert.equal(job.failure, null, 'the upload was valid');
			// signatures accepted: the prep upload answered 2202, job status 2302
			const preps = bench.requestsFor(jobId, '/v1/upload');
			assert.equal(preps.length, 1);
			assert.equal(preps[0].status, 200);
			assert.equal(preps[0].body.source_sdk, 'rest_api');
			assert.equal(
				preps[0].body.partner_id ?? preps[0].body.smile_client_id,
				bench.sim.credentials.partnerId,
			);
			const polls = bench.requestsFor(jobId, '/v1/job_status');
			assert.ok(
				polls.length >= 1 && polls.every((/** @type {any} */ r) => r.status === 200),
				'job status polls signed correctly',
			);
			const after = bench.stats();
			assert.equal(after.jobsCreatedByJobId[jobId], 1);
			assert.equal(after.uploads[jobId], 1);
			assert.equal(after.jobsCreated - before.jobsCreated, 1);
			Object.assign(dvDone, { jobId, userId, images: img });
		});

		test('verify a document from binary properties (Convert to File + Merge, the default image source): approved, exact bytes uploaded', async () => {
			const wf = await bench.deploy(
				'dv-binary-convert',
				[
					toBinaryNode('Selfie File', 'body.selfie', 'selfie'),
					toBinaryNode('Front File', 'body.front', 'idCardFront'),
					toBinaryNode('Back File', 'body.back', 'idCardBack'),
					mergeNode(3),
					smileNode({
						resource: 'document',
						operation: 'verify',
						userId: "={{ $('Webhook').first().json.body.userId }}",
						jobId: "={{ $('Webhook').first().json.body.jobId }}",
						country: 'KE',
						idType: 'IDENTITY_CARD',
						callbackUrl: cb,
						waitForResult: true,
						waitTimeout: 60,
						// imageSource, selfie, idCardFront stay at their defaults: binary, "selfie", "idCardFront"
						idCardBack: 'idCardBack',
					}),
				],
				{
					connections: (hook) => ({
						[hook]: {
							main: [
								[
									{ node: 'Selfie File', type: 'main', index: 0 },
									{ node: 'Front File', type: 'main', index: 0 },
									{ node: 'Back File', type: 'main', index: 0 },
								],
							],
						},
						'Selfie File': { main: [[{ node: 'Merge', type: 'main', index: 0 }]] },
						'Front File': { main: [[{ node: 'Merge', type: 'main', index: 1 }]] },
						'Back File': { main: [[{ node: 'Merge', type: 'main', index: 2 }]] },
						Merge: { main: [[{ node: 'Smile ID', type: 'main', index: 0 }]] },
					}),
				},
			);
			const userId = `approved-dvbin-${rnd()}`;
			const jobId = `job-dvbin-${rnd()}`;
			const img = imageSet(userId);
			const r = await bench.run(wf, {
				userId,
				jobId,
				selfie: img.selfie.toString('base64'),
				front: img.idCardFront.toString('base64'),
				back: img.idCardBack.toString('base64'),
			});
			assert.equal(r.status, 200, r.text.slice(0, 1000));
			assert.equal(r.items.length, 1, r.text.slice(0, 1000));
			const out = r.items[0];
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved');
			assert.equal(out.isFinal, true);
			assert.equal(out.personalInfo?.country, 'KE');
			// small generated ID images: advice, not errors
			assert.ok(
				out.warnings.some((/** @type {string} */ w) => /ID Card Front/.test(w) && /600 KB/.test(w)),
				JSON.stringify(out.warnings),
			);
			assert.ok(
				out.warnings.some(
					(/** @type {string} */ w) => /ID Card Front/.test(w) && /1500 px/.test(w),
				),
				JSON.stringify(out.warnings),
			);
			assert.ok(
				out.warnings.some((/** @type {string} */ w) => /ID Card Back/.test(w)),
				JSON.stringify(out.warnings),
			);
			const job = await bench.simJob(jobId);
			assert.deepEqual(typeIds(job), [0, 1, 5]);
			assert.equal(entrySha(job, 'selfie.jpg'), sha256(img.selfie));
			assert.equal(entrySha(job, 'id_card_front.jpg'), sha256(img.idCardFront));
			assert.equal(entrySha(job, 'id_card_back.jpg'), sha256(img.idCardBack));
			assert.equal(bench.stats().jobsCreatedByJobId[jobId], 1);
		});

		test('verify a document from a multipart upload (binary properties) with back and liveness frames: type ids 0,1,5,4,4,4 in order; pending without wait', async () => {
			const wf = await bench.deploy('dv-binary-form', [
				smileNode(
					itemDrivenSubmit(
						'document',
						'verify',
						{
							imageSource: 'binary',
							selfie: 'selfie',
							idCardFront: 'front',
							idCardBack: 'back',
							livenessImages: 'live1, live2, live3',
							options: {
								partnerParams: { param: [{ key: 'crm_id', value: '={{ $json.body.crm }}' }] },
							},
						},
						'$json.body',
					),
				),
			]);
			const userId = `approved-dvform-${rnd()}`;
			const jobId = `job-dvform-${rnd()}`;
			const img = imageSet(userId, { liveness: 3 });
			const before = bench.stats();
			const r = await bench.run(wf, undefined, {
				form: formWith(
					{ userId, jobId, country: 'GH', idType: 'PASSPORT', callbackUrl: cb, crm: 'form-1' },
					{
						selfie: img.selfie,
						front: img.idCardFront,
						back: img.idCardBack,
						live1: img.liveness[0],
						live2: img.liveness[1],
						live3: img.liveness[2],
					},
				),
			});
			assert.equal(r.status, 200, r.text.slice(0, 1000));
			const out = r.items[0];
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'pending');
			assert.equal(out.isFinal, false);
			assert.equal(out.jobId, jobId);
			assert.equal(out.userId, userId);
			assert.equal(out.waitTimedOut, undefined, 'no wait, no waitTimedOut');
			// passport minimum is 2200 px
			assert.ok(
				out.warnings.some((/** @type {string} */ w) => /2200 px/.test(w) && /passport/.test(w)),
				JSON.stringify(out.warnings),
			);
			const job = await bench.waitForSimJob(jobId, (j) => j.upload_received && j.upload?.checked);
			assert.deepEqual(typeIds(job), [0, 1, 5, 4, 4, 4]);
			assert.deepEqual(job.upload.info_json.id_info, { country: 'GH', id_type: 'PASSPORT' });
			assert.equal(job.partner_params.crm_id, 'form-1');
			assert.deepEqual(
				job.upload.images.map((/** @type {any} */ i) => i.sha256),
				[img.selfie, img.idCardFront, img.idCardBack, ...img.liveness].map(sha256),
			);
			assert.deepEqual(job.upload.entries.map((/** @type {any} */ e) => e.name).sort(), [
				'id_card_back.jpg',
				'id_card_front.jpg',
				'info.json',
				'liveness_1.jpg',
				'liveness_2.jpg',
				'liveness_3.jpg',
				'selfie.jpg',
			]);
			const after = bench.stats();
			assert.equal(after.jobsCreated - before.jobsCreated, 1);
			assert.equal(after.prepUploadCalls - before.prepUploadCalls, 1);
		});

		test('register a selfie from a binary property (Convert to File), wait: approved and enrolled', async () => {
			const wf = await bench.deploy('reg-binary-convert', [
				toBinaryNode('Selfie File', 'body.selfie', 'selfie'),
				smileNode({
					resource: 'smartSelfie',
					operation: 'register',
					userId: "={{ $('Webhook').first().json.body.userId }}",
					jobId: "={{ $('Webhook').first().json.body.jobId }}",
					callbackUrl: cb,
					waitForResult: true,
					waitTimeout: 60,
				}),
			]);
			const userId = `approved-reg-${rnd()}`;
			const jobId = `job-reg-${rnd()}`;
			const img = imageSet(userId);
			const r = await bench.run(wf, { userId, jobId, selfie: img.selfie.toString('base64') });
			assert.equal(r.status, 200, r.text.slice(0, 1000));
			const out = r.items[0];
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved');
			assert.equal(out.resultCode, '0840');
			assert.equal(out.isFinal, true);
			assert.equal(out.jobType, 4);
			assert.equal(out.product, 'smartselfie_registration');
			assert.equal(out.actions?.Register_Selfie, 'Approved');
			const job = await bench.simJob(jobId);
			assert.deepEqual(typeIds(job), [0]);
			assert.equal(entrySha(job, 'selfie.jpg'), sha256(img.selfie));
			assert.equal(job.user_enrolled, true);
			assert.ok(
				!('use_enrolled_image' in bench.requestsFor(jobId, '/v1/upload')[0].body),
				'no use_enrolled_image for job type 4',
			);

			// 2. authenticate the registered user (base64 images, 4 liveness frames, wait)
			const auth = await selfieJob('authenticate', true);
			const authJob = `job-auth-${rnd()}`;
			const a = imageSet(`${userId}-auth`, { liveness: 4 });
			const out2 = await bench.runOne(auth, {
				userId,
				jobId: authJob,
				selfie: a.selfie.toString('base64'),
				liveness: a.liveness.map((b) => b.toString('base64')),
				callbackUrl: cb,
			});
			assert.equal(out2.error, undefined, `no error: ${errorText(out2)}`);
			assert.equal(out2.outcome, 'approved');
			assert.equal(out2.resultCode, '0820');
			assert.equal(out2.jobType, 2);
			assert.equal(out2.product, 'smartselfie_authentication');
			const job2 = await bench.simJob(authJob);
			assert.deepEqual(typeIds(job2), [0, 4, 4, 4, 4]);
			assert.deepEqual(
				job2.upload.images.map((/** @type {any} */ i) => i.sha256),
				[a.selfie, ...a.liveness].map(sha256),
			);
			assert.equal(
				job2.upload.images.filter((/** @type {any} */ i) => i.source === 'file').length,
				5,
			);
		});

		test('authenticate a user enrolled with POST /__sim/enroll (URL images): pending, then job status approved', async () => {
			const userId = `approved-pre-${rnd()}`;
			const enrolled = await bench.simPost('/__sim/enroll', { user_id: userId });
			assert.equal(enrolled.ok, true);
			const wf = await selfieJob('authenticate', false);
			const jobId = `job-auth2-${rnd()}`;
			const img = imageSet(userId, { liveness: 2 });
			const out = await bench.runOne(wf, {
				userId,
				jobId,
				imageSource: 'url',
				selfie: bench.aux.put(`${jobId}-s.jpg`, img.selfie),
				liveness: `${bench.aux.put(`${jobId}-l1.jpg`, img.liveness[0])},${bench.aux.put(`${jobId}-l2.jpg`, img.liveness[1])}`,
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'pending');
			assert.equal(out.isFinal, false);
			assert.equal(out.jobType, 2);
			await bench.waitForSimJob(jobId, (j) => j.job_complete);
			const status = await jobStatus(false);
			const st = await bench.runOne(status, { userId, jobId });
			assert.equal(st.error, undefined, `no error: ${errorText(st)}`);
			assert.equal(st.outcome, 'approved');
			assert.equal(st.resultCode, '0820');
			assert.equal(st.isFinal, true);
			const job = await bench.simJob(jobId);
			assert.deepEqual(typeIds(job), [0, 4, 4]);
			assert.deepEqual(
				job.upload.images.map((/** @type {any} */ i) => i.sha256),
				[img.selfie, ...img.liveness].map(sha256),
			);
		});

		test('register with "Send Images as Base64": images inside info.json (type ids 2 and 6), zip holds only info.json', async () => {
			const wf = await selfieJob('register', false, { imagesAsBase64: true });
			const userId = `approved-b64-${rnd()}`;
			const jobId = `job-b64-${rnd()}`;
			const img = imageSet(userId, { liveness: 2 });
			const out = await bench.runOne(wf, {
				userId,
				jobId,
				selfie: `data:image/jpeg;base64,${img.selfie.toString('base64')}`,
				liveness: img.liveness.map((b) => b.toString('base64')),
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'pending');
			const job = await bench.waitForSimJob(jobId, (j) => j.upload_received && j.upload?.checked);
			assert.deepEqual(typeIds(job), [2, 6, 6]);
			assert.deepEqual(
				job.upload.entries.map((/** @type {any} */ e) => e.name),
				['info.json'],
			);
			assert.deepEqual(
				job.upload.images.map((/** @type {any} */ i) => i.sha256),
				[img.selfie, ...img.liveness].map(sha256),
			);
		});

		for (const frames of [8, 4]) {
			test(`compare a selfie with a photo (${frames} liveness frames, ${frames === 8 ? 'URL' : 'base64'}): approved synchronously; one liveness_images part per frame`, async () => {
				const wf = await selfieJob('compare', false, {
					partnerParams: { param: [{ key: 'crm_id', value: 'cmp-1' }] },
				});
				const userId = `approved-cmp-${rnd()}`;
				const jobId = `job-cmp-${rnd()}`;
				const img = imageSet(userId, { liveness: frames });
				const url = frames === 8;
				const ref = (/** @type {string} */ n, /** @type {Buffer} */ b) =>
					url ? bench.aux.put(`${jobId}-${n}.jpg`, b) : b.toString('base64');
				const before = bench.stats();
				const out = await bench.runOne(wf, {
					userId,
					jobId,
					imageSource: url ? 'url' : 'base64',
					selfie: ref('selfie', img.selfie),
					comparisonImage: ref('cmp', img.comparison),
					comparisonImageType: 'PORTRAIT',
					liveness: img.liveness.map((b, i) => ref(`l${i}`, b)),
					callbackUrl: cb,
				});
				assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
				assert.equal(out.outcome, 'approved');
				assert.equal(out.isFinal, true);
				assert.equal(out.resultCode, '0840');
				assert.equal(out.product, 'smartselfie_compare');
				assert.equal(out.jobId, jobId);
				assert.equal(out.userId, userId);
				assert.equal(out.partnerParams?.crm_id, 'cmp-1');
				const job = await bench.simJob(jobId);
				assert.equal(job.kind, 'compare');
				assert.equal(job.comparison_image_type, 'PORTRAIT');
				assert.equal(job.allow_new_enroll, false);
				assert.equal(job.callback_url, cb);
				assert.deepEqual(job.partner_params, { job_id: jobId, user_id: userId, crm_id: 'cmp-1' });
				const parts = job.upload.multipart;
				const files = parts.filter((/** @type {any} */ p) => p.sha256);
				assert.deepEqual(
					files.map((/** @type {any} */ p) => p.name),
					['selfie_image', 'comparison_image', ...Array(frames).fill('liveness_images')],
				);
				assert.deepEqual(
					files.map((/** @type {any} */ p) => p.sha256),
					[img.selfie, img.comparison, ...img.liveness].map(sha256),
				);
				assert.ok(files.every((/** @type {any} */ p) => p.content_type === 'image/jpeg'));
				const fields = Object.fromEntries(
					parts
						.filter((/** @type {any} */ p) => !p.sha256)
						.map((/** @type {any} */ p) => [p.name, p.value]),
				);
				assert.equal(fields.user_id, userId);
				assert.equal(fields.comparison_image_type, 'PORTRAIT');
				const reqs = bench.requestsFor(jobId, '/v2/smart-selfie-compare');
				assert.equal(reqs.length, 1);
				assert.equal(reqs[0].status, 200, 'signature headers accepted');
				const after = bench.stats();
				assert.equal(after.jobsCreatedByJobId[jobId], 1);
				assert.equal(after.compareCalls[jobId], 1);
				assert.equal(after.jobsCreated - before.jobsCreated, 1);
			});
		}

		test('job status: history, image links, and the images downloaded as binary properties with the exact uploaded bytes', async () => {
			assert.ok(dvDone.jobId, 'needs the approved DV job of the first test');
			const img = /** @type {NonNullable<typeof dvDone.images>} */ (dvDone.images);
			const wf = await jobStatus(true);
			const r = await bench.run(wf, { items: [{ userId: dvDone.userId, jobId: dvDone.jobId }] });
			assert.equal(r.status, 200, r.text.slice(0, 1000));
			assert.equal(r.items.length, 1, r.text.slice(0, 500));
			const out = r.items[0];
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved');
			assert.equal(out.isFinal, true);
			assert.equal(out.jobId, dvDone.jobId);
			assert.equal(out.resultCode, '0810');
			assert.ok(Array.isArray(out.raw?.history) && out.raw.history.length === 1, 'history');
			assert.equal(out.raw.history[0].ResultCode, '0810');
			assert.ok(out.raw.image_links?.selfie_image, 'image links');
			// the bytes of the binary properties, via Extract From File → base64 in json
			assert.equal(
				sha256(Buffer.from(out.selfieB64, 'base64')),
				sha256(img.selfie),
				'selfie_image bytes',
			);
			assert.equal(
				sha256(Buffer.from(out.frontB64, 'base64')),
				sha256(img.idCardFront),
				'id_card_image bytes',
			);
			// and the binary metadata n8n stored for the Smile ID node's output
			const ex = await bench.lastExecution(wf);
			const items = ActionBench.fullOutput(ex);
			assert.ok(items?.length === 1, 'Smile ID output in the execution');
			const binary = items[0].binary ?? {};
			assert.deepEqual(Object.keys(binary).sort(), [
				'id_card_back',
				'id_card_image',
				'selfie_image',
			]);
			assert.equal(binary.selfie_image.mimeType, 'image/jpeg');
			assert.equal(binary.selfie_image.fileName, `${dvDone.jobId}-selfie_image.jpg`);
			assert.ok(String(binary.id_card_back.fileSize).length > 0);
			if (typeof binary.id_card_back.data === 'string' && !binary.id_card_back.id) {
				assert.equal(
					sha256(Buffer.from(binary.id_card_back.data, 'base64')),
					sha256(img.idCardBack),
				);
			}
		});

		test('job status signed by a clock two hours off, in Ruby Time#to_s form: accepted (signature checked, no window, as the SDKs)', async () => {
			assert.ok(dvDone.jobId, 'needs the approved DV job of the first test');
			bench.sim.setSigningClock({ form: 'ruby', offsetMs: -2 * 3600_000 });
			try {
				const r = await bench.run(await jobStatus(), { items: [{ userId: dvDone.userId, jobId: dvDone.jobId }] });
				assert.equal(r.status, 200, r.text.slice(0, 1000));
				const out = r.items[0];
				assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
				assert.equal(out.outcome, 'approved');
				assert.match(String(out.raw?.timestamp), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/);
				assert.ok(Date.now() - Date.parse(String(out.raw.timestamp).replace(' +0000', 'Z').replace(' ', 'T')) > 3600_000);
				// a forged answer is still refused: the signature check stays
				bench.sim.setSigningClock({});
				bench.sim.addFault({ endpoint: 'job_status', type: 'status', status: 200, body: { code: '2302', job_complete: true, job_success: true, result: {}, timestamp: new Date().toISOString(), signature: Buffer.alloc(32, 3).toString('base64') } });
				const forged = (await bench.run(await jobStatus(), { items: [{ userId: dvDone.userId, jobId: dvDone.jobId }] })).items[0];
				assert.match(String(forged.error), /The job status answer could not be verified: The signature does not match/);
			} finally {
				bench.sim.setSigningClock({});
				bench.sim.clearFaults();
			}
		});

		test('verify a document issued in a country the offline table does not list (US PASSPORT): submitted, with a warning that the ID type was not checked', async () => {
			const wf = await dvWait();
			const userId = `approved-us-${rnd()}`;
			const img = imageSet(userId);
			const out = await bench.runOne(wf, {
				userId,
				selfie: img.selfie.toString('base64'),
				idCardFront: img.idCardFront.toString('base64'),
				country: 'US',
				idType: 'PASSPORT',
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved');
			assert.ok(
				out.warnings.includes(
					'ID Type PASSPORT was not checked offline: the supported-documents table lists no document types for US (it covers Africa only). Check that Smile ID takes this type for US.',
				),
				JSON.stringify(out.warnings),
			);
			const job = await bench.simJob(out.jobId);
			assert.deepEqual(job.upload.info_json.id_info, { country: 'US', id_type: 'PASSPORT' });
		});

		test('ID number rate limit reset', async () => {
			const wf = await bench.deploy('reset', [
				splitItems(),
				smileNode({
					resource: 'idNumber',
					operation: 'resetRateLimit',
					country: '={{ $json.country }}',
					idType: '={{ $json.idType }}',
					idNumber: '={{ $json.idNumber }}',
				}),
			]);
			const idNumber = `0${Date.now()}`.slice(0, 11);
			const before = bench.stats().rateLimitResets;
			const out = await bench.runOne(wf, { country: 'NG', idType: 'BVN', idNumber });
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.success, true);
			assert.match(String(out.message), /reset/i);
			assert.equal(out.country, 'NG');
			assert.equal(out.idType, 'BVN');
			assert.equal(out.idNumber, idNumber);
			assert.deepEqual(out.warnings, [
				'ID Type was sent as entered, not checked against the ID type lists Look Up uses. Smile ID answers with an error if it does not know it.',
			]);
			assert.equal(bench.stats().rateLimitResets, before + 1);
			const rec = bench.sim.rateLimitResets[bench.sim.rateLimitResets.length - 1];
			assert.deepEqual(
				{ ...rec, at: undefined },
				{ at: undefined, country: 'NG', id_type: 'BVN', id_number: idNumber },
			);
		});

		test('verify a callback: a real simulator callback and a body signed with the key are accepted; a forged one is rejected', async () => {
			const wf = await bench.deploy('cb-verify', [
				smileNode({ resource: 'callback', operation: 'verify', callbackBody: '={{ $json.body }}' }),
			]);
			// the final callback the simulator posted to the aux server for the approved DV job
			assert.ok(dvDone.jobId);
			const real = bench.aux.callbacks.find(
				(c) => c.body?.PartnerParams?.job_id === dvDone.jobId && c.body?.IsFinalResult === 'true',
			);
			assert.ok(real, 'the simulator delivered the DV callback');
			const r1 = await bench.run(wf, real.body);
			assert.equal(r1.status, 200, r1.text.slice(0, 500));
			const o1 = r1.items[0];
			assert.equal(o1.error, undefined, `no error: ${errorText(o1)}`);
			assert.equal(o1.outcome, 'approved');
			assert.equal(o1.resultCode, '0810');
			assert.equal(o1.jobId, dvDone.jobId);
			assert.equal(o1.isFinal, true);
			assert.equal(o1.personalInfo?.fullName, 'Joe Leo Doe');

			// a body signed here with the simulator's key
			const { apiKey, partnerId } = bench.sim.credentials;
			const timestamp = new Date().toISOString();
			const signature = sign(apiKey, partnerId, timestamp);
			const body = {
				ResultCode: '0821',
				ResultText: 'Failed Authentication',
				SmileJobID: '0000099999',
				PartnerParams: { job_id: `job-cb-${rnd()}`, user_id: 'cb-user', job_type: 2 },
				IsFinalResult: 'true',
				timestamp,
				signature,
			};
			const o2 = (await bench.run(wf, body)).items[0];
			assert.equal(o2.error, undefined, `no error: ${errorText(o2)}`);
			assert.equal(o2.outcome, 'rejected');
			assert.equal(o2.jobType, 2);
			assert.equal(o2.userId, 'cb-user');

			const o3 = (
				await bench.run(wf, {
					...body,
					ResultCode: '0820',
					signature: Buffer.alloc(32, 7).toString('base64'),
				})
			).items[0];
			assert.match(String(o3.error), /callback was rejected/i);
			assert.match(String(o3.error), /signature does not match/i);
			assert.equal(o3.outcome, undefined);

			// timestamps in the forms Smile ID's clients sign: zone-less (the docs, Python), Ruby Time#to_s
			const now = new Date().toISOString();
			for (const ts of [`${now.slice(0, 23)}614`, `${now.slice(0, 19).replace('T', ' ')} +0000`]) {
				const sig = sign(apiKey, partnerId, ts);
				const o4 = (await bench.run(wf, { ...body, timestamp: ts, signature: sig })).items[0];
				assert.equal(o4.error, undefined, `${ts}: ${errorText(o4)}`);
				assert.equal(o4.outcome, 'rejected');
			}
		});
	});
}
