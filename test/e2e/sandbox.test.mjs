// @ts-check
/**
 * `npm run sandbox -- --simulator`: the command that checks the package against a real Smile ID
 * sandbox, run offline against the simulator. It must pass; and when the simulator breaks one
 * assumption (a link job names its link under another PartnerParams key) the report must say
 * "refuted" for exactly that one, while the package still reads the link reference.
 *
 * One n8n line is enough (2.x): the command drives the same operations the other e2e files
 * test on both lines; this file tests the command and its report.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import { linesUnderTest } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';

/** @param {string[]} args @returns {Promise<{code: number | null, output: string}>} */
function runSandbox(args) {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[path.join(REPO_ROOT, 'tooling', 'sandbox', 'run.mjs'), ...args],
			{
				cwd: REPO_ROOT,
				env: { ...process.env, SMILEID_SANDBOX_API_KEY: '', SMILEID_SANDBOX_PARTNER_ID: '' },
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

/** @param {string} name */
function outDir(name) {
	const base =
		process.env.SMILEID_E2E_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-sandbox-'));
	return path.join(base, name);
}

/** @param {string} dir */
const readReport = (dir) =>
	JSON.parse(fs.readFileSync(path.join(dir, 'sandbox-report.json'), 'utf8'));

const ALL_OPERATIONS = [
	'smartSelfie.register',
	'smartSelfie.authenticate',
	'smartSelfie.compare',
	'document.verify',
	'document.verifyWithAuthority',
	'idNumber.lookUp',
	'idNumber.lookUpAsync',
	'idNumber.verifyDetails',
	'idNumber.verifyWithSelfie',
	'idNumber.resetRateLimit',
	'aml.screen',
	'job.getStatus',
	'job.getStatusUnknown',
	'job.getStatusKyc',
	'business.verify',
	'business.verifyTax',
	'business.verifyAsync',
	'business.asyncStatus',
	'phone.verify',
	'phone.verifyAsync',
	'phone.asyncStatus',
	'address.verify',
	'address.status',
	'link.create',
	'link.get',
	'link.getAll',
	'link.resultStatus',
	'link.update',
	'link.getAfterUpdate',
	'trigger',
	'callback.verify',
];

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x npm run sandbox -- --simulator`, { timeout: 600_000 }, () => {
		if (line !== '2') {
			test(
				'runs on the 2.x line only',
				{ skip: 'one line is enough for the command itself' },
				() => {},
			);
			return;
		}

		test('every operation answers in the expected shape, no assumption is refuted, the report is written', async () => {
			const dir = outDir('sandbox-simulator');
			const { code, output } = await runSandbox(['--simulator', '--line', line, '--out', dir]);
			assert.equal(code, 0, output.slice(-4000));
			const report = readReport(dir);
			assert.equal(report.passed, true);
			assert.equal(report.simulated, true);
			assert.deepEqual(
				report.operations.map((/** @type {any} */ o) => o.key).sort(),
				[...ALL_OPERATIONS].sort(),
			);
			assert.deepEqual(
				report.operations.filter((/** @type {any} */ o) => o.shape !== 'expected'),
				[],
			);
			const statuses = Object.fromEntries(
				report.assumptions.map((/** @type {any} */ a) => [a.id, a.status]),
			);
			assert.deepEqual(
				Object.entries(statuses).filter(([, s]) => s !== 'confirmed'),
				[
					'retry-flag',
					'link-refusal-codes',
					'kyb-country-rules',
					'repeat-2215-unbilled',
					'unbilled-operations',
				].map((id) => [id, 'not reached']),
			);
			assert.match(
				fs.readFileSync(path.join(dir, 'sandbox-report.md'), 'utf8'),
				/\| link-ref-field \| confirmed \|/,
			);
			assert.match(
				output,
				/PASSED: 31 operations as expected, 0 not; 33 assumptions confirmed, 0 refuted, 5 not reached/,
			);
		});

		test('a simulator that names the link under link_ref_id: the report refutes link-ref-field, the package still reads the reference', async () => {
			const dir = outDir('sandbox-simulator-link-ref-id');
			const { code, output } = await runSandbox([
				'--simulator',
				'--line',
				line,
				'--out',
				dir,
				'--sim-option',
				'linkRefParam=link_ref_id',
			]);
			assert.equal(code, 1, 'a refuted assumption fails the command');
			const report = readReport(dir);
			assert.equal(report.passed, false);
			const refuted = report.assumptions.filter((/** @type {any} */ a) => a.status === 'refuted');
			assert.equal(refuted.length, 1, JSON.stringify(refuted));
			assert.equal(refuted[0].id, 'link-ref-field');
			assert.match(
				refuted[0].evidence,
				/^The link ref_id came under PartnerParams\.link_ref_id, not smile_link_id/,
			);
			assert.deepEqual(
				report.operations.filter((/** @type {any} */ o) => o.shape !== 'expected'),
				[],
			);
			const refId = report.operations.find((/** @type {any} */ o) => o.key === 'link.create')
				.answered.refId;
			const status = report.operations.find(
				(/** @type {any} */ o) => o.key === 'link.resultStatus',
			).answered;
			assert.equal(status.linkRefId, refId, 'Job Status read the reference from the other field');
			assert.equal(status.partnerParams.link_ref_id, refId);
			assert.match(
				status.partnerParams.n8n_sandbox_ref,
				/^ref-/,
				"Create's partner params came back with the result",
			);
			assert.ok(
				status.warnings.some((/** @type {string} */ w) =>
					w.startsWith('linkRefId was read from PartnerParams.link_ref_id.'),
				),
			);
			const trigger = report.operations.find(
				(/** @type {any} */ o) => o.key === 'trigger',
			).answered;
			const viaTrigger = trigger.find((/** @type {any} */ i) => i.linkRefId === refId);
			assert.ok(viaTrigger, 'the trigger read the reference from the other field too');
			assert.ok(
				viaTrigger.warnings.some((/** @type {string} */ w) =>
					w.includes('PartnerParams.link_ref_id'),
				),
			);
			assert.match(output, /\| link-ref-field \| refuted \|/);
		});
	});
}
