// @ts-check
/**
 * examples/scheduled-pending-jobs.json in REAL n8n (each line under test): every hour, Job Status
 * for a list of jobs still pending, the finished ones routed by outcome.
 *
 * 1. The example imports and activates as shipped (Schedule Trigger).
 * 2. A test copy whose Schedule Trigger is replaced by a Webhook trigger, and whose job list points
 *    at REAL simulator jobs (created first through n8n with the Smile ID node: approved, rejected,
 *    approved with attention, provisional, never finishing) plus one unknown job ID, runs and
 *    routes: finished jobs to Approved / Rejected / Needs review, unfinished ones nowhere, the
 *    unknown job to "Lookup failed" (the node's error output).
 *
 * Run: node test/e2e/run.mjs scheduled   (or: SMILEID_E2E_LINES=2 node --test test/e2e/scheduled-example.test.mjs)
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import { webhookNode } from './lib/action-helpers.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { N8nInstance } from './lib/n8n.mjs';
import { startSim } from './lib/sim.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'scheduled-pending-jobs.json');
const TRIGGER = 'Every hour';
const LIST = 'Jobs still pending';
const STATUS = 'Get the status of a job';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @returns {any} */
function loadExample() {
	return JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
}

/**
 * A workflow that submits Document Verification jobs (URL images, no wait) for
 * POST {jobs: [{userId, jobId}]} and answers with every submit output.
 * @param {string} hookPath @param {string} simUrl @param {string} callbackUrl
 */
