// @ts-check
/**
 * The Smile ID ACTION node in REAL n8n (each line under test), against the offline simulator:
 * every operation, the documented scenarios (approved, rejected, provisional → final,
 * attention, enrolled selfie, duplicate job ID, unknown user, wait timeout, bulk), and what
 * the simulator really received (zip entries and their hashes, info.json, partner params,
 * multipart parts, signatures).
 *
 * Images reach the node the ways users feed them: binary properties (Convert to File from
 * base64, and a multipart upload to the Webhook), URLs (served by a local test server) and
 * base64 text.
 *
 * Run: node test/e2e/run.mjs --line 1 action   (or: SMILEID_E2E_LINES=2 node --test test/e2e/action-node.test.mjs)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	ActionBench,
	binaryToJsonNode,
	errorText,
	formWith,
	imageSet,
	itemDrivenSubmit,
	mergeNode,
	rnd,
	sha256,
	smileNode,
	splitItems,
	startActionBench,
	toBinaryNode,
} from './lib/action-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { signature as sign } from './lib/trigger-helpers.mjs';

/** Type ids of the images in a simulator job's info.json. @param {any} job */
const typeIds = (job) => job.upload.info_json.images.map((/** @type {any} */ i) => i.image_type_id);
/** sha256 of a zip entry by name. @param {any} job @param {string} name */
const entrySha = (job, name) =>
	job.upload.entries.find((/** @type {any} */ e) => e.name === name)?.sha256;

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile ID action node`, { timeout: 900_000 }, () => {
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
			// provisional → final 3 s apart, so a poll at 2 s sees the provisional result
			bench = await startActionBench(line, { sim: { provisionalDelayMs: 3000 } });
			cb = bench.aux.callbackUrl(`actions-${line}`);
		});

		after(async () => {
			await bench?.stop();
		});

		// workflows -------------------------------------------------------------------------

		const partnerParamsOption = {
			partnerParams: {
				param: [
					{ key: 'crm_id', value: '={{ $json.crm ?? "none" }}' },
					{ key: 'channel', value: 'e2e' },
				],
			},
		};
		const dvWait = () =>
			bench.deploy('dv-wait', [
				splitItems(),
				smileNode(
					itemDrivenSubmit('document', 'verify', {
						waitForResult: true,
						waitTimeout: 60,
						options: partnerParamsOption,
					}),
				),
			]);
		const selfieJob = (/** @type {string} */ op, wait = false, options = {}) =>
			bench.deploy(`ss-${op}-${wait}-${JSON.stringify(options)}`, [
				splitItems(),
				smileNode(
					itemDrivenSubmit('smartSelfie', op, {
						...(op === 'compare'
							? {}
							: { waitForResult: wait, ...(wait ? { waitTimeout: 60 } : {}) }),
						options,
					}),
				),
			]);
		const jobStatus = (download = false, /** @type {Record<string, any>} */ options = {}) =>
			bench.deploy(`status-${download}-${JSON.stringify(options)}`, [
				splitItems(),
				smileNode({
					resource: 'job',
					operation: 'getStatus',
					userId: '={{ $json.userId }}',
					jobId: '={{ $json.jobId }}',
					history: true,
					imageLinks: download,
					...(download ? { downloadImages: true } : {}),
					options,
				}),
				...(download
					? [
							binaryToJsonNode('Selfie Bytes', 'selfie_image', 'selfieB64'),
							binaryToJsonNode('Front Bytes', 'id_card_image', 'frontB64'),
						]
					: []),
			]);

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

		// 2. scenarios -------------------------------------------------------------------------

		test('DV rejected (rejected-): outcome rejected, final; a lower-case country is sent in capitals', async () => {
			const wf = await dvWait();
			const userId = `rejected-dv-${rnd()}`;
			const img = imageSet(userId);
			const out = await bench.runOne(wf, {
				userId,
				selfie: img.selfie.toString('base64'),
				idCardFront: img.idCardFront.toString('base64'),
				country: ' ng ',
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'rejected');
			assert.equal(out.resultCode, '0811');
			assert.equal(out.isFinal, true);
			assert.match(String(out.jobId), /^n8n-[0-9a-f-]{36}$/, 'empty Job ID → generated n8n-<uuid>');
			const job = await bench.simJob(out.jobId);
			assert.deepEqual(
				job.upload.info_json.id_info,
				{ country: 'NG' },
				'no id_type when ID Type is empty; country trimmed and upper-cased',
			);
		});

		test('DV provisional then final with Wait for Result: approved, final, and the provisional result seen on the way', async () => {
			const wf = await dvWait();
			const userId = `provisional-dv-${rnd()}`;
			const jobId = `job-prov-${rnd()}`;
			const img = imageSet(userId);
			const out = await bench.runOne(wf, {
				userId,
				jobId,
				selfie: img.selfie.toString('base64'),
				idCardFront: img.idCardFront.toString('base64'),
				country: 'NG',
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved');
			assert.equal(out.isFinal, true);
			assert.equal(out.resultCode, '0810');
			assert.equal(out.waitTimedOut, false);
			// the polls: first the provisional answer, then the final one
			const answers = bench
				.requestsFor(jobId, '/v1/job_status')
				.map((/** @type {any} */ r) => r.response?.result?.ResultCode ?? r.response?.result);
			assert.ok(
				answers.includes('0814'),
				`a poll saw the provisional result: ${JSON.stringify(answers)}`,
			);
			assert.equal(answers[answers.length - 1], '0810');
			// the job status history: newest first
			const status = await jobStatus(false);
			const st = await bench.runOne(status, { userId, jobId });
			assert.deepEqual(
				st.raw.history.map((/** @type {any} */ h) => [h.ResultCode, h.IsFinalResult]),
				[
					['0810', 'true'],
					['0814', 'false'],
				],
			);
			assert.equal(st.outcome, 'approved');
		});

		test('DV approved with attention (attention-): outcome approved_with_attention', async () => {
			const wf = await dvWait();
			const userId = `attention-dv-${rnd()}`;
			const img = imageSet(userId);
			const out = await bench.runOne(wf, {
				userId,
				selfie: img.selfie.toString('base64'),
				idCardFront: img.idCardFront.toString('base64'),
				country: 'ZA',
				idType: 'IDENTITY_CARD',
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved_with_attention');
			assert.equal(out.resultCode, '0817');
			assert.equal(out.isFinal, true);
			assert.equal(out.personalInfo?.expirationDate, '2023-09-20');
		});

		test('DV with Use Enrolled Selfie: no selfie in the zip, use_enrolled_image true in the prep upload', async () => {
			const userId = `approved-enr-${rnd()}`;
			await bench.simPost('/__sim/enroll', { user_id: userId });
			const wf = await bench.deploy('dv-enrolled', [
				splitItems(),
				smileNode(
					itemDrivenSubmit('document', 'verify', {
						useEnrolledImage: true,
						waitForResult: true,
						waitTimeout: 60,
					}),
				),
			]);
			const jobId = `job-enr-${rnd()}`;
			const img = imageSet(userId);
			const out = await bench.runOne(wf, {
				userId,
				jobId,
				// a selfie in the item is ignored: the field is hidden and not read
				selfie: img.selfie.toString('base64'),
				idCardFront: img.idCardFront.toString('base64'),
				country: 'NG',
				idType: 'IDENTITY_CARD',
				callbackUrl: cb,
			});
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'approved');
			const job = await bench.simJob(jobId);
			assert.equal(job.use_enrolled_image, true);
			assert.deepEqual(typeIds(job), [1]);
			assert.deepEqual(job.upload.entries.map((/** @type {any} */ e) => e.name).sort(), [
				'id_card_front.jpg',
				'info.json',
			]);
			const prep = bench.requestsFor(jobId, '/v1/upload')[0];
			assert.equal(prep.body.use_enrolled_image, true);
		});

		test('duplicate job ID: error names 2215 and the fix; still exactly one job', async () => {
			const wf = await selfieJob('register', false);
			const jobId = `job-dup-${rnd()}`;
			const a = imageSet(`dup-a-${jobId}`);
			const first = await bench.runOne(wf, {
				userId: `approved-dup1-${rnd()}`,
				jobId,
				selfie: a.selfie.toString('base64'),
				callbackUrl: cb,
			});
			assert.equal(first.error, undefined, `no error: ${errorText(first)}`);
			const b = imageSet(`dup-b-${jobId}`);
			const second = await bench.runOne(wf, {
				userId: `approved-dup2-${rnd()}`,
				jobId,
				selfie: b.selfie.toString('base64'),
				callbackUrl: cb,
			});
			assert.match(String(second.error), /2215/);
			assert.match(errorText(second), /job ID (was )?used before|already exists/i);
			assert.match(String(second.errorDescription), /Leave Job ID empty/);
			assert.equal(bench.stats().jobsCreatedByJobId[jobId], 1);
			assert.equal(bench.stats().uploads[jobId], 1);
		});

		test('compare with a duplicate job ID: the 2215 advice names only fields Compare has (no Retry a Failed Upload)', async () => {
			const wf = await selfieJob('compare', false, {});
			const jobId = `job-cmp-dup-${rnd()}`;
			const run = (/** @type {string} */ userId) => {
				const img = imageSet(`${userId}-${jobId}`, { liveness: 4 });
				return bench.runOne(wf, {
					userId,
					jobId,
					selfie: img.selfie.toString('base64'),
					comparisonImage: img.comparison.toString('base64'),
					comparisonImageType: 'PORTRAIT',
					liveness: img.liveness.map((b) => b.toString('base64')),
					callbackUrl: cb,
				});
			};
			const first = await run(`approved-cmpdup1-${rnd()}`);
			assert.equal(first.error, undefined, `no error: ${errorText(first)}`);
			const second = await run(`approved-cmpdup2-${rnd()}`);
			assert.match(String(second.error), /\(Smile ID code 2215\)$/);
			assert.equal(
				second.errorDescription,
				'Smile ID said: "Job already exists. Did you mean to set the retry flag to true?". This job_id was used before. Leave Job ID empty to get a fresh one, or look the job up with the Job Status operation (same user ID and job ID).',
			);
			assert.doesNotMatch(errorText(second), /Retry a Failed Upload/);
		});

		test('authenticate an unknown user: error names 2210 and says to register first', async () => {
			const wf = await selfieJob('authenticate', false);
			const jobId = `job-unk-${rnd()}`;
			const img = imageSet(jobId);
			const out = await bench.runOne(wf, {
				userId: `approved-unknown-${rnd()}`,
				jobId,
				selfie: img.selfie.toString('base64'),
				callbackUrl: cb,
			});
			assert.match(String(out.error), /2210/);
			assert.match(String(out.error), /enrolled/i);
			assert.match(String(out.errorDescription), /Register the user first/);
			assert.equal(bench.stats().jobsCreatedByJobId[jobId], undefined, 'no job');
		});

		test('without Continue On Fail a Smile ID error stops the execution unchanged: code, advice and HTTP status', async () => {
			const wf = await bench.deploy('ss-register-strict', [
				splitItems(),
				smileNode(itemDrivenSubmit('smartSelfie', 'register'), { continueOnFail: false }),
			]);
			const userId = `approved-enrolled-${rnd()}`;
			bench.sim.enroll(userId);
			const r = await bench.run(wf, {
				items: [
					{
						userId,
						jobId: `job-strict-${rnd()}`,
						selfie: imageSet(userId).selfie.toString('base64'),
						callbackUrl: cb,
					},
				],
			});
			assert.notEqual(r.status, 200, 'the webhook reports the failed execution');
			const ex = await bench.lastExecution(wf);
			assert.equal(ex.status, 'error');
			const err = ex.data.resultData.error;
			assert.equal(err?.name, 'NodeApiError', 'the API error is not re-wrapped');
			assert.equal(err.httpCode, '400', "Smile ID's HTTP status is kept");
			assert.equal(
				err.message,
				'Submitting the job failed: Error - User is already enrolled (Smile ID code 2209)',
			);
			assert.match(String(err.description), /This user_id is already registered/);
			assert.equal(err.errorResponse?.code, '2209');
			assert.equal(ex.data.resultData.lastNodeExecuted, 'Smile ID');
		});

		test('compare with 3 liveness frames: rejected before any request', async () => {
			const wf = await selfieJob('compare', false, {
				partnerParams: { param: [{ key: 'crm_id', value: 'cmp-1' }] },
			});
			const img = imageSet(`cmp3-${rnd()}`, { liveness: 3 });
			const before = bench.stats();
			const out = await bench.runOne(wf, {
				userId: `approved-cmp3-${rnd()}`,
				selfie: img.selfie.toString('base64'),
				comparisonImage: img.comparison.toString('base64'),
				liveness: img.liveness.map((b) => b.toString('base64')),
				callbackUrl: cb,
			});
			assert.match(String(out.error), /Liveness Images: 3 given/);
			assert.match(String(out.error), /between 4 and 8/);
			assert.match(String(out.error), /Add frames/);
			const after = bench.stats();
			assert.equal(after.requests, before.requests);
			assert.equal(
				after.compareCalls && Object.keys(after.compareCalls).length,
				Object.keys(before.compareCalls).length,
			);
			assert.equal(after.jobsCreated, before.jobsCreated);
		});

		test('wait timeout (never-): outcome pending with waitTimedOut; On Timeout = Fail gives an error', async () => {
			const mk = (/** @type {string} */ onTimeout) =>
				bench.deploy(`dv-never-${onTimeout}`, [
					splitItems(),
					smileNode(
						itemDrivenSubmit('document', 'verify', {
							waitForResult: true,
							waitTimeout: 5,
							onTimeout,
						}),
					),
				]);
			const img = imageSet(`never-${rnd()}`);
			const item = (/** @type {string} */ jobId) => ({
				userId: `never-dv-${rnd()}`,
				jobId,
				selfie: img.selfie.toString('base64'),
				idCardFront: img.idCardFront.toString('base64'),
				country: 'NG',
				callbackUrl: cb,
			});
			const jobA = `job-never-a-${rnd()}`;
			const t0 = Date.now();
			const out = await bench.runOne(await mk('returnPending'), item(jobA));
			const took = Date.now() - t0;
			assert.equal(out.error, undefined, `no error: ${errorText(out)}`);
			assert.equal(out.outcome, 'pending');
			assert.equal(out.isFinal, false);
			assert.equal(out.waitTimedOut, true);
			assert.equal(out.jobId, jobA);
			assert.ok(took >= 4500 && took < 30_000, `waited about the timeout (${took} ms)`);

			const jobB = `job-never-b-${rnd()}`;
			const out2 = await bench.runOne(await mk('fail'), item(jobB));
			assert.match(String(out2.error), /No final result within 5 seconds/);
			assert.match(String(out2.error), new RegExp(jobB));
			assert.match(String(out2.errorDescription), /callback URL|Job Status/);
			assert.equal(bench.stats().jobsCreatedByJobId[jobB], 1);
		});

		test('bulk: 12 items with Items at Once = 4 keep their order and item pairing', async () => {
			const wf = await selfieJob('register', false, { concurrency: 4 });
			const tag = rnd();
			// every 4th item meets a 5xx first and finishes late: order must still hold
			const items = Array.from({ length: 12 }, (_, i) => {
				const userId = `${i % 4 === 0 ? 'fault5xx-' : ''}approved-bulk-${tag}-${i}`;
				return {
					userId,
					jobId: `job-bulk-${tag}-${i}`,
					selfie: imageSet(userId).selfie.toString('base64'),
					callbackUrl: cb,
				};
			});
			const r = await bench.run(wf, { items });
			assert.equal(r.status, 200, r.text.slice(0, 500));
			assert.equal(r.items.length, 12);
			r.items.forEach((out, i) => {
				assert.equal(out.error, undefined, `item ${i}: ${errorText(out)}`);
				assert.equal(out.userId, items[i].userId, `output ${i} belongs to input ${i}`);
				assert.equal(out.jobId, items[i].jobId);
				assert.equal(out.raw.submitted.prepUploadAttempts, i % 4 === 0 ? 2 : 1);
			});
			const ex = await bench.lastExecution(wf);
			const full = ActionBench.fullOutput(ex);
			assert.equal(full.length, 12);
			full.forEach((/** @type {any} */ it, /** @type {number} */ i) => {
				const paired = Array.isArray(it.pairedItem) ? it.pairedItem[0] : it.pairedItem;
				assert.equal(paired?.item, i, `pairedItem of output ${i}`);
			});
			const stats = bench.stats();
			for (const it of items) assert.equal(stats.jobsCreatedByJobId[it.jobId], 1, it.jobId);
		});

		test('bulk Job Status: 10 jobs checked at a time by default (free, read-only), Items at Once = 3 keeps to 3; order kept', async () => {
			const register = await selfieJob('register', false, { concurrency: 10 });
			const tag = rnd();
			const items = Array.from({ length: 25 }, (_, i) => {
				const userId = `approved-status-bulk-${tag}-${i}`;
				return {
					userId,
					jobId: `job-status-bulk-${tag}-${i}`,
					selfie: imageSet(userId).selfie.toString('base64'),
					callbackUrl: cb,
				};
			});
			const submitted = await bench.run(register, { items });
			assert.equal(submitted.status, 200, submitted.text.slice(0, 500));
			for (const it of items) await bench.waitForSimJob(it.jobId, (j) => j.job_complete);

			bench.sim.options.latencyMs = 300;
			try {
				for (const [options, expected] of /** @type {const} */ ([
					[{}, 10],
					[{ concurrency: 3 }, 3],
				])) {
					const status = await jobStatus(false, options);
					bench.sim.resetJobStatusPeak();
					const r = await bench.run(status, { items: items.map(({ userId, jobId }) => ({ userId, jobId })) });
					assert.equal(r.status, 200, r.text.slice(0, 500));
					assert.deepEqual(
						r.items.map((o) => [o.jobId, o.outcome]),
						items.map((it) => [it.jobId, 'approved']),
					);
					assert.equal(
						bench.stats().jobStatusMaxInFlight,
						expected,
						`options ${JSON.stringify(options)}: ${expected} Job Status requests at a time`,
					);
				}
			} finally {
				bench.sim.options.latencyMs = 0;
			}
		});

		test('bulk: Items at Once = 4 really works on 4 items at a time (URL images answered slowly)', async () => {
			const wf = await selfieJob('register', false, { concurrency: 4 });
			const tag = rnd();
			const items = Array.from({ length: 12 }, (_, i) => {
				const userId = `approved-conc-${tag}-${i}`;
				return {
					userId,
					jobId: `job-conc-${tag}-${i}`,
					imageSource: 'url',
					selfie: bench.aux.put(`conc-${tag}-${i}.jpg`, imageSet(userId).selfie, 'image/jpeg', {
						delayMs: 400,
					}),
					callbackUrl: cb,
				};
			});
			bench.aux.resetLoad();
			const t0 = Date.now();
			const r = await bench.run(wf, { items });
			const took = Date.now() - t0;
			assert.equal(r.status, 200, r.text.slice(0, 500));
			assert.deepEqual(
				r.items.map((o) => o.userId),
				items.map((i) => i.userId),
			);
			assert.equal(
				bench.aux.load.maxInFlight,
				4,
				`at most 4 downloads overlapped (saw ${bench.aux.load.maxInFlight})`,
			);
			assert.ok(took >= 3 * 400, `12 slow items in 3 rounds of 4 (${took} ms)`);
		});
	});
}
