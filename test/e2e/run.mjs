#!/usr/bin/env node
// @ts-check
/**
 * e2e runner: installs the pinned n8n line(s) into .cache/ (cached), packs the package once,
 * then runs test/e2e/*.test.mjs with node's built-in test runner, one child per line
 * (lines in parallel by default, on separate free ports).
 *
 *   node test/e2e/run.mjs                      # both lines (1.123.x and 2.41.x), in parallel
 *   node test/e2e/run.mjs --line 1             # one line
 *   node test/e2e/run.mjs --line 2 smoke       # only files whose name contains "smoke"
 *   node test/e2e/run.mjs --serial             # lines one after the other
 *   node test/e2e/run.mjs --install-only       # just install (e.g. to warm the cache)
 *   options: --build (always `npm run build` first; otherwise only when dist/ is missing),
 *            --keep (keep temp folders), --artifacts DIR (where n8n logs, executions and the
 *            test output go for the secret-leak scan; default test-artifacts/e2e-<time>-<pid>)
 *
 * Exit code 0 only if every line passed. Last line: "e2e: N passed, N failed[, N skipped]".
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureAll, REPO_ROOT } from './lib/install.mjs';
import { assertBuilt, packPackage } from './lib/package.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;

function parseArgs(argv) {
	const o = {
		lines: ['1', '2'],
		serial: false,
		build: false,
		installOnly: false,
		keep: false,
		artifacts: '',
		filters: /** @type {string[]} */ ([]),
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--line' || a === '--lines') {
			const v = argv[++i];
			o.lines = v === 'all' || v === 'both' ? ['1', '2'] : v.split(',');
		} else if (a.startsWith('--line=')) {
			const v = a.slice(7);
			o.lines = v === 'all' || v === 'both' ? ['1', '2'] : v.split(',');
		} else if (a === '--serial') o.serial = true;
		else if (a === '--build') o.build = true;
		else if (a === '--install-only') o.installOnly = true;
		else if (a === '--keep') o.keep = true;
		else if (a === '--artifacts') o.artifacts = path.resolve(argv[++i]);
		else if (a === '-h' || a === '--help') {
			console.log(
				fs
					.readFileSync(fileURLToPath(import.meta.url), 'utf8')
					.split('\n')
					.slice(2, 20)
					.join('\n'),
			);
			process.exit(0);
		} else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
		else o.filters.push(a);
	}
	for (const l of o.lines)
		if (l !== '1' && l !== '2') throw new Error(`--line must be 1, 2 or all (got ${l})`);
	return o;
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM'])) {
	process.on(sig, () => {
		for (const c of children) c.kill(sig); // test processes stop their n8n/verdaccio groups
		setTimeout(() => process.exit(130), 3000).unref();
	});
}

