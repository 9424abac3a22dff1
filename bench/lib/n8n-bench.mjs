// @ts-check
/**
 * A workflow of N items through the Smile ID node in real n8n 2.x, started with the e2e
 * harness (community package, n8n 2.41.1 on Node 24): Webhook (answers when the last node
 * finishes) → Split Out → Smile ID. Benchmark 4 runs Document Verification (no wait, image
 * source URL: the simulator's /__samples/ JPEGs); benchmark 6 runs Enhanced KYC lookups.
 */
import crypto from 'node:crypto';

import { N8nInstance } from '../../test/e2e/lib/n8n.mjs';
import { startN8nWithPackage } from '../../test/e2e/lib/harness.mjs';
import { startSim } from '../../test/e2e/lib/sim.mjs';
import { splitItems, webhookNode } from '../../test/e2e/lib/action-helpers.mjs';

const median = (/** @type {number[]} */ xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * What each benchmark sends through the node, and how an item that did the job looks.
 * @type {Record<'dv' | 'kyc', { parameters: (simUrl: string) => Record<string, unknown>, done: (json: any) => boolean }>}
 */
const KINDS = {
	dv: {
		parameters: (simUrl) => {
			const sample = (/** @type {string} */ name) => `${simUrl}/__samples/${name}.jpg`;
			return {
				resource: 'document',
				operation: 'verify',
				userId: '={{ $json.userId }}',
				country: 'NG',
				idType: 'IDENTITY_CARD',
				imageSource: 'url',
				selfie: sample('selfie'),
				idCardFront: sample('id_card_front'),
				idCardBack: sample('id_card_back'),
				callbackUrl: '={{ $json.callbackUrl }}',
				waitForResult: false,
				options: {},
			};
		},
		done: (json) => json.outcome === 'pending',
	},
	// the same lookup as benchmark 6's in-process runs (client.mjs KYC_ID)
	kyc: {
		parameters: () => ({
			resource: 'idNumber',
			operation: 'lookUp',
			userId: '={{ $json.userId }}',
			country: 'KE',
			idType: 'NATIONAL_ID',
			idNumber: '00000000',
			lookupMode: 'sync',
			options: {},
		}),
		done: (json) => json.resultCode === '1012',
	},
};

/**
 * @param {'dv' | 'kyc'} kind @param {string} hookPath @param {{id: string, name: string}} cred
 * @param {string} simUrl
 */
function workflow(kind, hookPath, cred, simUrl) {
	return {
		name: `bench ${kind} ${hookPath}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(hookPath, 'noData'),
			splitItems(),
			{
				id: crypto.randomUUID(),
				name: 'Smile ID',
				type: 'n8n-nodes-smileid.smileId',
				typeVersion: 1,
				position: [440, 0],
				credentials: { smileIdApi: { id: cred.id, name: cred.name } },
				parameters: KINDS[kind].parameters(simUrl),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Smile ID', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * @param {{kind: 'dv' | 'kyc', items: number, reps: number, latencyMs: number, callbackUrl: string, log: (s: string) => void}} o
 */
export async function runN8nBench(o) {
	const sim = await startSim({ partnerId: '085', latencyMs: o.latencyMs });
	/** @type {N8nInstance | undefined} */
	let n8n;
	try {
		n8n = await startN8nWithPackage('2');
		o.log(`  n8n ${n8n.version} on node ${n8n.nodeVersion} ready in ${n8n.startupMs} ms`);
		const cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID bench');
		const hookPath = `bench-${o.kind}-${crypto.randomBytes(4).toString('hex')}`;
		const wf = await n8n.createActiveWorkflow(workflow(o.kind, hookPath, cred, sim.url));
		const runs = [];
		let lastId = 0;
		for (let rep = 0; rep <= o.reps; rep++) {
			const tag = crypto.randomBytes(3).toString('hex');
			const items = Array.from({ length: o.items }, (_, i) => ({
				userId: `bench-n8n-${tag}-${i}`,
				callbackUrl: o.callbackUrl,
			}));
			const before = sim.stats().jobsCreated;
			const t0 = performance.now();
			const res = await n8n.callWebhook(hookPath, { json: { items }, timeoutMs: 600_000 });
			const wallMs = performance.now() - t0;
			if (res.status !== 200)
				throw new Error(`webhook answered ${res.status}: ${String(res.text).slice(0, 500)}`);
			const ex = await n8n.waitForExecution({
				workflowId: wf.id,
				after: lastId,
				timeoutMs: 120_000,
			});
			lastId = Number(ex.id);
			const out = N8nInstance.nodeOutput(ex, 'Smile ID')?.[0] ?? [];
			const done = out.filter(
				(/** @type {any} */ j, /** @type {number} */ i) =>
					KINDS[o.kind].done(j) && j.userId === items[i].userId,
			).length;
			const executionMs = new Date(ex.stoppedAt).getTime() - new Date(ex.startedAt).getTime();
			const run = {
				wallMs,
				executionMs,
				itemsPerSecond: o.items / (wallMs / 1000),
				jobsCreated: sim.stats().jobsCreated - before,
				doneOutputs: done,
				status: ex.status,
			};
			if (run.doneOutputs !== o.items) {
				const firstBad = out.find((/** @type {any} */ j) => !KINDS[o.kind].done(j));
				throw new Error(
					`run ${rep}: ${run.doneOutputs}/${o.items} items done; e.g. ${JSON.stringify(firstBad ?? out[0] ?? ex.data?.resultData?.error).slice(0, 400)}`,
				);
			}
			o.log(
				`  ${rep === 0 ? 'warm-up' : `run ${rep}`}: ${(wallMs / 1000).toFixed(2)} s wall, ${(executionMs / 1000).toFixed(2)} s execution, ${run.itemsPerSecond.toFixed(1)} items/s, ${run.jobsCreated} jobs`,
			);
			if (rep > 0) runs.push(run);
		}
		return {
			version: n8n.version,
			nodeVersion: n8n.nodeVersion,
			startupMs: n8n.startupMs,
			items: o.items,
			runs,
			wallMsMedian: median(runs.map((r) => r.wallMs)),
			itemsPerSecondMedian: median(runs.map((r) => r.itemsPerSecond)),
		};
	} finally {
		await n8n?.stop();
		await sim.stop();
	}
}
