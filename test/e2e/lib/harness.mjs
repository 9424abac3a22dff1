// @ts-check
/**
 * Glue for e2e test files: which lines to run, free ports, the per-line n8n instance.
 *
 * Env (set by run.mjs; all optional when a test file is run on its own):
 *   SMILEID_E2E_LINES     comma list of n8n lines to test, default "1,2"
 *   SMILEID_E2E_TARBALL   the `npm pack` tarball of the package (else packed on demand)
 *   SMILEID_E2E_KEEP      "1": keep temp folders (n8n logs) after the run
 *   SMILEID_E2E_ARTIFACTS folder to copy n8n logs into (per instance) when the instance stops
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { startN8n } from './n8n.mjs';
import { preparePackage } from './package.mjs';

/** @returns {('1'|'2')[]} */
export function linesUnderTest() {
	const raw = process.env.SMILEID_E2E_LINES ?? process.env.SMILEID_E2E_LINE ?? '1,2';
	const lines = raw
		.split(/[,\s]+/)
		.filter(Boolean)
		.map((l) => l.replace(/^n8n-?/, '').replace(/\.x$/, ''));
	for (const l of lines)
		if (l !== '1' && l !== '2') throw new Error(`bad line ${l} in SMILEID_E2E_LINES`);
	return /** @type {('1'|'2')[]} */ (lines);
}

/** A free TCP port on 127.0.0.1 (and, for n8n, port+1000 free too). @param {{pairOffset?: number}} [o] */
export async function freePort(o = {}) {
	for (let i = 0; i < 50; i++) {
		const p = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.unref();
			srv.on('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const a = /** @type {net.AddressInfo} */ (srv.address());
				srv.close(() => resolve(a.port));
			});
		});
		const port = /** @type {number} */ (p);
		if (!o.pairOffset) return port;
		if (port + o.pairOffset > 65535) continue;
		if (await isFree(port + o.pairOffset)) return port;
	}
	throw new Error('no free port');
}

/** @param {number} port */
function isFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

/**
 * Start an n8n of `line` with the packed package loaded the way users get it
 * (community-package folder -> types `n8n-nodes-smileid.*`), unless packageMode says otherwise.
 * @param {'1'|'2'} line
 * @param {Partial<Parameters<typeof startN8n>[0]>} [o]
 */
export async function startN8nWithPackage(line, o = {}) {
	const pkg = o.packageMode === 'none' ? undefined : preparePackage();
	const port = o.port ?? (await freePort({ pairOffset: 1000 }));
	const n8n = await startN8n({
		line,
		port,
		packageDir: pkg?.packageDir,
		packageMode: o.packageMode ?? 'community',
		...o,
	});
	const origStop = n8n.stop.bind(n8n);
	n8n.stop = async (/** @type {any} */ a) => {
		if (process.env.SMILEID_E2E_ARTIFACTS) await exportExecutions(n8n, line);
		await origStop(a);
		const dest = process.env.SMILEID_E2E_ARTIFACTS;
		if (dest) {
			fs.mkdirSync(dest, { recursive: true });
			const name = `n8n${line}-${path.basename(process.argv[1] ?? 'test')}-${n8n.port}.log`;
			try {
				fs.copyFileSync(n8n.logFile, path.join(dest, name));
			} catch {
				/* ignore */
			}
		}
		if (process.env.SMILEID_E2E_KEEP !== '1')
			fs.rmSync(n8n.tmpDir, { recursive: true, force: true });
	};
	return n8n;
}

/**
 * Saves every execution of the instance (node outputs, error messages and descriptions) into
 * the artefacts folder before it stops, so the run's secret-leak scan covers them.
 * @param {import('./n8n.mjs').N8nInstance} n8n @param {string} line
 */
async function exportExecutions(n8n, line) {
	const dest = /** @type {string} */ (process.env.SMILEID_E2E_ARTIFACTS);
	const file = path.join(dest, `n8n${line}-${path.basename(process.argv[1] ?? 'test')}-${n8n.port}-executions.json`);
	try {
		// n8n 2.x refuses pages over 100: walk the list with lastId.
		const executions = [];
		let lastId;
		for (;;) {
			const qs = new URLSearchParams({ filter: '{}', limit: '100', ...(lastId ? { lastId } : {}) });
			const page = await n8n.rest('GET', `/executions?${qs}`);
			const summaries = /** @type {any[]} */ (page.results ?? page);
			for (const summary of summaries) executions.push(await n8n.getExecution(summary.id));
			if (summaries.length < 100) break;
			lastId = String(summaries[summaries.length - 1].id);
		}
		fs.mkdirSync(dest, { recursive: true });
		fs.writeFileSync(file, JSON.stringify(executions));
	} catch (error) {
		fs.mkdirSync(dest, { recursive: true });
		fs.writeFileSync(`${file}.error.txt`, String(error instanceof Error ? error.stack : error));
	}
}

/**
 * Load test/e2e/workflows/<name>.json and substitute `__VAR__` placeholders in every string
 * (e.g. __PATH__, __WEBHOOK_ID__, __CREDENTIAL_ID__, __CREDENTIAL_NAME__). Type names in the
 * files are the ones users get (`n8n-nodes-smileid.smileId`); N8nInstance.createWorkflow maps
 * them for the CUSTOM.* mode.
 * @param {string} name @param {Record<string, string>} [vars]
 */
export function loadWorkflow(name, vars = {}) {
	const file = path.join(
		path.dirname(new URL(import.meta.url).pathname),
		'..',
		'workflows',
		name.endsWith('.json') ? name : `${name}.json`,
	);
	const wf = JSON.parse(fs.readFileSync(file, 'utf8'));
	const sub = (/** @type {any} */ v) => {
		if (typeof v === 'string') {
			return v.replace(/__([A-Z0-9_]+)__/g, (m, k) => {
				if (!(k in vars)) throw new Error(`workflow ${name}: no value for placeholder ${m}`);
				return vars[k];
			});
		}
		if (Array.isArray(v)) return v.map(sub);
		if (v && typeof v === 'object')
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)]));
		return v;
	};
	return sub(wf);
}