/** Run one line's test files in a child `node --test`; stream its output with a prefix. */
function runLine(line, files, env) {
	const transcript = fs.createWriteStream(path.join(env.SMILEID_E2E_ARTIFACTS, `output-n8n${line}.log`));
	return new Promise((resolve) => {
		const args = ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
		const child = spawn(process.execPath, args, {
			cwd: REPO_ROOT,
			env: { ...env, SMILEID_E2E_LINES: line, FORCE_COLOR: '0', NO_COLOR: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		children.add(child);
		const counts = { pass: 0, fail: 0, skipped: 0, cancelled: 0, todo: 0 };
		let buf = '';
		const onData = (/** @type {Buffer} */ d) => {
			buf += d.toString();
			let i;
			while ((i = buf.indexOf('\n')) >= 0) {
				const l = buf.slice(0, i);
				buf = buf.slice(i + 1);
				process.stdout.write(`[n8n ${line}.x] ${l}\n`);
				transcript.write(`${l}\n`);
				const m = /^\s*ℹ (pass|fail|skipped|cancelled|todo) (\d+)\s*$/.exec(l);
				if (m) counts[/** @type {keyof typeof counts} */ (m[1])] = Number(m[2]);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (code) => {
			children.delete(child);
			if (buf) onData(Buffer.from('\n'));
			transcript.end();
			resolve({ line, code, counts });
		});
	});
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	console.log(
		`# e2e: lines ${o.lines.join(', ')}; node ${process.version}; ${os.cpus().length} cpus`,
	);

	// 1. package build (dist/) — needed for npm pack
	let built = true;
	try {
		assertBuilt();
	} catch {
		built = false;
	}
	if (o.build || !built) {
		console.log(`# building the package (npm run build)${built ? '' : ': dist/ missing'}`);
		const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
		if (r.status !== 0) throw new Error('npm run build failed');
	}

	// 2. runtimes (cached; concurrent)
	const targets = [...o.lines];
	const files = fs
		.readdirSync(HERE)
		.filter((f) => f.endsWith('.test.mjs'))
		.filter((f) => !o.filters.length || o.filters.some((x) => f.includes(x)))
		.sort()
		.map((f) => path.join('test', 'e2e', f));
	if (files.some((f) => f.includes('community'))) targets.push('verdaccio');
	console.log(`# installing/checking runtimes: ${targets.join(', ')}`);
	const inst = await ensureAll(targets);
	for (const [k, v] of Object.entries(inst)) {
		console.log(
			`#   ${k}: ${v.version ?? ''}${v.nodeVersion ? ` on node ${v.nodeVersion}` : ''} ${v.cached ? '(cached)' : v.seconds !== undefined ? `(installed in ${v.seconds}s)` : ''}`,
		);
	}
	console.log(`# runtimes ready after ${elapsed()}`);
	if (o.installOnly) return 0;
	if (!files.length) throw new Error(`no test files match ${o.filters.join(', ')}`);

	// 3. pack once
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-run-'));
	const packed = packPackage(runDir);
	console.log(`# packed ${path.basename(packed.tarball)} (${packed.files.length} files)`);
	// Secret-leak suite: every simulator in the run signs with this distinctive API key, and
	// n8n's logs, all executions (node outputs, errors) and the test output are kept as
	// artefacts and searched for it at the end.
	const secret = `sim-key-LEAKCANARY-${crypto.randomBytes(16).toString('hex')}`;
	const artifacts = o.artifacts || newArtifactsDir();
	fs.mkdirSync(artifacts, { recursive: true });
	const env = {
		...process.env,
		SMILEID_E2E_TARBALL: packed.tarball,
		SMILEID_E2E_SECRET: secret,
		SMILEID_E2E_ARTIFACTS: artifacts,
		...(o.keep ? { SMILEID_E2E_KEEP: '1' } : {}),
	};

	// 4. tests, one child per line
	console.log(`# running ${files.map((f) => path.basename(f)).join(', ')}`);
	/** @type {any[]} */
	let results;
	if (o.serial) {
		results = [];
		for (const l of o.lines) results.push(await runLine(l, files, env));
	} else {
		results = await Promise.all(o.lines.map((l) => runLine(l, files, env)));
	}
	if (!o.keep) fs.rmSync(runDir, { recursive: true, force: true });

	const total = { pass: 0, fail: 0, skipped: 0 };
	let ok = true;
	for (const r of results) {
		const c = r.counts;
		console.log(
			`# n8n ${r.line}.x: ${c.pass} passed, ${c.fail} failed, ${c.skipped} skipped, ${c.cancelled} cancelled (exit ${r.code})`,
		);
		total.pass += c.pass;
		total.fail += c.fail + c.cancelled + (r.code !== 0 && c.fail + c.cancelled === 0 ? 1 : 0);
		total.skipped += c.skipped;
		if (r.code !== 0) ok = false;
	}
	const leaks = scanForSecret(artifacts, secret);
	console.log(
		`# secret-leak scan: ${leaks.scanned} artefact files (${(leaks.bytes / 1e6).toFixed(1)} MB) in ${path.relative(REPO_ROOT, artifacts)}, ${leaks.found.length} with the API key`,
	);
	if (leaks.scanned === 0 || leaks.found.length > 0) {
		for (const f of leaks.found) console.log(`#   API key found in ${f}`);
		if (leaks.scanned === 0) console.log('#   no artefacts were written: the scan proves nothing');
		total.fail += 1;
		ok = false;
	} else {
		total.pass += 1;
	}
	console.log(`# total time ${elapsed()}`);
	console.log(
		`e2e: ${total.pass} passed, ${total.fail} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
	);
	return ok ? 0 : 1;
}

/** A folder per run (runs may overlap on a developer machine); a day's old ones go. */
function newArtifactsDir() {
	const root = path.join(REPO_ROOT, 'test-artifacts');
	fs.mkdirSync(root, { recursive: true });
	for (const entry of fs.readdirSync(root)) {
		const p = path.join(root, entry);
		if (entry.startsWith('e2e-') && Date.now() - fs.statSync(p).mtimeMs > 24 * 3600 * 1000) {
			fs.rmSync(p, { recursive: true, force: true });
		}
	}
	return path.join(root, `e2e-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
}

/**
 * Files under dir that contain the secret as text or base64 (how a header or a body would
 * carry it). @param {string} dir @param {string} secret
 */
function scanForSecret(dir, secret) {
	const needles = [Buffer.from(secret), Buffer.from(Buffer.from(secret).toString('base64'))];
	const found = [];
	let scanned = 0;
	let bytes = 0;
	const walk = (/** @type {string} */ d) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (entry.isFile()) {
				const data = fs.readFileSync(p);
				scanned++;
				bytes += data.length;
				if (needles.some((n) => data.includes(n))) found.push(path.relative(REPO_ROOT, p));
			}
		}
	};
	walk(dir);
	return { found, scanned, bytes };
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e?.stack ?? String(e));
		console.log(`e2e: 0 passed, 1 failed`);
		process.exit(1);
	},
);
