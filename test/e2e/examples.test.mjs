// @ts-check
/**
 * Every example workflow in examples/ in REAL n8n (each line under test), against the offline
 * simulator, imported the way `npm run dev` imports them (credential attached, the example
 * callback URL http://localhost:5678/… pointed at this n8n) and all active at once:
 *
 * - kyc-onboarding: the onboarding webhook with the simulator's sample image URLs routes
 *   approved, rejected, provisional (approved after review) and attention users;
 * - callback-routing: the simulator's callbacks of those jobs reach the Smile ID Trigger at
 *   /webhook/smile-id and land in the right Set node;
 * - returning-user-authentication: users enrolled by the onboarding (or by the simulator)
 *   are allowed, blocked, …;
 * - wait-for-callback: the Wait node resumes on the simulator's callback to
 *   $execution.resumeUrl, Verify a callback accepts it, and the execution finishes on the
 *   right branch (the "Wait-node pattern").
 *
 * Run: node test/e2e/run.mjs --line 1 examples   (or: SMILEID_E2E_LINES=2 node --test test/e2e/examples.test.mjs)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { startSim } from './lib/sim.mjs';
import { ExecutionLog, firstItem, rnd, simCallbacks, sleep } from './lib/trigger-helpers.mjs';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const EXAMPLE_N8N_URL = 'http://localhost:5678';

/** @param {string} file */
function loadExample(file) {
	return fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
}

