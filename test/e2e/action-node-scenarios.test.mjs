// @ts-check
/**
 * The Smile ID ACTION node in REAL n8n (each line under test), against the offline simulator:
 * the documented scenarios (rejected, provisional → final, attention, enrolled selfie, duplicate
 * job ID, unknown user, errors without Continue On Fail, wait timeout, bulk). Every operation is
 * in action-node-operations.test.mjs.
 *
 * Run: node test/e2e/run.mjs --line 1 action   (or: SMILEID_E2E_LINES=2 node --test test/e2e/action-node-scenarios.test.mjs)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	ActionBench,
	errorText,
	imageSet,
	itemDrivenSubmit,
	rnd,
	smileNode,
	splitItems,
} from './lib/action-helpers.mjs';
import { actionNodeWorkflows, startActionNodeBench, typeIds } from './lib/action-node-suite.mjs';
import { linesUnderTest } from './lib/harness.mjs';

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile ID action node: scenarios`, { timeout: 900_000 }, () => {
		/** @type {ActionBench} */
		let bench;
		let cb = '';

		before(async () => {
			({ bench, cb } = await startActionNodeBench(line));
		});

		after(async () => {
			await bench?.stop();
		});

		const { dvWait, selfieJob, jobStatus } = actionNodeWorkflows(() => bench);

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
