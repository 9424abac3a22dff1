// @ts-check
/**
 * Smoke test in REAL n8n (each line under test): the packed package loads the way users get it,
 * node types and the credential type are registered with their display names, and the
 * credential test ("Test" button in the credential dialog) passes against the offline
 * simulator with the right key and fails with a clear message otherwise.
 *
 * Run: node test/e2e/run.mjs --line 1   (or: SMILEID_E2E_LINES=2 node --test test/e2e/smoke.test.mjs)
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest, loadWorkflow, startN8nWithPackage } from './lib/harness.mjs';
import { startSim } from './lib/sim.mjs';

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x smoke`, { timeout: 600_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;

		before(async () => {
			sim = await startSim({ partnerId: '085' });
			n8n = await startN8nWithPackage(line);
			console.log(
				`# n8n ${n8n.version} on node ${n8n.nodeVersion} ready in ${n8n.startupMs} ms (${n8n.baseUrl}); types ${n8n.types.node}`,
			);
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop();
		});

		test('runs the pinned n8n version', () => {
			assert.match(n8n.version, line === '1' ? /^1\.123\./ : /^2\./);
		});

		test('node types are registered with the community package names and display names', async () => {
			const types = await n8n.nodeTypes();
			const byName = new Map(types.map((t) => [t.name, t]));
			const node = byName.get('n8n-nodes-smileid.smileId');
			const trigger = byName.get('n8n-nodes-smileid.smileIdTrigger');
			assert.ok(
				node,
				`n8n-nodes-smileid.smileId missing; smile types: ${types.filter((t) => /smile/i.test(t.name)).map((t) => t.name)}`,
			);
			assert.ok(trigger, 'n8n-nodes-smileid.smileIdTrigger missing');
			assert.equal(node.displayName, 'Smile ID');
			assert.equal(trigger.displayName, 'Smile ID Trigger');
			assert.ok(trigger.group.includes('trigger'), 'trigger node is in the trigger group');
			assert.ok(
				(node.credentials ?? []).some((/** @type {any} */ c) => c.name === 'smileIdApi'),
				'Smile ID node uses the smileIdApi credential',
			);
			// nothing leaked into the CUSTOM namespace in this mode
			assert.equal(types.filter((t) => t.name.startsWith('CUSTOM.smileId')).length, 0);
		});

		test('credential type smileIdApi is registered as "Smile ID API"', async () => {
			const creds = await n8n.credentialTypes();
			const cred = creds.find((c) => c.name === 'smileIdApi');
			assert.ok(cred, 'smileIdApi missing');
			assert.equal(cred.displayName, 'Smile ID API');
			const props = cred.properties.map((/** @type {any} */ p) => p.name);
			for (const p of ['partnerId', 'apiKey', 'environment', 'baseUrl'])
				assert.ok(props.includes(p), `property ${p}`);
		});

		test('credential test succeeds with the right key', async () => {
			const cred = await n8n.createSmileIdCredential(
				sim.credentials,
				`Smile ID sim good (${line}.x)`,
			);
			assert.ok(cred.id);
			const before = sim.stats?.();
			const res = await n8n.testCredential(cred);
			assert.equal(res.status, 'OK', `credential test: ${JSON.stringify(res)}`);
			if (before && typeof before === 'object') {
				// the test really reached the simulator
				assert.notDeepEqual(sim.stats(), before);
			}
		});

		test('credential test fails with a clear message for a wrong key', async () => {
			const cred = await n8n.createSmileIdCredential(
				{ ...sim.credentials, apiKey: `${sim.credentials.apiKey}-wrong` },
				`Smile ID sim wrong key (${line}.x)`,
			);
			const res = await n8n.testCredential(cred);
			assert.equal(res.status, 'Error', JSON.stringify(res));
			assert.match(res.message, /key/i);
			assert.match(res.message, /environment/i);
			assert.match(res.message, /partner ID/i);
			assert.ok(!res.message.includes(sim.credentials.apiKey), 'message must not echo the API key');
		});

		test('credential test fails with a clear message for a wrong partner ID', async () => {
			const cred = await n8n.createSmileIdCredential(
				{ ...sim.credentials, partnerId: '85' },
				`Smile ID sim wrong partner (${line}.x)`,
			);
			const res = await n8n.testCredential(cred);
			assert.equal(res.status, 'Error', JSON.stringify(res));
			assert.match(res.message, /partner ID/i);
		});

		test('credential test with unsaved data overrides (dialog edits) uses the new key', async () => {
			const cred = await n8n.createSmileIdCredential(
				{ ...sim.credentials, apiKey: 'stale-key' },
				`Smile ID sim edited (${line}.x)`,
			);
			const bad = await n8n.testCredential(cred);
			assert.equal(bad.status, 'Error');
			const good = await n8n.testCredential(cred, {
				partnerId: sim.credentials.partnerId,
				apiKey: sim.credentials.apiKey,
				environment: 'custom',
				baseUrl: sim.credentials.baseUrl,
			});
			assert.equal(good.status, 'OK', JSON.stringify(good));
		});
		test('a workflow Webhook -> Smile ID (job status) runs on its production webhook', async () => {
			const cred = await n8n.createSmileIdCredential(
				sim.credentials,
				`Smile ID sim workflow (${line}.x)`,
			);
			const hookPath = `smoke-${line}-${crypto.randomBytes(4).toString('hex')}`;
			const jobId = `smoke-job-${crypto.randomBytes(4).toString('hex')}`;
			const wf = await n8n.createActiveWorkflow(
				loadWorkflow('job-status-webhook', {
					PATH: hookPath,
					WEBHOOK_ID: crypto.randomUUID(),
					CREDENTIAL_ID: cred.id,
					CREDENTIAL_NAME: cred.name,
				}),
			);
			assert.ok(wf.id);
			const res = await n8n.callWebhook(hookPath, {
				json: { user_id: 'smoke-user', job_id: jobId },
			});
			assert.equal(res.status, 200, res.text);
			const ex = await n8n.waitForExecution({ workflowId: wf.id, timeoutMs: 30_000 });
			const runs = ex.data.resultData.runData;
			assert.ok(runs.Webhook, 'Webhook ran');
			assert.ok(runs['Smile ID'], `Smile ID ran; nodes: ${Object.keys(runs)}`);
			// the simulator saw a correctly signed job_status call for this job
			const calls = sim.requests.filter(
				(/** @type {any} */ r) => r.path === '/v1/job_status' && r.body?.job_id === jobId,
			);
			assert.ok(calls.length >= 1, 'job_status request reached the simulator');
			assert.equal(calls[0].body.partner_id, sim.credentials.partnerId);
			assert.ok(
				!/2305|signature/i.test(String(calls[0].response?.code ?? '')),
				`signature accepted: ${JSON.stringify(calls[0].response)}`,
			);
		});

		test('a workflow with the Smile ID Trigger activates and registers its production webhook', async () => {
			const cred = await n8n.createSmileIdCredential(
				sim.credentials,
				`Smile ID sim trigger (${line}.x)`,
			);
			const hookPath = `smoke-trigger-${line}-${crypto.randomBytes(4).toString('hex')}`;
			const wf = await n8n.createActiveWorkflow(
				{
					name: `smoke trigger ${line}.x`,
					nodes: [
						{
							id: crypto.randomUUID(),
							name: 'Smile ID Trigger',
							type: 'n8n-nodes-smileid.smileIdTrigger',
							typeVersion: 1,
							position: [0, 0],
							webhookId: crypto.randomUUID(),
							parameters: { path: hookPath },
						},
					],
					connections: {},
				},
				{ credential: cred },
			);
			const active = await n8n.rest('GET', '/active-workflows');
			assert.ok(active.includes(wf.id), `workflow ${wf.id} is active: ${JSON.stringify(active)}`);
			// production URL of the trigger: /webhook/<path> (full path: what users paste into jobs)
			const hooks = await n8n.productionWebhooks(await n8n.getWorkflow(wf.id));
			const hook = hooks.find((h) => h.node === 'Smile ID Trigger');
			assert.ok(hook, `trigger webhook: ${JSON.stringify(hooks)}`);
			assert.equal(hook.path, hookPath);
			assert.equal(hook.url, `${n8n.baseUrl}/webhook/${hookPath}`);
			console.log(`# Smile ID Trigger production URL: ${hook.url}`);
			// an unsigned callback reaches the trigger and is refused
			const res = await n8n.callWebhook(hook.path, { json: { hello: 'unsigned' } });
			assert.equal(res.status, 401, `unsigned callback refused: ${res.text}`);
			await n8n.deactivateWorkflow(wf);
		});
	});
}