/** The last node that ran in an execution. @param {any} ex */
const lastNode = (ex) => ex?.data?.resultData?.lastNodeExecuted;

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x example workflows`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;
		/** @type {ExecutionLog} */
		let log;
		/** @type {Record<string, any>} file name (without .json) -> created workflow */
		const wfs = {};
		/** onboarding jobs, for the callback-routing and authentication tests */
		/** @type {Record<string, {userId: string, jobId: string}>} */
		const onboarded = {};

		const samples = () => ({
			selfieUrl: `${sim.url}/__samples/selfie.jpg`,
			idCardFrontUrl: `${sim.url}/__samples/id_card_front.jpg`,
			livenessUrls: [1, 2, 3, 4].map((i) => `${sim.url}/__samples/liveness_${i}.jpg`),
		});

		before(async () => {
			// callbacks retried for a while: a callback to a Wait node's resume URL can arrive
			// while the execution is still on its way to "waiting" (n8n answers 409 until then)
			sim = await startSim({
				partnerId: '085',
				provisionalDelayMs: 1500,
				callbackRetries: 8,
				callbackRetryDelayMs: 500,
			});
			n8n = await startN8nWithPackage(line);
			log = new ExecutionLog(n8n);
			console.log(
				`# n8n ${n8n.version} on node ${n8n.nodeVersion} ready in ${n8n.startupMs} ms (${n8n.baseUrl})`,
			);
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop();
		});

		test('the four examples import with the credential and activate', async () => {
			const cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID (local simulator)');
			// the four examples this file covers (others, e.g. scheduled-pending-jobs.json, have their own test)
			const files = [
				'callback-routing.json',
				'kyc-onboarding.json',
				'returning-user-authentication.json',
				'wait-for-callback.json',
			];
			const present = fs.readdirSync(EXAMPLES_DIR);
			for (const f of files) assert.ok(present.includes(f), `examples/${f} exists`);
			for (const file of files) {
				const text = loadExample(file).replaceAll(EXAMPLE_N8N_URL, n8n.baseUrl);
				assert.ok(!text.includes('localhost:'), `${file} names no other local port`);
				const json = JSON.parse(text);
				const wf = await n8n.createActiveWorkflow(json, { credential: cred });
				wfs[file.replace(/\.json$/, '')] = await n8n.getWorkflow(wf.id);
			}
			const active = await n8n.rest('GET', '/active-workflows');
			for (const [name, wf] of Object.entries(wfs))
				assert.ok(active.includes(wf.id), `${name} active`);
			// the trigger's production URL is the one the examples use as callback URL
			const hooks = await n8n.productionWebhooks(wfs['callback-routing']);
			assert.equal(hooks[0]?.url, `${n8n.baseUrl}/webhook/smile-id`);
		});

		// kyc-onboarding ---------------------------------------------------------------------

		/**
		 * @param {string} userId
		 * @returns {Promise<{status: number, out: any, ex: any}>}
		 */
		const onboard = async (userId) => {
			const r = await n8n.callWebhook('kyc-onboarding', {
				json: { userId, country: 'NG', idType: 'PASSPORT', ...samples() },
				timeoutMs: 180_000,
			});
			const out = r.json;
			const [ex] = await log.waitFor(
				wfs['kyc-onboarding'].id,
				(e) => firstItem(e, 'Verify a document')?.json?.userId === userId,
				{ timeoutMs: 60_000 },
			);
			return { status: r.status, out: Array.isArray(out) ? out[0] : out, ex };
		};

		const onboardingCases = [
			{ prefix: 'approved', outcome: 'approved', decision: 'activate', node: 'Activate account' },
			{ prefix: 'rejected', outcome: 'rejected', decision: 'decline', node: 'Decline application' },
			// provisional first, approved after review: Wait for Result sees the final result
			{
				prefix: 'provisional',
				outcome: 'approved',
				decision: 'activate',
				node: 'Activate account',
			},
			{
				prefix: 'attention',
				outcome: 'approved_with_attention',
				decision: 'manual_review',
				node: 'Send to manual review',
			},
		];
		for (const c of onboardingCases) {
			test(`kyc-onboarding: a ${c.prefix}- user is routed to "${c.node}" (outcome ${c.outcome})`, async () => {
				const userId = `${c.prefix}-onb-${line}-${rnd()}`;
				const { status, out, ex } = await onboard(userId);
				assert.equal(status, 200, JSON.stringify(out));
				assert.equal(
					ex.status,
					'success',
					`execution ${ex.status}: ${JSON.stringify(ex.data?.resultData?.error?.message)}`,
				);
				assert.equal(out?.decision, c.decision, `answer: ${JSON.stringify(out).slice(0, 500)}`);
				assert.equal(out.outcome, c.outcome);
				assert.equal(out.isFinal, true);
				assert.equal(out.userId, userId);
				assert.equal(out.product, 'document_verification');
				assert.equal(out.personalInfo?.country, 'NG');
				assert.deepEqual(out.warnings, [], 'the sample images raise no warnings');
				assert.equal(lastNode(ex), c.node);
				const job = sim.jobs.get(out.jobId);
				assert.ok(job, 'the job reached the simulator');
				assert.equal(job.callback_url, `${n8n.baseUrl}/webhook/smile-id`);
				assert.equal(job.upload.info_json.id_info.id_type, 'PASSPORT');
				onboarded[c.prefix] = { userId, jobId: out.jobId };
			});
		}

		// callback-routing -------------------------------------------------------------------

		const routingCases = [
			{ prefix: 'approved', nodes: ['Update CRM: verified'] },
			{ prefix: 'rejected', nodes: ['Alert compliance: rejected'] },
			{ prefix: 'provisional', nodes: ['Queue for review', 'Update CRM: verified'] },
			{ prefix: 'attention', nodes: ['Queue for review'] },
		];
		for (const c of routingCases) {
			test(`callback-routing: the ${c.prefix}- onboarding callbacks land in ${c.nodes.join(' then ')}`, async () => {
				const job = onboarded[c.prefix];
				assert.ok(job, `needs the ${c.prefix} onboarding job`);
				const cbs = await simCallbacks(sim, job.jobId, c.nodes.length);
				for (const cb of cbs) assert.equal(cb.status, 'delivered', JSON.stringify(cb.attempts));
				const exs = await log.waitFor(
					wfs['callback-routing'].id,
					(e) => firstItem(e, 'Smile ID result')?.json?.jobId === job.jobId,
					{ n: c.nodes.length, timeoutMs: 60_000 },
				);
				assert.deepEqual(exs.map(lastNode), c.nodes);
				for (const ex of exs) assert.equal(ex.status, 'success');
				const last = firstItem(exs.at(-1), c.nodes.at(-1))?.json;
				assert.ok(last?.crmStatus, 'the Set node ran with the trigger item');
				assert.equal(last.userId, job.userId);
				await sleep(1000);
				const all = (await log.finished(wfs['callback-routing'].id)).filter(
					(e) => firstItem(e, 'Smile ID result')?.json?.jobId === job.jobId,
				);
				assert.equal(all.length, c.nodes.length, 'one execution per callback');
			});
		}

		// returning-user-authentication ------------------------------------------------------

		/** @param {string} userId */
		const reauth = async (userId) => {
			const { selfieUrl, livenessUrls } = samples();
			const r = await n8n.callWebhook('reauthenticate', {
				json: { userId, selfieUrl, livenessUrls },
				timeoutMs: 180_000,
			});
			const [ex] = await log.waitFor(
				wfs['returning-user-authentication'].id,
				(e) => firstItem(e, 'Authenticate a selfie')?.json?.userId === userId,
				{ timeoutMs: 60_000 },
			);
			return { status: r.status, out: Array.isArray(r.json) ? r.json[0] : r.json, ex };
		};

		test('returning-user-authentication: the user enrolled by the onboarding is allowed', async () => {
			const user = onboarded.approved;
			assert.ok(user, 'needs the approved onboarding');
			assert.ok(sim.users.has(user.userId), 'Document Verification enrolled the user');
			const { status, out, ex } = await reauth(user.userId);
			assert.equal(status, 200, JSON.stringify(out));
			assert.equal(out.decision, 'allow', JSON.stringify(out).slice(0, 500));
			assert.equal(out.outcome, 'approved');
			assert.equal(out.product, 'smartselfie_authentication');
			assert.equal(out.jobType, 2);
			assert.equal(lastNode(ex), 'Allow sign-in');
		});

		test('returning-user-authentication: an enrolled rejected- user is blocked', async () => {
			const userId = `rejected-auth-${line}-${rnd()}`;
			sim.enroll(userId);
			const { status, out, ex } = await reauth(userId);
			assert.equal(status, 200, JSON.stringify(out));
			assert.equal(out.decision, 'block', JSON.stringify(out).slice(0, 500));
			assert.equal(out.outcome, 'rejected');
			assert.equal(lastNode(ex), 'Block sign-in');
		});

		test('returning-user-authentication: an enrolled provisional- user is allowed after review', async () => {
			const userId = `provisional-auth-${line}-${rnd()}`;
			sim.enroll(userId);
			const { out, ex } = await reauth(userId);
			assert.equal(out.decision, 'allow', JSON.stringify(out).slice(0, 500));
			assert.equal(out.outcome, 'approved');
			assert.equal(out.resultCode, '1220');
			assert.equal(lastNode(ex), 'Allow sign-in');
		});

		test('returning-user-authentication: a user who never enrolled fails the execution with Smile ID\'s "not enrolled" error', async () => {
			const userId = `approved-unknown-${line}-${rnd()}`;
			const { selfieUrl, livenessUrls } = samples();
			const r = await n8n.callWebhook('reauthenticate', {
				json: { userId, selfieUrl, livenessUrls },
				timeoutMs: 120_000,
			});
			assert.ok(r.status >= 500, `answer ${r.status} ${r.text.slice(0, 300)}`);
			const [ex] = await log.waitFor(
				wfs['returning-user-authentication'].id,
				(e) => firstItem(e, 'Login check request')?.json?.body?.userId === userId,
				{ timeoutMs: 60_000 },
			);
			assert.equal(ex.status, 'error');
			assert.equal(lastNode(ex), 'Authenticate a selfie');
			const message = `${ex.data.resultData.error?.message ?? ''} ${ex.data.resultData.error?.description ?? ''}`;
			assert.match(message, /2210|not enrolled|enrol/i, message);
			assert.ok(!message.includes(sim.credentials.apiKey));
		});

		// wait-for-callback ------------------------------------------------------------------

		const waitCases = [
			{ prefix: 'approved', outcome: 'approved', node: 'Activate account', decision: 'activate' },
			{ prefix: 'rejected', outcome: 'rejected', node: 'Decline application', decision: 'decline' },
			// the pattern resumes on the first callback: the provisional result goes to review
			{
				prefix: 'provisional',
				outcome: /^(provisional|under_review)$/,
				node: 'Send to manual review',
				decision: 'manual_review',
			},
		];
		for (const c of waitCases) {
			test(`wait-for-callback: a ${c.prefix}- user resumes the Wait node and ends in "${c.node}"`, async () => {
				const userId = `${c.prefix}-wait-${line}-${rnd()}`;
				const { selfieUrl, idCardFrontUrl } = samples();
				const r = await n8n.callWebhook('kyc-wait-for-callback', {
					json: { userId, country: 'NG', idType: 'PASSPORT', selfieUrl, idCardFrontUrl },
				});
				assert.equal(r.status, 200, r.text);
				const wfId = wfs['wait-for-callback'].id;
				const [ex] = await log.waitFor(
					wfId,
					(e) => firstItem(e, 'Verify a document')?.json?.userId === userId,
					{ timeoutMs: 120_000 },
				);
				assert.equal(
					ex.status,
					'success',
					`execution ${ex.id} ${ex.status}, last node ${lastNode(ex)}: ${ex.data?.resultData?.error?.message ?? ''}`,
				);
				const submitted = firstItem(ex, 'Verify a document').json;
				assert.equal(submitted.outcome, 'pending');
				const job = sim.jobs.get(submitted.jobId);
				// the job's callback URL is this execution's resume URL
				assert.match(
					job.callback_url,
					new RegExp(`^${n8n.baseUrl}/webhook-waiting/${ex.id}(\\?.*)?$`),
				);
				const first = job.callbacks[0];
				console.log(
					`# wait-for-callback ${c.prefix}: resume URL ${job.callback_url.replace(n8n.baseUrl, '')}, callback attempts ${JSON.stringify(first.attempts.map((/** @type {any} */ a) => a.status ?? a.error))}`,
				);
				assert.equal(first.status, 'delivered', JSON.stringify(first.attempts));
				const resumed = firstItem(ex, 'Wait for Smile ID callback').json;
				assert.deepEqual(resumed.body, first.payload, 'the Wait node got the callback body');
				const verified = firstItem(ex, 'Verify a callback').json;
				if (c.outcome instanceof RegExp) assert.match(verified.outcome, c.outcome);
				else assert.equal(verified.outcome, c.outcome);
				assert.equal(verified.jobId, submitted.jobId);
				assert.equal(verified.userId, userId);
				assert.equal(lastNode(ex), c.node);
				assert.equal(firstItem(ex, c.node).json.decision, c.decision);
			});
		}

		test('wait-for-callback: a forged callback to the resume URL makes Verify a callback fail the execution', async () => {
			const userId = `never-wait-${line}-${rnd()}`; // the simulator never calls back
			const { selfieUrl, idCardFrontUrl } = samples();
			const r = await n8n.callWebhook('kyc-wait-for-callback', {
				json: { userId, country: 'NG', idType: 'PASSPORT', selfieUrl, idCardFrontUrl },
			});
			assert.equal(r.status, 200, r.text);
			const wfId = wfs['wait-for-callback'].id;
			const [waiting] = await log.waitFor(
				wfId,
				(e) => e.status === 'waiting' && firstItem(e, 'Verify a document')?.json?.userId === userId,
				{ timeoutMs: 60_000, allowWaiting: true },
			);
			const job = sim.jobs.get(firstItem(waiting, 'Verify a document').json.jobId);
			const resume = new URL(job.callback_url);
			const forged = await n8n.request('POST', `${resume.pathname}${resume.search}`, {
				json: {
					ResultCode: '0810',
					ResultText: 'Document Verified',
					IsFinalResult: 'true',
					PartnerParams: job.partner_params,
					timestamp: new Date().toISOString(),
					signature: Buffer.alloc(32, 7).toString('base64'),
				},
				auth: false,
			});
			assert.equal(forged.status, 200, forged.text);
			const [ex] = await log.waitFor(
				wfId,
				(e) => String(e.id) === String(waiting.id) && e.status !== 'waiting',
				{
					timeoutMs: 60_000,
				},
			);
			assert.equal(ex.status, 'error');
			assert.equal(lastNode(ex), 'Verify a callback');
			assert.match(String(ex.data?.resultData?.error?.message), /callback was rejected/i);
			assert.equal(firstItem(ex, 'Route by outcome'), undefined, 'nothing was routed');
		});
	});
}
