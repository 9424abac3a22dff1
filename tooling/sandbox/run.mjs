#!/usr/bin/env node
// @ts-check
/**
 * npm run sandbox: checks the package against a real Smile ID sandbox (or, with --simulator,
 * against the offline simulator). Every operation of the Smile ID node runs once in a local
 * n8n with the packed package, then every assumption in docs/assumptions.md is reported as
 * confirmed, refuted or not reached.
 *
 *   SMILEID_SANDBOX_PARTNER_ID=085 SMILEID_SANDBOX_API_KEY=... npm run sandbox
 *   npm run sandbox -- --public-url https://my-tunnel.example.com   # also check the trigger
 *   npm run sandbox -- --simulator                                   # offline
 *   options: --line 1|2 (n8n line, default 2), --out DIR (default sandbox-report),
 *            --wait-timeout SECONDS, --sim-option key=value (simulator only)
 *
 * Only the sandbox (https://testapi.smileidentity.com) is accepted: a production URL is
 * refused, so the run can never create a billed job. The key is read from the environment,
 * never printed, and redacted from the report. Exit code 0 when every operation answered in
 * the shape the package expects and no assumption was refuted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { startN8nWithPackage } from '../../test/e2e/lib/harness.mjs';
import { ensureN8n, REPO_ROOT } from '../../test/e2e/lib/install.mjs';
import { assertBuilt } from '../../test/e2e/lib/package.mjs';
import { startSim } from '../../test/e2e/lib/sim.mjs';
import checks from './checks.js';
import reporting from './report.js';
import target from './target.js';
import { runOperations } from './operations.mjs';

function parseArgs(/** @type {string[]} */ argv) {
	const o = {
		simulator: false,
		line: /** @type {'1'|'2'} */ ('2'),
		out: 'sandbox-report',
		publicUrl: '',
		waitTimeout: 0,
		simOptions: /** @type {Record<string, any>} */ ({}),
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--simulator') o.simulator = true;
		else if (a === '--line') o.line = /** @type {'1'|'2'} */ (argv[++i]);
		else if (a === '--out') o.out = argv[++i];
		else if (a === '--public-url') o.publicUrl = argv[++i];
		else if (a === '--wait-timeout') o.waitTimeout = Number(argv[++i]);
		else if (a === '--sim-option') {
			const [k, ...v] = String(argv[++i]).split('=');
			o.simOptions[k] = v.join('=');
		} else throw new Error(`unknown option ${a} (see the top of tooling/sandbox/run.mjs)`);
	}
	if (o.line !== '1' && o.line !== '2') throw new Error('--line must be 1 or 2');
	if (Object.keys(o.simOptions).length > 0 && !o.simulator)
		throw new Error('--sim-option needs --simulator');
	return o;
}

function commitOf() {
	try {
		const head = execFileSync('git', ['rev-parse', 'HEAD'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		}).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		}).trim();
		return dirty ? `${head} (with uncommitted changes)` : head;
	} catch {
		return 'unknown';
	}
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	/** @type {{partnerId: string, apiKey: string, baseUrl: string}} */
	let credentials;
	/** @type {any} */
	let sim;
	if (o.simulator) {
		sim = await startSim({ callbackRetries: 0, ...o.simOptions });
		credentials = sim.credentials;
	} else {
		const partnerId = process.env.SMILEID_SANDBOX_PARTNER_ID?.trim();
		const apiKey = process.env.SMILEID_SANDBOX_API_KEY?.trim();
		if (!partnerId || !apiKey) {
			console.error(
				'Set SMILEID_SANDBOX_PARTNER_ID and SMILEID_SANDBOX_API_KEY (your sandbox keys from the Smile ID portal), or pass --simulator.',
			);
			process.exit(2);
		}
		const base = target.checkSandboxUrl(process.env.SMILEID_SANDBOX_BASE_URL);
		if ('refused' in base) {
			console.error(base.refused);
			process.exit(2);
		}
		credentials = { partnerId, apiKey, baseUrl: base.url };
	}
	const log = (/** @type {string} */ s) =>
		console.log(`[sandbox] ${s}`.split(credentials.apiKey).join(reporting.REDACTED));
	const startedAt = new Date().toISOString();
	try {
		assertBuilt();
	} catch {
		log('building the package (npm run build): dist/ is missing');
		if (spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0)
			throw new Error('npm run build failed');
	}
	await ensureN8n(o.line);
	const n8n = await startN8nWithPackage(o.line);
	let result;
	try {
		const cred = await n8n.createSmileIdCredential(credentials, 'Smile ID sandbox check');
		log(
			`n8n ${n8n.version} ready; checking ${o.simulator ? `the simulator ${credentials.baseUrl}` : credentials.baseUrl}`,
		);
		result = await runOperations({
			n8n,
			cred,
			line: o.line,
			baseUrl: credentials.baseUrl,
			simulated: o.simulator,
			publicUrl: o.publicUrl || undefined,
			log,
			waitTimeout: o.waitTimeout || (o.simulator ? 30 : 120),
			completeLink: o.simulator
				? async (link) => {
						const res = await fetch(link, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({ id_type_index: 0 }),
						});
						if (!res.ok) throw new Error(`the simulator's hosted page answered ${res.status}`);
					}
				: undefined,
		});
	} finally {
		await n8n.stop();
		await sim?.stop();
	}
	const report = reporting.buildReport(
		{
			target: credentials.baseUrl,
			simulated: o.simulator,
			commit: commitOf(),
			n8n: `${n8n.version} on Node ${n8n.nodeVersion}`,
			startedAt,
			operations: result.operations,
			assumptions: checks.evaluate(result.evidence),
		},
		credentials.apiKey,
	);
	const out = path.resolve(o.out);
	fs.mkdirSync(out, { recursive: true });
	fs.writeFileSync(
		path.join(out, 'sandbox-report.json'),
		`${JSON.stringify(report.json, null, 2)}\n`,
	);
	fs.writeFileSync(path.join(out, 'sandbox-report.md'), report.markdown);
	console.log(report.markdown.split(credentials.apiKey).join(reporting.REDACTED));
	console.log(
		`[sandbox] report written to ${path.relative(process.cwd(), out) || '.'}/sandbox-report.{json,md}`,
	);
	console.log(
		`[sandbox] ${report.passed ? 'PASSED' : 'FAILED'}: ${report.json.summary.operationsExpected} operations as expected, ${report.json.summary.operationsUnexpected} not; ${report.json.summary.confirmed} assumptions confirmed, ${report.json.summary.refuted} refuted, ${report.json.summary.notReached} not reached`,
	);
	process.exitCode = report.passed ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((e) => {
		console.error(`[sandbox] ${e instanceof Error ? e.message : String(e)}`);
		process.exit(2);
	});
}
