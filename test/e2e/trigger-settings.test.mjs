// @ts-check
/**
 * The Smile ID TRIGGER in REAL n8n (each line under test), with active workflows and n8n's
 * real production webhook URLs: its settings. (The callbacks themselves, replays and bad
 * callbacks are in trigger-callbacks.test.mjs.)
 *
 * 3. the filters (job types, outcomes, final only) and the options (freshness window 0,
 *    document to binary, confirm with job status); a failure after the callback was recorded
 *    (binary storage, a job status outage during confirm) does not lose it: the retry runs;
 *    a genuine callback's timestamp and signature on a changed body is refused; a rotated
 *    API key takes effect;
 * 4. the Test URL ("Listen for test event") driven through n8n's internal REST API;
 * 5. a workflow built with version 1 of the trigger (the node reads the raw body itself) starts
 *    the same item as version 2 and answers malformed JSON with its own 400;
 * and the API key appears in no answer and no n8n log line.
 *
 * Run: node test/e2e/run.mjs --line 1 trigger   (or: SMILEID_E2E_LINES=2 node --test test/e2e/trigger-settings.test.mjs)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest } from './lib/harness.mjs';
import {
	ExecutionLog,
	TRIGGER_NAME,
	firstItem,
	rnd,
	sha256,
	signCallback,
	signature,
	simCallbacks,
	sleep,
	startSink,
	submitSimJob,
	triggerWorkflow,
} from './lib/trigger-helpers.mjs';
import {
	ROTATE_NEW_KEY,
	ROTATE_OLD_KEY,
	SETTLE_MS,
	approvedCallback,
	callbackBase,
	rotateData,
	startTriggerBench,
	triggerRequests,
} from './lib/trigger-suite.mjs';

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile ID Trigger: settings`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;
		/** @type {Awaited<ReturnType<typeof startSink>>} */
		let sink;
		/** @type {ExecutionLog} */
		let log;
		/** @type {{id: string, name: string}} */
		let cred;
		/** @type {{id: string, name: string}} */
		let rotateCred;
		/** @type {import('./lib/trigger-suite.mjs').Hooks} */
		const hooks = {};
		/** every webhook answer seen, for the "never echoes the API key" check */
		/** @type {string[]} */
		const answers = [];
		/** an approved DV job, made in the setup the way test 1 of trigger-callbacks makes it (its callback payload is reused) */
		const approved = { jobId: '', payload: /** @type {any} */ (undefined) };
		/** where n8n stored the Document of the documentToBinary test ('' when kept in memory) */
		let storedDocumentId = '';

		const { post, itemsFor, execsFor } = triggerRequests({
			n8n: () => n8n,
			log: () => log,
			hooks,
			answers,
		});

		const key = () => sim.credentials.apiKey;
		const partner = () => sim.credentials.partnerId;
		const base = callbackBase(approved);

		before(async () => {
			({ sim, sink, n8n, log, cred, rotateCred } = await startTriggerBench(line, hooks));
			Object.assign(approved, await approvedCallback(sim, log, hooks.main));
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop();
			await sink?.stop();
		});

		// 3. filters and options ---------------------------------------------------------------

		test('jobTypes ["6"]: a SmartSelfie Authentication (job 2) callback is answered 200 filtered and starts nothing', async () => {
			const userId = `approved-auth-${rnd()}`;
			sim.enroll(userId);
			const job = await submitSimJob(sim, { jobType: 2, userId, callbackUrl: hooks.jobTypes.url });
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(cb.attempts[0].status, 200, 'the simulator got 200');
			// the same callback, freshly signed, shows the answer
			const r = await post('jobTypes', { json: signCallback(cb.payload, sim.credentials) });
			assert.equal(r.status, 200);
			assert.deepEqual(r.json, { received: true, filtered: true });
			// a DV callback does pass the filter
			const dv = await submitSimJob(sim, {
				jobType: 6,
				userId: `approved-jt-${rnd()}`,
				callbackUrl: hooks.jobTypes.url,
			});
			const [dvEx] = await itemsFor('jobTypes', dv.jobId);
			assert.equal(firstItem(dvEx).json.jobType, 6);
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('jobTypes', job.jobId)).length, 0, 'job 2 started nothing');
			assert.equal(await log.count(hooks.jobTypes.wf.id), 1, 'only the DV execution');
		});

		test('outcomes ["approved"]: a rejected callback is answered 200 filtered and starts nothing', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `rejected-oc-${rnd()}`,
				callbackUrl: hooks.outcomes.url,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(cb.attempts[0].status, 200);
			const r = await post('outcomes', { json: signCallback(cb.payload, sim.credentials) });
			assert.equal(r.status, 200);
			assert.deepEqual(r.json, { received: true, filtered: true });
			const ok = await submitSimJob(sim, {
				jobType: 6,
				userId: `approved-oc-${rnd()}`,
				callbackUrl: hooks.outcomes.url,
			});
			const [okEx] = await itemsFor('outcomes', ok.jobId);
			assert.equal(firstItem(okEx).json.outcome, 'approved');
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('outcomes', job.jobId)).length, 0, 'rejected started nothing');
			assert.equal(await log.count(hooks.outcomes.wf.id), 1);
		});

		test('finalOnly: the provisional callback is filtered, the final one starts the only execution', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `provisional-fo-${rnd()}`,
				callbackUrl: hooks.finalOnly.url,
			});
			const cbs = await simCallbacks(sim, job.jobId, 2);
			assert.deepEqual(
				cbs.map((/** @type {any} */ c) => c.attempts.at(-1).status),
				[200, 200],
			);
			const [ex] = await itemsFor('finalOnly', job.jobId);
			const out = firstItem(ex).json;
			assert.equal(out.isFinal, true);
			assert.equal(out.outcome, 'approved');
			assert.deepEqual(out.raw, cbs[1].payload);
			const r = await post('finalOnly', { json: signCallback(cbs[0].payload, sim.credentials) });
			assert.deepEqual(r.json, { received: true, filtered: true });
			await sleep(SETTLE_MS);
			assert.equal(
				(await execsFor('finalOnly', job.jobId)).length,
				1,
				'one execution (the final result)',
			);
		});

		test('settings.windowMinutes 0 accepts a correctly signed callback with a day-old timestamp', async () => {
			const body = signCallback(base('window0'), sim.credentials, { offsetMs: -24 * 3600_000 });
			const jobId = body.PartnerParams.job_id;
			// the default window refuses it
			const refused = await post('main', { json: body });
			assert.equal(refused.status, 401);
			assert.equal(refused.json?.reason, 'timestamp_too_old');
			const r = await post('window0', { json: body });
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json, { received: true });
			const [ex] = await itemsFor('window0', jobId);
			assert.equal(firstItem(ex).json.outcome, 'approved');
			assert.deepEqual(firstItem(ex).json.raw, body);
			// the same callback again: still a replay with the freshness check off
			const replay = await post('window0', { json: body });
			assert.deepEqual(replay.json, { received: true, duplicate: true });
			// a wrong signature is still refused with the window off
			const bad = await post('window0', {
				json: { ...body, signature: signature(`${key()}x`, partner(), body.timestamp) },
			});
			assert.equal(bad.status, 401);
		});

		test('settings.documentToBinary: the Document image becomes binary property "document" and leaves raw', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `approved-doc-${rnd()}`,
				callbackUrl: hooks.docBinary.url,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(typeof cb.payload.Document, 'string', 'the simulator sent a Document');
			const [ex] = await itemsFor('docBinary', job.jobId);
			const item = firstItem(ex);
			assert.ok(item.binary?.document, `binary: ${JSON.stringify(Object.keys(item.binary ?? {}))}`);
			const bin = item.binary.document;
			storedDocumentId = String(bin.id ?? '');
			assert.equal(bin.mimeType, 'image/jpeg');
			assert.equal(bin.fileName, `${job.jobId}.jpg`);
			const expected = Buffer.from(cb.payload.Document, 'base64');
			assert.deepEqual(expected, job.front, 'the simulator echoed the uploaded front');
			let bytes;
			if (typeof bin.data === 'string' && bin.data.length > 0 && !bin.id) {
				bytes = Buffer.from(bin.data, 'base64');
			} else {
				// stored outside the execution (filesystem mode): download it like the editor does
				const qs = new URLSearchParams({
					id: bin.id,
					action: 'download',
					fileName: bin.fileName,
					mimeType: bin.mimeType,
				});
				const r = await fetch(`${n8n.baseUrl}/rest/binary-data?${qs}`, {
					headers: { cookie: String(n8n.cookie), 'browser-id': 'smileid-e2e-browser' },
				});
				assert.equal(r.status, 200, `binary download: ${r.status}`);
				bytes = Buffer.from(await r.arrayBuffer());
			}
			assert.equal(sha256(bytes), sha256(expected), 'binary bytes are the Document image');
			const raw = item.json.raw;
			assert.equal('Document' in raw, false, 'Document removed from raw');
			const { Document: _d, ...rest } = cb.payload;
			assert.deepEqual(raw, rest, 'raw is the posted body without Document');
			assert.equal(item.json.outcome, 'approved');
		});

		// n8n answers 5xx for a webhook that throws, and Smile ID retries with the identical body:
		// the callback must not stay recorded as seen, or the retry is answered "duplicate".
		test('settings.documentToBinary: binary storage failing answers 5xx, and the retry of the callback runs', async (t) => {
			const [mode, location] = storedDocumentId.split(':');
			if (!mode?.startsWith('filesystem') || !location) {
				t.skip(
					`n8n keeps binary data in memory here (id "${storedDocumentId}"): nothing to make fail`,
				);
				return;
			}
			const roots = ['storage', 'binaryData'].map((d) => path.join(n8n.userFolder, '.n8n', d));
			const root = roots.find((r) => fs.existsSync(path.join(r, location)));
			assert.ok(root, `stored Document ${location} under ${roots.join(' or ')}`);
			// a file where the workflow's binary data folder goes: storing fails, even as root
			const folder = path.join(root, 'workflows', String(hooks.docBinary.wf.id));
			const aside = `${folder}.aside`;
			const body = signCallback(base('binfail'), sim.credentials);
			const jobId = body.PartnerParams.job_id;
			assert.equal(typeof body.Document, 'string', 'the callback carries a Document');
			fs.renameSync(folder, aside);
			fs.writeFileSync(folder, 'not a folder');
			let failed;
			try {
				failed = await post('docBinary', { json: body });
			} finally {
				fs.rmSync(folder);
				fs.renameSync(aside, folder);
			}
			assert.ok(failed.status >= 500, `answered ${failed.status} ${failed.text.slice(0, 300)}`);
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('docBinary', jobId)).length, 0, 'no execution yet');
			const retry = await post('docBinary', { json: body });
			assert.equal(retry.status, 200, retry.text);
			assert.deepEqual(retry.json, { received: true }, 'the retry is taken, not a duplicate');
			const [ex] = await itemsFor('docBinary', jobId);
			assert.equal(firstItem(ex).binary?.document?.mimeType, 'image/jpeg');
			const again = await post('docBinary', { json: body });
			assert.deepEqual(again.json, { received: true, duplicate: true });
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('docBinary', jobId)).length, 1, 'exactly one execution');
		});

		// The signature covers only timestamp and partner ID: a genuine callback's pair on a
		// changed body is confirmed with Job Status before anything runs.
		test('a genuine callback, then its timestamp and signature on a changed body: refused, no second execution', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `rejected-reuse-${rnd()}`,
				callbackUrl: hooks.main.url,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(cb.attempts.at(-1).status, 200);
			const [ex] = await itemsFor('main', job.jobId);
			assert.equal(firstItem(ex).json.outcome, 'rejected');
			assert.equal(firstItem(ex).json.jobStatus, undefined, 'a first callback is not looked up');
			const approvedCopy = { ...cb.payload, ResultCode: '0810', ResultText: 'Document Verified' };
			const refused = await post('main', { json: approvedCopy });
			assert.equal(refused.status, 401, refused.text);
			assert.deepEqual(refused.json, {
				error: 'Callback rejected',
				reason: 'signature_reused',
				message:
					"The timestamp and signature of this callback came before with a different body (the signature does not cover the body), and the job's signed status from Smile ID disagrees on resultCode: the body was changed after signing. To see the genuine result, look the job up with the Job Status operation.",
			});
			const lookups = sim.requests.filter(
				(/** @type {any} */ q) => q.path === '/v1/job_status' && q.body?.job_id === job.jobId,
			);
			assert.deepEqual(
				lookups.map((/** @type {any} */ q) => [q.status, q.body.user_id]),
				[[200, job.userId]],
				'one signed Job Status call, for that job',
			);
			// another user's ID on the same job: Smile ID knows no such job, so nothing runs
			const otherUser = {
				...cb.payload,
				PartnerParams: { ...cb.payload.PartnerParams, user_id: `approved-${rnd()}` },
			};
			const unconfirmed = await post('main', { json: otherUser });
			assert.equal(unconfirmed.status, 503, unconfirmed.text);
			assert.match(
				unconfirmed.json.reason,
				/^The timestamp and signature of this callback came before with a different body \(the signature does not cover the body\), so it must be confirmed with Job Status: /,
			);
			const again = await post('main', { json: approvedCopy });
			assert.equal(again.status, 401, 'still refused, never a duplicate');
			await sleep(SETTLE_MS);
			assert.equal((await execsFor('main', job.jobId)).length, 1, 'only the genuine execution');
		});

		test('settings.confirmWithJobStatus: a signed callback claiming approved for a rejected job comes out rejected', async () => {
			const job = await submitSimJob(sim, {
				jobType: 6,
				userId: `rejected-cf-${rnd()}`,
				callbackUrl: `${sink.url}/confirm`,
			});
			const [cb] = await simCallbacks(sim, job.jobId, 1);
			assert.equal(cb.payload.ResultCode, '0811');
			const statusCallsBefore = sim.stats().jobStatusCalls;
			const forged = signCallback(
				{ ...cb.payload, ResultCode: '0810', ResultText: 'Document Verified' },
				sim.credentials,
			);
			const r = await post('confirm', { json: forged });
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json, { received: true });
			const [ex] = await itemsFor('confirm', job.jobId);
			const out = firstItem(ex).json;
			assert.equal(
				out.outcome,
				'rejected',
				`confirmed outcome: ${JSON.stringify(out).slice(0, 400)}`,
			);
			assert.equal(out.resultCode, '0811');
			assert.equal(out.isFinal, true);
			assert.equal(out.jobId, job.jobId);
			assert.equal(out.userId, job.userId);
			assert.deepEqual(out.raw, forged, 'raw is what was posted, as without confirmation');
			assert.equal(out.jobStatus?.result?.ResultCode, '0811', 'jobStatus is the signed answer');
			assert.equal(out.jobStatus?.job_complete, true);
			assert.ok(sim.stats().jobStatusCalls > statusCallsBefore, 'job status was asked');
			const calls = sim.requests.filter(
				(/** @type {any} */ q) => q.path === '/v1/job_status' && q.body?.job_id === job.jobId,
			);
			assert.ok(
				calls.length >= 1 && calls.every((/** @type {any} */ q) => q.status === 200),
				'signed job status call accepted',
			);
		});

		test('a rotated API key takes effect at once once the key read last is 1 s old: old key refused, new key accepted', async () => {
			const signedWith = (/** @type {string} */ apiKey, /** @type {string} */ tag) =>
				signCallback(base(tag), { apiKey, partnerId: rotateData.partnerId });
			const beforeRotation = signedWith(ROTATE_OLD_KEY, 'rot-before');
			const first = await post('rotate', { json: beforeRotation });
			assert.deepEqual(first.json, { received: true }, first.text);
			// The trigger decides with a key read at most 1 s ago (core/secretsCache.ts).
			await sleep(1_200);
			await n8n.rest('PATCH', `/credentials/${rotateCred.id}`, {
				name: rotateCred.name,
				type: 'smileIdApi',
				data: { ...rotateData, apiKey: ROTATE_NEW_KEY },
			});
			const oldKey = await post('rotate', { json: signedWith(ROTATE_OLD_KEY, 'rot-old') });
			assert.equal(oldKey.status, 401, oldKey.text);
			assert.deepEqual(oldKey.json, { error: 'Callback rejected', reason: 'signature_mismatch' });
			const afterRotation = signedWith(ROTATE_NEW_KEY, 'rot-new');
			const newKey = await post('rotate', { json: afterRotation });
			assert.equal(newKey.status, 200, newKey.text);
			assert.deepEqual(newKey.json, { received: true });
			const started = await log.waitFor(
				hooks.rotate.wf.id,
				(e) =>
					[beforeRotation, afterRotation].some(
						(b) => firstItem(e)?.json?.jobId === b.PartnerParams.job_id,
					),
				{ n: 2 },
			);
			assert.deepEqual(
				started.map((e) => firstItem(e).json.raw),
				[beforeRotation, afterRotation],
				'one execution for each accepted callback, none for the old key',
			);
			await sleep(SETTLE_MS);
			assert.equal(await log.count(hooks.rotate.wf.id), 2);
		});

		// Smile ID retries a callback that was not answered 2xx. When Confirm With Job Status
		// cannot reach Smile ID, the callback must not be lost: either it is answered non-2xx
		// and the retry starts the workflow, or it starts the workflow at once.
		test('settings.confirmWithJobStatus: a job status failure does not lose the callback (the retry starts the workflow)', async () => {
			const jobId = `trg-cf5xx-${rnd(6)}`;
			sim.addFault({
				endpoint: 'job_status',
				type: 'status',
				status: 500,
				count: -1,
				job_id: jobId,
			});
			const job = await submitSimJob(sim, {
				jobType: 6,
				jobId,
				userId: `approved-cf5xx-${rnd()}`,
				callbackUrl: hooks.confirm.url,
			});
			// job status fails while the first delivery attempt runs; afterwards it works again
			const deadline = Date.now() + 60_000;
			for (;;) {
				const cb = sim.jobs.get(jobId)?.callbacks?.[0];
				if (cb?.attempts?.[0]?.status !== undefined && cb.attempts[0].status !== null) break;
				if (cb?.attempts?.[0]?.error) break;
				assert.ok(Date.now() < deadline, 'first delivery attempt finished');
				await sleep(20);
			}
			sim.clearFaults();
			const [cb] = await simCallbacks(sim, jobId, 1);
			const statuses = cb.attempts.map((/** @type {any} */ a) => a.status);
			console.log(`# confirm with job status down, callback attempts: ${JSON.stringify(statuses)}`);
			// what the trigger answers while job status fails (a new, freshly signed callback)
			sim.addFault({
				endpoint: 'job_status',
				type: 'status',
				status: 500,
				count: 1,
				job_id: jobId,
			});
			const down = await post('confirm', { json: signCallback(cb.payload, sim.credentials) });
			sim.clearFaults();
			console.log(`# answer while job status fails: ${down.status} ${down.text.slice(0, 300)}`);
			assert.ok(down.status >= 500, `not answered 2xx while job status fails: ${down.status}`);
			assert.ok(!down.text.includes(key()), 'the answer never echoes the API key');
			await sleep(SETTLE_MS);
			const exs = await execsFor('confirm', jobId);
			const firstOk = statuses[0] >= 200 && statuses[0] < 300;
			if (firstOk) {
				// answered 2xx at once: then the workflow must have started with what it had
				assert.equal(
					exs.length,
					1,
					`answered ${statuses[0]} but ${exs.length} executions: callback lost`,
				);
			} else {
				assert.equal(cb.status, 'delivered', `a retry was accepted: ${JSON.stringify(statuses)}`);
				// what a further retry of the same callback is answered now
				const again = await post('confirm', { json: cb.payload });
				console.log(`# the same callback posted again: ${again.status} ${again.text}`);
				assert.equal(
					exs.length,
					1,
					`first attempt got ${statuses[0]}, the retries ${JSON.stringify(statuses.slice(1))}, executions ${exs.length}: ` +
						'the retry was treated as a duplicate of a callback that never started the workflow (callback lost)',
				);
				assert.equal(firstItem(exs[0]).json.outcome, 'approved');
				assert.equal(firstItem(exs[0]).json.jobId, job.jobId);
			}
		});

		// 4. Test URL ------------------------------------------------------------------------

		test('Test URL: "listen for test event" (POST /rest/workflows/:id/run) then a signed callback to /webhook-test/…', async () => {
			const hookPath = `trg-test-${line}-${rnd()}`;
			const wf = await n8n.createWorkflow(
				triggerWorkflow(`trigger test-url ${line}.x`, { path: hookPath }),
				{
					credential: cred,
				},
			);
			const full = await n8n.getWorkflow(wf.id);
			const listen = async () => {
				const body =
					line === '1'
						? { workflowData: full, triggerToStartFrom: { name: TRIGGER_NAME } }
						: { triggerToStartFrom: { name: TRIGGER_NAME } };
				return n8n.rest('POST', `/workflows/${wf.id}/run`, body);
			};
			const started = await listen();
			assert.equal(started?.waitingForWebhook, true, `run answer: ${JSON.stringify(started)}`);
			const hook = (await n8n.productionWebhooks(full)).find((h) => h.node === TRIGGER_NAME);
			assert.ok(hook);
			// the production URL is not registered while the workflow is inactive
			const prod = await n8n.callWebhook(hook.path, {
				json: signCallback(base('prod'), sim.credentials),
			});
			assert.equal(prod.status, 404, `production URL of an inactive workflow: ${prod.status}`);
			const body = signCallback(base('testurl'), sim.credentials);
			const r = await n8n.callWebhook(hook.path, { prefix: 'webhook-test', json: body });
			answers.push(r.text);
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json, { received: true });
			const [ex] = await log.waitFor(
				wf.id,
				(e) => firstItem(e)?.json?.jobId === body.PartnerParams.job_id,
				{
					timeoutMs: 60_000,
				},
			);
			assert.equal(ex.mode, 'manual');
			assert.equal(firstItem(ex).json.outcome, 'approved');
			assert.deepEqual(firstItem(ex).json.raw, body);
			// the listener is one-shot, like every n8n test webhook
			const again = await n8n.callWebhook(hook.path, {
				prefix: 'webhook-test',
				json: signCallback(base('again'), sim.credentials),
			});
			assert.equal(again.status, 404, `second test call: ${again.status}`);
			// listening again, an unsigned callback is refused with 401 and starts nothing
			await listen();
			const before = await log.count(wf.id);
			const unsigned = await n8n.callWebhook(hook.path, {
				prefix: 'webhook-test',
				json: { hello: 'unsigned' },
			});
			answers.push(unsigned.text);
			assert.equal(unsigned.status, 401, unsigned.text);
			await sleep(SETTLE_MS);
			assert.equal(await log.count(wf.id), before, 'the refused test callback started nothing');
		});

		// 5. a version 1 trigger ---------------------------------------------------------------

		test('a version 1 trigger starts the same item as version 2 for the same signed callback', async () => {
			const body = signCallback(base('v1'), sim.credentials);
			const jobId = body.PartnerParams.job_id;
			for (const hook of ['v1', 'main']) {
				const r = await post(hook, { json: body });
				assert.equal(r.status, 200, `${hook}: ${r.text}`);
				assert.deepEqual(r.json, { received: true });
			}
			const [v1Ex] = await itemsFor('v1', jobId);
			const [v2Ex] = await itemsFor('main', jobId);
			assert.deepEqual(firstItem(v1Ex).json.raw, body);
			assert.deepEqual(firstItem(v1Ex).json, firstItem(v2Ex).json);
		});

		test('a version 1 trigger reads malformed JSON itself: 400 with its own message, no execution', async () => {
			const before = await log.count(hooks.v1.wf.id);
			const text = JSON.stringify(signCallback(base('v1-json'), sim.credentials));
			const r = await post('v1', { body: text.slice(0, -5) });
			assert.equal(r.status, 400, r.text);
			assert.deepEqual(r.json, { error: 'The callback body is not valid JSON' });
			const wrongKey = { ...sim.credentials, apiKey: `${key()}x` };
			const forged = await post('v1', { json: signCallback(base('v1-sig'), wrongKey) });
			assert.equal(forged.status, 401, forged.text);
			assert.equal(forged.json?.reason, 'signature_mismatch');
			await sleep(SETTLE_MS);
			assert.equal(
				await log.count(hooks.v1.wf.id),
				before,
				'a refused callback started an execution',
			);
		});

		test('the API key appears in no webhook answer and no n8n log line', async () => {
			for (const a of answers)
				assert.ok(!a.includes(key()), `answer echoes the key: ${a.slice(0, 200)}`);
			assert.ok(!n8n.readLog().includes(key()), 'n8n log contains the API key');
		});
	});
}
