// @ts-check
/**
 * The offline Smile ID simulator (test/simulator, owned by another helper), started in-process.
 *   const sim = await startSim({ partnerId: '085', apiKey: 'k' });
 *   sim.credentials -> { partnerId, apiKey, baseUrl }
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

import { REPO_ROOT } from './install.mjs';

const require = createRequire(import.meta.url);

/** @param {{port?: number, partnerId?: string, apiKey?: string, [k: string]: any}} [opts] */
export async function startSim(opts = {}) {
	const { startSimulator } = require(path.join(REPO_ROOT, 'test', 'simulator', 'index.js'));
	const sim = await startSimulator({
		port: 0,
		partnerId: '085',
		// run.mjs sets a distinctive key for the whole run and scans every artefact for it.
		apiKey: process.env.SMILEID_E2E_SECRET ?? `sim-key-${crypto.randomBytes(12).toString('hex')}`,
		...opts,
	});
	return sim;
}

/** Fetch a simulator control endpoint. @param {{url: string}} sim @param {string} p @param {any} [json] */
export async function simControl(sim, p, json) {
	const r = await fetch(`${sim.url.replace(/\/$/, '')}${p}`, {
		method: json === undefined ? 'GET' : 'POST',
		headers: json === undefined ? {} : { 'content-type': 'application/json' },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	return r.json();
}
