#!/usr/bin/env node
// @ts-check
/**
 * `npm run dev`: the product on this machine. Builds the package, starts the offline Smile ID
 * simulator and a local n8n with the package installed as a community package, creates the
 * "Smile ID (local simulator)" credential, imports and activates the example workflows, and
 * prints what to open. Ctrl+C stops everything.
 *
 *   npm run dev                      # n8n 2.41.1 on Node 24 (installed into .cache/ on first use)
 *   npm run dev -- --line 1          # n8n 1.123.x on this machine's Node 20
 *   N8N_PORT=5679 SMILE_SIM_PORT=4011 npm run dev
 *   npm run dev -- --fresh           # forget the workflows and executions of earlier runs
 *
 * n8n's data (workflows you build, executions) stays in .cache/dev/n8n-<line> between runs.
 * Nothing else is left in the working tree: `npm run lint` (eslint over every file below the
 * repository, .cache included) would otherwise read the packed package and the ~700 editor
 * files n8n writes into <user folder>/.cache on every start, and take over a minute.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import { CACHE_DIR, REPO_ROOT } from './lib/install.mjs';
import { OWNER, startN8n } from './lib/n8n.mjs';
import { packPackage, unpackPackage } from './lib/package.mjs';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../simulator/index.js');

const CREDENTIAL_NAME = 'Smile ID (local simulator)';
// The MCP server example's Bearer Auth (examples/ai-agent-kyc-tools.json).
const MCP_CREDENTIAL_NAME = 'MCP bearer token (local)';
const MCP_TOKEN = 'local-mcp-token';
const SIM_PARTNER_ID = '085';
const SIM_API_KEY = 'sim-key-local-development';
// The examples' callback URLs (the Smile ID Trigger's smile-id and smile-link-result paths)
// assume n8n on port 5678; N8N_PORT moves them.
const EXAMPLE_WEBHOOK_BASE = 'http://localhost:5678/webhook/';

function parseArgs(argv) {
	const o = { line: /** @type {'1'|'2'} */ ('2'), fresh: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--line') o.line = /** @type {'1'|'2'} */ (argv[++i]);
		else if (argv[i] === '--fresh') o.fresh = true;
		else throw new Error(`unknown option ${argv[i]} (use --line 1|2, --fresh)`);
	}
	if (o.line !== '1' && o.line !== '2') throw new Error('--line must be 1 or 2');
	return o;
}

function build() {
	const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('npm run build failed');
}

/** @param {import('./lib/n8n.mjs').N8nInstance} n8n @param {{partnerId: string, apiKey: string, baseUrl: string}} sim */
async function ensureCredential(n8n, sim) {
	const existing = /** @type {any[]} */ (await n8n.rest('GET', '/credentials'));
	const found = existing.find((c) => c.name === CREDENTIAL_NAME);
	if (found) return found;
	return n8n.createSmileIdCredential(sim, CREDENTIAL_NAME);
}

/** @param {import('./lib/n8n.mjs').N8nInstance} n8n */
async function ensureMcpCredential(n8n) {
	const existing = /** @type {any[]} */ (await n8n.rest('GET', '/credentials'));
	const found = existing.find((c) => c.name === MCP_CREDENTIAL_NAME);
	if (found) return found;
	return n8n.createCredential({
		name: MCP_CREDENTIAL_NAME,
		type: 'httpBearerAuth',
		data: { token: MCP_TOKEN },
	});
}

/**
 * @param {import('./lib/n8n.mjs').N8nInstance} n8n @param {{id: string, name: string}} credential
 * @param {{id: string, name: string}} mcpCredential
 */
async function importExamples(n8n, credential, mcpCredential) {
	const dir = path.join(REPO_ROOT, 'examples');
	const existing = /** @type {any[]} */ (await n8n.rest('GET', '/workflows'));
	const imported = [];
	for (const file of fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const text = fs
			.readFileSync(path.join(dir, file), 'utf8')
			.replaceAll(EXAMPLE_WEBHOOK_BASE, `${n8n.baseUrl}/webhook/`);
		const json = JSON.parse(text);
		let wf = existing.find((w) => w.name === json.name);
		if (!wf)
			wf = await n8n.createWorkflow(json, {
				credential,
				otherCredentials: { httpBearerAuth: mcpCredential },
			});
		if (!wf.active) await n8n.activateWorkflow(wf);
		imported.push(wf.name);
	}
	return imported;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const simPort = Number(process.env.SMILE_SIM_PORT ?? 4010);
	const devDir = path.join(CACHE_DIR, 'dev', `n8n-${opts.line}`);
	if (opts.fresh) fs.rmSync(devDir, { recursive: true, force: true });

	console.log('> building the package');
	build();
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-dev-package-'));
	const packageDir = unpackPackage(
		packPackage(packDir).tarball,
		path.join(packDir, 'n8n-nodes-smileid'),
	);

	const sim = await startSimulator({
		port: simPort,
		host: '127.0.0.1',
		partnerId: SIM_PARTNER_ID,
		apiKey: SIM_API_KEY,
	});
	console.log(`> Smile ID simulator on ${sim.url}`);

	console.log(
		`> starting n8n (line ${opts.line}; the first run installs it into .cache/, a few minutes)`,
	);
	const n8n = await startN8n({
		line: opts.line,
		port: n8nPort,
		packageDir,
		packageMode: 'community',
		tmpDir: devDir,
		startTimeoutMs: 300_000,
	});
	// n8n has copied the package into its own nodes folder by now
	fs.rmSync(packDir, { recursive: true, force: true });
	const forgetEditorAssets = () =>
		fs.rmSync(path.join(devDir, 'user', '.cache'), { recursive: true, force: true });
	const credential = await ensureCredential(n8n, sim.credentials);
	const examples = await importExamples(n8n, credential, await ensureMcpCredential(n8n));

	const editor = `http://localhost:${n8nPort}`;
	console.log(`
n8n ${n8n.version} is running with n8n-nodes-smileid: ${editor}
  log in:        ${OWNER.email} / ${OWNER.password}
  credential:    "${CREDENTIAL_NAME}" (partner ID ${SIM_PARTNER_ID}, base URL ${sim.url})
  examples:      ${examples.join('; ')} (active)
  MCP server:    ${editor}/mcp/smile-id-kyc, header "Authorization: Bearer ${MCP_TOKEN}" (Smile ID tools for an AI agent)
  simulator:     ${sim.url}; the user ID prefix picks the result: approved-, rejected-, provisional-,
                 attention-, never-; sample images at ${sim.url}/__samples/selfie.jpg,
                 id_card_front.jpg, liveness_1.jpg … liveness_8.jpg
  n8n log:       ${n8n.logFile}

Try the onboarding example:
  curl -s -X POST ${editor}/webhook/kyc-onboarding -H 'Content-Type: application/json' \\
    -d '{"userId":"approved-ada","country":"NG","idType":"PASSPORT","selfieUrl":"${sim.url}/__samples/selfie.jpg","idCardFrontUrl":"${sim.url}/__samples/id_card_front.jpg"}'

Stop with Ctrl+C.`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\n> stopping n8n and the simulator');
		await n8n.stop();
		forgetEditorAssets();
		await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	await n8n.exitP;
	if (!stopping) {
		console.error(`n8n exited unexpectedly; see ${n8n.logFile}`);
		forgetEditorAssets();
		await sim.stop();
		process.exit(1);
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
