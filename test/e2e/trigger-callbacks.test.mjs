// @ts-check
/**
 * The Smile ID TRIGGER in REAL n8n (each line under test), with active workflows and n8n's
 * real production webhook URLs: the callbacks themselves.
 *
 * 1. real, signed simulator callbacks (jobs submitted straight to the simulator the way a
 *    partner's backend does it) start one execution each with the normalised result:
 *    approved, rejected, provisional-then-final (two executions), SmartSelfie registration;
 *    a replay of an accepted callback starts nothing (also when posted twice at once, and
 *    after an n8n restart); two jobs and a provisional then final result signed in one
 *    moment (one timestamp and signature) all start; zone-less and Ruby timestamps are read;
 * 2. every kind of bad callback gets the documented status and starts NO execution.
 *
 * The filters, options, Test URL and version 1 trigger are in trigger-settings.test.mjs.
 *
 * Run: node test/e2e/run.mjs --line 1 trigger   (or: SMILEID_E2E_LINES=2 node --test test/e2e/trigger-callbacks.test.mjs)
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import {
	ExecutionLog,
	firstItem,
	rnd,
	signCallback,
	signature,
	simCallbacks,
	sleep,
	startSink,
	submitSimJob,
} from './lib/trigger-helpers.mjs';
import {
	SETTLE_MS,
	callbackBase,
	startTriggerBench,
	triggerRequests,
} from './lib/trigger-suite.mjs';

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile ID Trigger: callbacks`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;
		/** @type {Awaited<ReturnType<typeof startSink>>} */
		let sink;
		/** @type {ExecutionLog} */
		let log;
		/** @type {import('./lib/trigger-suite.mjs').Hooks} */
		const hooks = {};
		/** every webhook answer seen, for the "never echoes the API key" check */
		/** @type {string[]} */
		const answers = [];
		/** the approved DV job of test 1 (its callback payload is reused) */
		const approved = { jobId: '', payload: /** @type {any} */ (undefined) };

		const { post, itemsFor, execsFor } = triggerRequests({
			n8n: () => n8n,
			log: () => log,
			hooks,
			answers,
		});

		before(async () => {
			({ sim, sink, n8n, log } = await startTriggerBench(line, hooks));
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop();
			await sink?.stop();
		});

		// 1. real simulator callbacks ------------------------------------------------------

		test('approved Document Verification: the simulator callback starts one execution with the normalised result', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `approved-trg-${rnd()}`,
				callbackUrl: hooks.main.url,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(cb.status, 'delivered', JSON.stringify(cb.attempts));
			assert.equal(cb.attempts.length, 1, 'delivered on the first attempt');
			assert.equal(cb.attempts[0].status, 200);
			const [ex] = await itemsFor('main', job.jobId);
			assert.equal(ex.status, 'success', `execution status ${ex.status}`);
			assert.equal(ex.mode, 'webhook');
			const out = firstItem(ex).json;
			assert.equal(out.outcome, 'approved');
			assert.equal(out.resultCode, '0810');
			assert.equal(out.resultText, 'Document Verified');
			assert.match(String(out.resultDescription), /Images matched/);
			assert.equal(out.isFinal, true);
			assert.equal(out.jobId, job.jobId);
			assert.equal(out.userId, job.userId);
			assert.equal(out.jobType, 6);
			assert.equal(out.product, 'document_verification');
			assert.equal(out.smileJobId, job.smileJobId);
			assert.equal(typeof out.actions, 'object');
			assert.ok(Object.keys(out.actions).length > 0, `actions: ${JSON.stringify(out.actions)}`);
			assert.deepEqual(out.actions, cb.payload.Actions);
			assert.ok(out.personalInfo, 'personalInfo for DV');
			assert.equal(out.personalInfo.country, 'NG');
			assert.equal(out.personalInfo.idType, 'PASSPORT');
			assert.equal(out.personalInfo.fullName, cb.payload.FullName);
			assert.equal(out.personalInfo.idNumber, cb.payload.IDNumber);
			assert.equal(out.personalInfo.dateOfBirth, cb.payload.DOB);
			assert.deepEqual(out.partnerParams, cb.payload.PartnerParams);
			assert.deepEqual(out.warnings, []);
			assert.deepEqual(out.raw, cb.payload, 'raw is the posted body');
			// the next node ran with the trigger's item
			const received = firstItem(ex, 'Received')?.json;
			assert.equal(received?.handled, 'yes');
			assert.equal(received?.jobId, job.jobId);
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', job.jobId)).length, 1, 'exactly one execution');
			approved.jobId = job.jobId;
			approved.payload = structuredClone(cb.payload);
		});

		test('rejected Document Verification: outcome rejected, final', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `rejected-trg-${rnd()}`,
				callbackUrl: hooks.main.url,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(cb.attempts[0].status, 200);
			const [ex] = await itemsFor('main', job.jobId);
			const out = firstItem(ex).json;
			assert.equal(out.outcome, 'rejected');
			assert.equal(out.resultCode, '0811');
			assert.equal(out.resultText, cb.payload.ResultText);
			assert.ok(out.resultDescription, 'resultDescription from the docs');
			assert.equal(out.isFinal, true);
			assert.equal(out.jobId, job.jobId);
			assert.equal(out.userId, job.userId);
			assert.equal(out.jobType, 6);
			assert.equal(out.product, 'document_verification');
			assert.equal(out.smileJobId, job.smileJobId);
			assert.deepEqual(out.raw, cb.payload);
			// The Actions explained: which checks failed, in Smile ID's words and in plain ones.
			assert.deepEqual(out.actions, cb.payload.Actions);
			assert.deepEqual(out.failedChecks, ['Register_Selfie', 'Verify_Document']);
			assert.deepEqual([out.pendingChecks, out.attentionChecks], [[], []]);
			assert.deepEqual(
				out.checks.find((/** @type {any} */ c) => c.action === 'Verify_Document'),
				{
					action: 'Verify_Document',
					value: 'Failed',
					status: 'failed',
					check: 'The document is genuine and valid.',
					meaning: 'Did not pass.',
				},
			);
			assert.deepEqual(
				out.checks.map((/** @type {any} */ c) => [c.action, c.status]),
				[
					['Document_Check', 'passed'],
					['Register_Selfie', 'failed'],
					['Return_Personal_Info', 'passed'],
					['Selfie_To_ID_Card_Compare', 'completed'],
					['Verify_Document', 'failed'],
				],
				'the checks that applied, Not Applicable left out',
			);
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', job.jobId)).length, 1, 'exactly one execution');
		});

		test('provisional then final: two callbacks start two executions (provisional not final, then approved final)', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `provisional-trg-${rnd()}`,
				callbackUrl: hooks.main.url,
			});
			const cbs = await simCallbacks(sim, job.jobId, 2);
			assert.deepEqual(
				cbs.map((/** @type {any} */ c) => c.attempts.at(-1).status),
				[200, 200],
			);
			const exs = await itemsFor('main', job.jobId, 2);
			assert.equal(exs.length, 2);
			const [first, second] = exs.map((ex) => firstItem(ex).json);
			assert.ok(
				['provisional', 'under_review'].includes(first.outcome),
				`first outcome ${first.outcome}`,
			);
			assert.equal(first.isFinal, false);
			assert.equal(first.resultCode, '0814');
			assert.deepEqual(first.raw, cbs[0].payload);
			assert.deepEqual(first.pendingChecks, [
				'Human_Review_Compare',
				'Human_Review_Document_Check',
				'Register_Selfie',
				'Selfie_To_ID_Card_Compare',
				'Verify_Document',
			]);
			assert.equal(second.outcome, 'approved');
			assert.equal(second.isFinal, true);
			assert.equal(second.resultCode, '0810');
			assert.deepEqual(second.raw, cbs[1].payload);
			assert.deepEqual([second.failedChecks, second.pendingChecks], [[], []]);
			assert.deepEqual(
				second.checks.find((/** @type {any} */ c) => c.action === 'Human_Review_Compare'),
				{
					action: 'Human_Review_Compare',
					value: 'Passed',
					status: 'passed',
					check:
						"A Smile ID reviewer's decision on the face comparison, where the system could not decide.",
					meaning: 'Passed.',
				},
			);
			for (const o of [first, second]) {
				assert.equal(o.jobId, job.jobId);
				assert.equal(o.smileJobId, job.smileJobId);
			}
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', job.jobId)).length, 2, 'exactly two executions');
		});

		test('SmartSelfie Registration (job 4): product, job type, no personal info', async () => {
			const job = await submitSimJob(sim, {
				jobType: 4,
				userId: `approved-reg-${rnd()}`,
				callbackUrl: hooks.main.url,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			const [ex] = await itemsFor('main', job.jobId);
			const out = firstItem(ex).json;
			assert.equal(out.outcome, 'approved');
			assert.equal(out.resultCode, '0840');
			assert.equal(out.isFinal, true);
			assert.equal(out.jobType, 4);
			assert.equal(out.product, 'smartselfie_registration');
			assert.equal(out.userId, job.userId);
			assert.equal(out.personalInfo, undefined);
			assert.deepEqual(out.raw, cb.payload);
		});

		test('replay of an accepted callback: 200 duplicate, no second execution', async () => {
			assert.ok(approved.jobId, 'needs the approved job of the first test');
			// the simulator re-sends its last callback exactly (same timestamp and signature)
			const r = await fetch(`${sim.url}/__sim/callback/${encodeURIComponent(approved.jobId)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			const resent = /** @type {any} */ (await r.json());
			assert.equal(resent.ok, true, JSON.stringify(resent));
			assert.equal(resent.callback.attempts.at(-1).status, 200);
			// the same body posted again: the answer says it is a duplicate
			const again = await post('main', { json: approved.payload });
			assert.equal(again.status, 200, again.text);
			assert.deepEqual(again.json, { received: true, duplicate: true });
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', approved.jobId)).length, 1, 'still one execution');
		});

		test('the same callback posted twice at once: one execution, the other answered duplicate', async () => {
			const body = signCallback(base('concurrent'), sim.credentials);
			const jobId = body.PartnerParams.job_id;
			const answersNow = await Promise.all([
				post('main', { json: body }),
				post('main', { json: body }),
			]);
			assert.deepEqual(
				answersNow.map((r) => r.status),
				[200, 200],
			);
			const kinds = answersNow
				.map((r) => (r.json?.duplicate ? 'duplicate' : r.json?.received ? 'received' : r.text))
				.sort();
			assert.deepEqual(kinds, ['duplicate', 'received']);
			await itemsFor('main', jobId);
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', jobId)).length, 1, 'one execution');
		});

		test('one signing moment: two jobs, and a provisional then a final result, all start executions; a byte-identical resend does not', async () => {
			// The simulator signs every callback with one timestamp, hence one signature.
			sim.setSigningClock({ freeze: true });
			try {
				const [a, b, p] = await Promise.all([
					submitSimJob(sim, {
						jobType: 6,
						userId: `approved-same-a-${rnd()}`,
						callbackUrl: hooks.main.url,
					}),
					submitSimJob(sim, {
						jobType: 6,
						userId: `approved-same-b-${rnd()}`,
						callbackUrl: hooks.main.url,
					}),
					submitSimJob(sim, {
						jobType: 6,
						userId: `provisional-same-${rnd()}`,
						callbackUrl: hooks.main.url,
					}),
				]);
				const [cbA] = await simCallbacks(sim, a.jobId, 1);
				const [cbB] = await simCallbacks(sim, b.jobId, 1);
				const cbP = await simCallbacks(sim, p.jobId, 2);
				const all = [cbA, cbB, ...cbP];
				assert.equal(
					new Set(all.map((c) => `${c.payload.timestamp}|${c.payload.signature}`)).size,
					1,
					'one signing moment',
				);
				assert.deepEqual(
					cbP.map((/** @type {any} */ c) => c.payload.IsFinalResult),
					['false', 'true'],
				);
				for (const c of all) assert.equal(c.attempts.at(-1).status, 200);
				const [exA] = await itemsFor('main', a.jobId);
				const [exB] = await itemsFor('main', b.jobId);
				const exP = await itemsFor('main', p.jobId, 2);
				assert.deepEqual(firstItem(exA).json.raw, cbA.payload);
				assert.deepEqual(firstItem(exB).json.raw, cbB.payload);
				assert.deepEqual(
					exP.map((ex) => firstItem(ex).json.isFinal),
					[false, true],
				);
				// The first of the four ran on its signature; the others, reusing it with another
				// body, ran once Job Status agreed, and carry its signed answer.
				const items = [exA, exB, ...exP].map((ex) => firstItem(ex).json);
				const confirmed = items.filter((o) => o.jobStatus !== undefined);
				assert.equal(confirmed.length, 3, 'three callbacks confirmed with Job Status');
				for (const o of confirmed) {
					assert.equal(o.jobStatus.result.ResultCode, o.raw.ResultCode, `job ${o.jobId}`);
					assert.equal(o.resultCode, o.raw.ResultCode);
				}
				// Smile ID delivering A again, byte for byte: a replay
				const resent = await post('main', { body: JSON.stringify(cbA.payload) });
				assert.equal(resent.status, 200, resent.text);
				assert.deepEqual(resent.json, { received: true, duplicate: true });
				await sleep(SETTLE_MS);
				assert.equal((await execsFor('main', a.jobId)).length, 1, 'job A: one execution');
				assert.equal((await execsFor('main', b.jobId)).length, 1, 'job B: one execution');
				assert.equal(
					(await execsFor('main', p.jobId)).length,
					2,
					'provisional and final: two executions',
				);
			} finally {
				sim.setSigningClock({});
			}
		});

		for (const [form, pattern] of /** @type {const} */ ([
			['zoneless', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/],
			['ruby', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/],
		])) {
			test(`a callback Smile ID signed with a ${form} timestamp starts the workflow with the default window`, async () => {
				sim.setSigningClock({ form });
				try {
					const job = await submitSimJob(sim, {
						jobType: 6,
						userId: `approved-${form}-${rnd()}`,
						callbackUrl: hooks.main.url,
					});
					const [cb] = await simCallbacks(sim, job.jobId, 1);
					assert.match(cb.payload.timestamp, pattern);
					assert.equal(cb.attempts.at(-1).status, 200, JSON.stringify(cb.attempts));
					const [ex] = await itemsFor('main', job.jobId);
					assert.equal(firstItem(ex).json.outcome, 'approved');
					assert.deepEqual(firstItem(ex).json.raw, cb.payload);
				} finally {
					sim.setSigningClock({});
				}
			});
		}

		test('a signed timestamp whose time cannot be read: refused with a window, accepted with window 0', async () => {
			const body = signCallback(base('unreadable'), sim.credentials, {
				timestamp: 'Friday afternoon',
			});
			const refused = await post('main', { json: body });
			assert.equal(refused.status, 401, refused.text);
			assert.deepEqual(refused.json, {
				error: 'Callback rejected',
				reason: 'timestamp_unreadable',
			});
			const r = await post('window0', { json: body });
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json, { received: true });
			const [ex] = await itemsFor('window0', body.PartnerParams.job_id);
			assert.deepEqual(firstItem(ex).json.raw, body);
		});

		// 2. rejections ----------------------------------------------------------------------

		/**
		 * `n8nMessage`: n8n answers before the node runs, with this message.
		 * @typedef {{name: string, status: number, reason?: string, n8nMessage?: string, make: () => {json?: any, body?: string | Buffer}}} BadCase
		 */
		const key = () => sim.credentials.apiKey;
		const partner = () => sim.credentials.partnerId;
		/** a realistic callback body (the approved job's) with a unique job ID per case */
		const base = callbackBase(approved);
		/** @type {BadCase[]} */
		const badCases = [
			{
				name: 'wrong signature',
				status: 401,
				reason: 'signature_mismatch',
				make: () => {
					const b = signCallback(base('sig'), sim.credentials);
					return { json: { ...b, signature: crypto.randomBytes(32).toString('base64') } };
				},
			},
			{
				name: 'signature for the wrong partner ID',
				status: 401,
				reason: 'signature_mismatch',
				make: () => {
					const ts = new Date().toISOString();
					return {
						json: { ...base('partner'), timestamp: ts, signature: signature(key(), '086', ts) },
					};
				},
			},
			{
				name: 'signature with the wrong API key',
				status: 401,
				reason: 'signature_mismatch',
				make: () => {
					const ts = new Date().toISOString();
					return {
						json: {
							...base('key'),
							timestamp: ts,
							signature: signature(`${key()}x`, partner(), ts),
						},
					};
				},
			},
			{
				name: 'expired timestamp (11 minutes old)',
				status: 401,
				reason: 'timestamp_too_old',
				make: () => ({
					json: signCallback(base('old'), sim.credentials, { offsetMs: -11 * 60_000 }),
				}),
			},
			{
				name: 'future timestamp (11 minutes ahead)',
				status: 401,
				reason: 'timestamp_in_future',
				make: () => ({
					json: signCallback(base('future'), sim.credentials, { offsetMs: 11 * 60_000 }),
				}),
			},
			{
				name: 'missing signature',
				status: 401,
				reason: 'missing_signature',
				make: () => {
					const { signature: _s, ...rest } = signCallback(base('nosig'), sim.credentials);
					return { json: rest };
				},
			},
			{
				name: 'missing timestamp',
				status: 401,
				reason: 'missing_timestamp',
				make: () => {
					const { timestamp: _t, ...rest } = signCallback(base('nots'), sim.credentials);
					return { json: rest };
				},
			},
			{
				// Version 2 leaves JSON to n8n, which refuses it before the trigger runs.
				name: 'malformed JSON',
				status: 422,
				n8nMessage: 'Failed to parse request body',
				make: () => {
					const text = JSON.stringify(signCallback(base('json'), sim.credentials));
					return { body: text.slice(0, -5) };
				},
			},
			{
				name: 'body over 1.5 MB',
				status: 400,
				make: () => ({
					body: JSON.stringify({
						...signCallback(base('big'), sim.credentials),
						Padding: 'A'.repeat(1.6 * 1024 * 1024),
					}),
				}),
			},
			{
				name: 'JSON that is not an object (array)',
				status: 400,
				make: () => ({ json: [signCallback(base('array'), sim.credentials)] }),
			},
			{
				name: 'JSON that is not an object (string)',
				status: 400,
				make: () => ({ body: JSON.stringify('hello') }),
			},
		];

		for (const c of badCases) {
			test(`rejects ${c.name}: HTTP ${c.status}, no execution`, async () => {
				const before = await log.count(hooks.reject.wf.id);
				const r = await post('reject', c.make());
				assert.equal(r.status, c.status, `${c.name}: ${r.status} ${r.text.slice(0, 300)}`);
				if (c.reason) {
					assert.deepEqual(r.json, { error: 'Callback rejected', reason: c.reason });
				} else if (c.n8nMessage) {
					assert.equal(r.json?.code, c.status, r.text.slice(0, 300));
					assert.equal(r.json?.message, c.n8nMessage);
				} else {
					assert.ok(r.json?.error, `an error message: ${r.text.slice(0, 300)}`);
				}
				assert.ok(!r.text.includes(key()), 'the answer never echoes the API key');
				await sleep(SETTLE_MS);
				assert.equal(await log.count(hooks.reject.wf.id), before, `${c.name} started an execution`);
			});
		}

		test('no rejected callback started an execution, and neither an answer nor the n8n log holds the API key', async () => {
			await sleep(SETTLE_MS);
			const list = await log.summaries(hooks.reject.wf.id);
			assert.equal(list.length, 0, `executions: ${JSON.stringify(list.map((e) => e.id))}`);
			assert.ok(answers.length >= badCases.length);
			for (const a of answers)
				assert.ok(!a.includes(key()), `answer echoes the key: ${a.slice(0, 200)}`);
			assert.ok(!n8n.readLog().includes(key()), 'n8n log contains the API key');
		});

		test('replay after an n8n restart is still refused (the replay memory is in the workflow static data)', async () => {
			assert.ok(approved.jobId, 'needs the approved job of the first test');
			const executionsBefore = (await execsFor('main', approved.jobId)).length;
			// stop n8n but keep its user folder (database), then start it again on that folder
			const keep = process.env.SMILEID_E2E_KEEP;
			process.env.SMILEID_E2E_KEEP = '1';
			try {
				await n8n.stop();
			} finally {
				if (keep === undefined) delete process.env.SMILEID_E2E_KEEP;
				else process.env.SMILEID_E2E_KEEP = keep;
			}
			n8n = await startN8nWithPackage(line, { tmpDir: n8n.tmpDir });
			log = new ExecutionLog(n8n);
			await n8n.waitForWebhook(hooks.main.path);
			assert.equal(executionsBefore, 1);
			const r = await post('main', { json: approved.payload });
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json, { received: true, duplicate: true }, 'replayed after restart');
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', approved.jobId)).length, 1, 'still one execution');
			// and a new callback is accepted after the restart
			const fresh = signCallback(base('restart'), sim.credentials);
			const ok = await post('main', { json: fresh });
			assert.deepEqual(ok.json, { received: true });
			await itemsFor('main', fresh.PartnerParams.job_id);
			assert.ok(!n8n.readLog().includes(key()), 'n8n log contains the API key');
		});
	});
}
