// @ts-check
/**
 * A 2xx to Smile ID is a promise: Smile ID does not send a callback again once it got one. In
 * REAL n8n (regular mode, SQLite), a stream of genuine callbacks goes to the Smile ID Trigger
 * and n8n is killed (SIGKILL, its whole process group) the moment the first 2xx arrives; after
 * a restart every callback answered 2xx must have its execution (any status: n8n marks a run it
 * was killed in as crashed, with the trigger's item kept for a retry).
 *
 * n8n 2.x answers an accepted callback (onReceived) only once it has created the execution.
 * n8n 1.x answers onReceived before it creates the execution; there the trigger answers from its
 * own step of the run (responseNode), so the execution exists before the 2xx on both lines.
 *
 * It also measures what a callback costs (median time to the answer over sequential callbacks)
 * for trigger version 2 (static-data replay memory) and version 3 with and without Job Status
 * confirmation, and how many of 40 distinct callbacks sent at once version 2's static-data
 * memory keeps (version 3 writes none).
 *
 * Run: node test/e2e/run.mjs --line 2 trigger-crash
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePort, linesUnderTest } from './lib/harness.mjs';
import { startN8n } from './lib/n8n.mjs';
import { preparePackage } from './lib/package.mjs';
import { startSim } from './lib/sim.mjs';
import {
	TRIGGER_NAME,
	approvedCallback,
	rnd,
	signCallback,
	simCallbacks,
	streamUntilFirst2xx,
	startSink,
	submitSimJob,
	triggerWorkflow,
} from './lib/trigger-helpers.mjs';

const ROUNDS = Number(process.env.SMILEID_E2E_CRASH_ROUNDS ?? 4);
const LATENCY_SAMPLES = 20;

const median = (/** @type {number[]} */ xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x: a callback answered 2xx survives a crash`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;
		/** @type {{id: string, name: string}} */
		let cred;
		/** @type {string} */
		let tmpDir;
		/** @type {number} */
		let port;
		const pkg = preparePackage();

		const start = async (/** @type {boolean} */ fresh) => {
			n8n = await startN8n({
				line,
				port,
				tmpDir,
				packageDir: pkg.packageDir,
				packageMode: 'community',
				setupOwner: fresh,
			});
			if (!fresh) await n8n.login();
		};

		before(async () => {
			sim = await startSim({ partnerId: '085' });
			tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `smileid-e2e-crash${line}-`));
			port = await freePort({ pairOffset: 1000 });
			await start(true);
			cred = await n8n.createSmileIdCredential(sim.credentials, `Smile ID sim crash (${line}.x)`);
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop?.();
			if (process.env.SMILEID_E2E_KEEP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
		});

		/** Every execution of a workflow, as JSON text (a crashed run keeps only its start data). */
		const executionTexts = async (/** @type {string} */ workflowId) => {
			const texts = [];
			for (const s of await n8n.listExecutions({ workflowId, limit: 100 })) {
				texts.push(JSON.stringify(await n8n.getExecution(String(s.id))));
			}
			return texts;
		};

		test('SIGKILL right after a 2xx: every callback answered 2xx has its execution after restart', async () => {
			const wf = await n8n.createActiveWorkflow(
				triggerWorkflow('crash: trigger v2', { path: `crash-${rnd()}` }),
				{ credential: cred },
			);
			const webhookPath = wf.nodes[0].parameters.path;
			/** @type {string[]} */
			const answered = [];
			for (let round = 0; round < ROUNDS; round++) {
				const url = `${n8n.baseUrl}/webhook/${webhookPath}`;
				const pid = /** @type {number} */ (n8n.child.pid);
				const post = async (/** @type {any} */ body) => {
					const r = await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body),
					});
					await r.text();
					return r.status;
				};
				const kill = () => process.kill(-pid, 'SIGKILL');
				answered.push(
					...(await streamUntilFirst2xx(post, kill, sim.credentials, `crash-${line}-${round}`)),
				);
				await n8n.stop();
				await start(false);
			}
			const texts = await executionTexts(wf.id);
			const lost = answered.filter((jobId) => !texts.some((t) => t.includes(jobId)));
			console.log(
				`# n8n ${line}.x: ${answered.length} callbacks answered 2xx over ${ROUNDS} kills, ${lost.length} without an execution after restart${lost.length ? `: ${lost.join(', ')}` : ''}`,
			);
			assert.ok(answered.length >= ROUNDS, 'each round got at least one 2xx');
			assert.deepEqual(lost, [], 'every callback answered 2xx has its execution');
		});

		test('cost of a callback: median time to the answer, versions 2 and 3', async () => {
			const sink = await startSink();
			try {
				/** @type {Record<string, number>} */
				const medians = {};
				const variants = [
					['v2 (static data)', 2, {}],
					['v3, Confirm With Job Status off', 3, { confirmWithJobStatus: false }],
					['v3 default (Job Status confirmation)', 3, {}],
				];
				const jobs = [];
				for (let i = 0; i < LATENCY_SAMPLES; i++) {
					jobs.push(
						await submitSimJob(sim, {
							jobType: 6,
							userId: `approved-cost-${rnd()}`,
							callbackUrl: `${sink.url}/cost`,
						}),
					);
				}
				const payloads = [];
				for (const job of jobs) payloads.push((await simCallbacks(sim, job.jobId))[0].payload);
				const urls = [];
				for (const [label, version, parameters] of variants) {
					const wf = await n8n.createActiveWorkflow(
						triggerWorkflow(
							`cost: ${label}`,
							{ path: `cost-${rnd()}`, .../** @type {object} */ (parameters) },
							/** @type {number} */ (version),
						),
						{ credential: cred },
					);
					urls.push(`${n8n.baseUrl}/webhook/${wf.nodes[0].parameters.path}`);
				}
				/** @type {number[][]} */
				const times = variants.map(() => []);
				// Round robin over the variants, so that a busy moment of the machine weighs on all.
				for (const payload of payloads) {
					for (const [v, url] of urls.entries()) {
						const body = JSON.stringify(signCallback(payload, sim.credentials));
						const t0 = performance.now();
						const r = await fetch(url, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body,
						});
						const answer = await r.text();
						times[v].push(performance.now() - t0);
						assert.equal(`${r.status} ${answer}`, '200 {"received":true}', variants[v][0]);
					}
				}
				for (const [v, [label]] of variants.entries()) {
					medians[/** @type {string} */ (label)] = median(times[v]);
				}
				console.log(
					`# n8n ${line}.x, median time to the 2xx over ${LATENCY_SAMPLES} sequential callbacks: ${Object.entries(
						medians,
					)
						.map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
						.join('; ')}`,
				);
			} finally {
				await sink.stop();
			}
		});

		test('distinct callbacks at the same moment: what static data keeps (version 2), none written (version 3)', async () => {
			const N = 40;
			/** @type {Record<string, number>} */
			const kept = {};
			for (const [label, version, parameters] of /** @type {const} */ ([
				['v2', 2, {}],
				['v3', 3, { confirmWithJobStatus: false }],
			])) {
				const wf = await n8n.createActiveWorkflow(
					triggerWorkflow(
						`static data: ${label}`,
						{ path: `static-${rnd()}`, ...parameters },
						version,
					),
					{ credential: cred },
				);
				const url = `${n8n.baseUrl}/webhook/${wf.nodes[0].parameters.path}`;
				const signedAt = Date.now();
				const answers = await Promise.all(
					Array.from({ length: N }, async (_, i) => {
						// a millisecond apart: callbacks signed in one millisecond share a signature
						const cb = signCallback(
							approvedCallback(`static-${label}-${i}-${rnd(3)}`),
							sim.credentials,
							{ timestamp: new Date(signedAt - i).toISOString() },
						);
						const r = await fetch(url, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(cb),
						});
						return `${r.status} ${await r.text()}`;
					}),
				);
				assert.deepEqual(new Set(answers), new Set(['200 {"received":true}']));
				const stored = (await n8n.getWorkflow(wf.id))?.staticData?.[`node:${TRIGGER_NAME}`];
				kept[label] = Object.keys(stored?.acceptedCallbacks ?? {}).length;
			}
			console.log(
				`# n8n ${line}.x, ${N} distinct callbacks at once: static data kept ${kept.v2}/${N} records (version 2), ${kept.v3} (version 3 writes none)`,
			);
			assert.equal(kept.v3, 0);
		});
	});
}