function submitJobsWorkflow(hookPath, simUrl, callbackUrl) {
	return {
		name: 'e2e: submit Smile ID jobs',
		nodes: [
			webhookNode(hookPath),
			{
				id: crypto.randomUUID(),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.jobs', options: {} },
			},
			{
				id: crypto.randomUUID(),
				name: 'Verify a document',
				type: 'n8n-nodes-smileid.smileId',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'document',
					operation: 'verify',
					userId: '={{ $json.userId }}',
					jobId: '={{ $json.jobId }}',
					country: 'NG',
					idType: 'PASSPORT',
					imageSource: 'url',
					selfie: `${simUrl}/__samples/selfie.jpg`,
					idCardFront: `${simUrl}/__samples/id_card_front.jpg`,
					callbackUrl,
					waitForResult: false,
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Verify a document', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x: example scheduled-pending-jobs.json`, { timeout: 600_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;
		/** @type {{id: string, name: string}} */
		let cred;
		/** @type {any} the run of the test copy (test 2), checked again by test 3 */
		let execution;

		before(async () => {
			// provisional results stay provisional for the whole test
			sim = await startSim({ partnerId: '085', provisionalDelayMs: 30 * 60_000 });
			n8n = await startN8nWithPackage(line);
			cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID (local simulator)');
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop();
		});

		test('the example is well formed and activates as shipped (Schedule Trigger every hour)', async () => {
			const wf = loadExample();
			const trigger = wf.nodes.find((/** @type {any} */ n) => n.name === TRIGGER);
			assert.equal(trigger?.type, 'n8n-nodes-base.scheduleTrigger');
			assert.deepEqual(trigger.parameters.rule.interval, [{ field: 'hours', hoursInterval: 1 }]);
			const status = wf.nodes.find((/** @type {any} */ n) => n.name === STATUS);
			assert.equal(status.type, 'n8n-nodes-smileid.smileId');
			assert.equal(status.parameters.resource, 'job');
			assert.equal(status.parameters.operation, 'getStatus');
			assert.deepEqual(status.credentials, {
				smileIdApi: { id: 'smileidLocalSim', name: 'Smile ID (local simulator)' },
			});
			// every node the connections name exists
			const names = new Set(wf.nodes.map((/** @type {any} */ n) => n.name));
			for (const [from, c] of Object.entries(wf.connections)) {
				assert.ok(names.has(from), `connection from unknown node ${from}`);
				for (const out of /** @type {any} */ (c).main)
					for (const to of out)
						assert.ok(names.has(to.node), `connection to unknown node ${to.node}`);
			}
			const created = await n8n.createActiveWorkflow(wf, { credential: cred });
			const active = await n8n.rest('GET', '/active-workflows');
			assert.ok(active.includes(created.id), `example is active: ${JSON.stringify(active)}`);
			await n8n.deactivateWorkflow(created);
		});

		test('routes real simulator jobs: finished ones by outcome, unfinished ones nowhere', async () => {
			const tag = crypto.randomBytes(4).toString('hex');
			const scenarios = ['approved', 'rejected', 'attention', 'provisional', 'never'];
			const jobs = scenarios.map((s) => ({
				userId: `${s}-sched-${line}-${tag}`,
				jobId: `sched-${line}-${tag}-${s}`,
			}));

			// 1. real jobs in the simulator, submitted through n8n and the Smile ID node
			const submitPath = `sched-submit-${line}-${tag}`;
			const submit = await n8n.createActiveWorkflow(
				submitJobsWorkflow(submitPath, sim.url, `${n8n.baseUrl}/webhook/sched-callback-${tag}`),
				{ credential: cred },
			);
			const res = await n8n.callWebhook(submitPath, { json: { jobs }, timeoutMs: 120_000 });
			assert.equal(res.status, 200, res.text.slice(0, 2000));
			const submitted = /** @type {any[]} */ (res.json);
			assert.equal(submitted.length, jobs.length, JSON.stringify(submitted).slice(0, 2000));
			for (const [i, out] of submitted.entries()) {
				assert.equal(out.jobId, jobs[i].jobId, JSON.stringify(out).slice(0, 500));
				assert.equal(out.outcome, 'pending');
			}
			await n8n.deactivateWorkflow(submit);

			// 2. wait until the simulator has decided each job (provisional stays provisional)
			const want = {
				approved: 'complete',
				rejected: 'complete',
				attention: 'complete',
				provisional: 'pending_review',
				never: 'never',
			};
			const deadline = Date.now() + 30_000;
			for (const [i, s] of scenarios.entries()) {
				for (;;) {
					const job = sim.getJob(jobs[i].jobId);
					if (job?.status === want[/** @type {keyof typeof want} */ (s)]) break;
					if (Date.now() > deadline)
						assert.fail(
							`simulator job ${jobs[i].jobId}: status ${job?.status}, want ${want[/** @type {keyof typeof want} */ (s)]}`,
						);
					await sleep(100);
				}
			}

			// 3. the example, with a Webhook instead of the Schedule Trigger and the real job list
			const unknown = { userId: `approved-sched-${tag}-ghost`, jobId: `sched-${tag}-no-such-job` };
			const wf = loadExample();
			wf.name = `${wf.name} (e2e ${tag})`;
			const hookPath = `sched-run-${line}-${tag}`;
			const trigger = wf.nodes.find((/** @type {any} */ n) => n.name === TRIGGER);
			Object.assign(trigger, {
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} },
			});
			const list = wf.nodes.find((/** @type {any} */ n) => n.name === LIST);
			assert.equal(list.parameters.mode, 'raw');
			assert.ok(
				JSON.parse(list.parameters.jsonOutput).jobs.length > 0,
				'the example holds a sample list',
			);
			list.parameters.jsonOutput = JSON.stringify({ jobs: [...jobs, unknown] }, null, 2);
			const created = await n8n.createActiveWorkflow(wf, { credential: cred });
			const started = Date.now();
			const run = await n8n.callWebhook(hookPath, { json: {} });
			assert.equal(run.status, 200, run.text);
			const ex = await n8n.waitForExecution({ workflowId: created.id, timeoutMs: 60_000 });
			console.log(
				`# scheduled example ran in ${Date.now() - started} ms (execution ${ex.id}, ${ex.status})`,
			);
			await n8n.deactivateWorkflow(created);
			const runError = ex.data.resultData.error;
			assert.equal(
				runError,
				undefined,
				`execution failed: ${JSON.stringify(runError)?.slice(0, 1500)}`,
			);

			execution = ex;
			const out = (/** @type {string} */ node) => N8nInstance.nodeOutput(ex, node) ?? [];
			const status = out(STATUS);
			const byJob = Object.fromEntries(
				(status[0] ?? []).map((/** @type {any} */ j) => [j.jobId, j]),
			);
			assert.equal(byJob[jobs[0].jobId]?.outcome, 'approved');
			assert.equal(byJob[jobs[1].jobId]?.outcome, 'rejected');
			assert.equal(byJob[jobs[2].jobId]?.outcome, 'approved_with_attention');
			// DV's provisional result (simulator code 0814, not in Smile ID's code table) is
			// normalised to under_review; either way it is not final
			assert.ok(
				['provisional', 'under_review'].includes(byJob[jobs[3].jobId]?.outcome),
				JSON.stringify(byJob[jobs[3].jobId]),
			);
			assert.equal(byJob[jobs[3].jobId]?.isFinal, false);
			assert.equal(byJob[jobs[4].jobId]?.outcome, 'pending');
			assert.equal(byJob[jobs[4].jobId]?.isFinal, false);

			const ids = (/** @type {any[] | undefined} */ items) =>
				(items ?? []).map((j) => j.jobId).sort();
			assert.deepEqual(
				ids(out('Finished jobs only')[0]),
				[jobs[0].jobId, jobs[1].jobId, jobs[2].jobId].sort(),
				'only finished jobs pass the filter',
			);
			const routes = out('Route by outcome');
			assert.deepEqual(ids(routes[0]), [jobs[0].jobId], 'Approved');
			assert.deepEqual(ids(routes[1]), [jobs[1].jobId], 'Rejected');
			assert.deepEqual(ids(routes[2]), [jobs[2].jobId], 'Needs review');
			assert.equal(out('Activate account')[0]?.[0]?.decision, 'activate');
			assert.equal(out('Decline application')[0]?.[0]?.decision, 'decline');
			assert.equal(out('Send to manual review')[0]?.[0]?.decision, 'manual_review');
			assert.equal(out('Send to manual review')[0]?.[0]?.outcome, 'approved_with_attention');

			// exactly one Job Status call per listed job, none for the routing
			const calls = sim.requests.filter(
				(/** @type {any} */ r) =>
					r.path === '/v1/job_status' && String(r.body?.job_id ?? '').includes(tag),
			);
			assert.equal(calls.length, jobs.length + 1, `job_status calls: ${calls.length}`);
		});

		// PRODUCT BUG on both lines at the time of writing: fails until the node's error items are
		// recognised by n8n's error output (see the comment inside).
		test('a failed lookup (unknown job ID) goes to "Lookup failed", the error output, and not on with the results', async () => {
			assert.ok(execution, 'needs the run of the previous test');
			const out = (/** @type {string} */ node) => N8nInstance.nodeOutput(execution, node) ?? [];
			const status = out(STATUS);
			// The unknown job ID must reach the error output ("Lookup failed"), and nothing else.
			// PRODUCT BUG (both lines) when this fails with the ghost item in output 0: n8n moves an
			// item to the error output of "On Error: Continue (using error output)" only when the
			// item has `item.error` set or its json keys are a subset of {error, message, details}
			// (n8n-core WorkflowExecute.handleNodeErrorOutput); the node's error items carry
			// `errorDescription` as well and no `item.error`, so they stay on the success output.
			const failedLookups = status[1] ?? [];
			const ghostOnSuccess = (status[0] ?? []).filter(
				(/** @type {any} */ j) => j.error !== undefined,
			);
			assert.deepEqual(
				ghostOnSuccess,
				[],
				`error items must not be on the success output (PRODUCT BUG, see comment): ${JSON.stringify(ghostOnSuccess)}`,
			);
			assert.equal(failedLookups.length, 1, `one failed lookup: ${JSON.stringify(status[1])}`);
			assert.match(String(failedLookups[0].error), /not found|2304/i);
			assert.equal(out('Lookup failed')[0]?.length, 1);
			assert.equal(out('Lookup failed')[0]?.[0]?.decision, 'check_job_id');
		});
	});
}
