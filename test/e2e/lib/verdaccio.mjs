// @ts-check
/**
 * A throw-away local npm registry (verdaccio, installed into .cache/ by install.mjs, run on
 * Node 24) on loopback, storage in a temp dir, NO uplinks: only what a test publishes exists.
 *
 *   const reg = await startVerdaccio({ port: 4873 });
 *   await reg.publish(tarball);             // npm publish with a registered user's token
 *   ... N8N_COMMUNITY_PACKAGES_REGISTRY = reg.url ...
 *   await reg.stop();
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { ensureVerdaccio } from './install.mjs';
import { trackGroup, untrackGroup } from './reaper.mjs';

const execFileP = promisify(execFile);
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {{port: number, tmpDir?: string, timeoutMs?: number}} opts */
export async function startVerdaccio(opts) {
	const v = await ensureVerdaccio();
	const tmpDir = opts.tmpDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-verdaccio-'));
	fs.mkdirSync(tmpDir, { recursive: true });
	const storage = path.join(tmpDir, 'storage');
	const configFile = path.join(tmpDir, 'config.yaml');
	const logFile = path.join(tmpDir, 'verdaccio.log');
	fs.writeFileSync(
		configFile,
		[
			`storage: ${JSON.stringify(storage)}`,
			'auth:',
			'  htpasswd:',
			`    file: ${JSON.stringify(path.join(tmpDir, 'htpasswd'))}`,
			'    max_users: 10',
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'    unpublish: $authenticated',
			'server:',
			'  keepAliveTimeout: 5',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: http }',
			'',
		].join('\n'),
	);
	const url = `http://127.0.0.1:${opts.port}`;
	const out = fs.openSync(logFile, 'a');
	const child = spawn(
		v.nodeBin,
		[v.main, '--config', configFile, '--listen', `127.0.0.1:${opts.port}`],
		{
			cwd: tmpDir,
			env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpDir, NODE_ENV: 'production' },
			detached: true,
			stdio: ['ignore', out, out],
		},
	);
	fs.closeSync(out);
	trackGroup(child.pid);
	let exited = false;
	const exitP = new Promise((r) => child.on('exit', () => r((exited = true))));
	const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
	for (;;) {
		if (exited)
			throw new Error(`verdaccio exited during startup:\n${fs.readFileSync(logFile, 'utf8')}`);
		if (Date.now() > deadline)
			throw new Error(`verdaccio not up on ${url}:\n${fs.readFileSync(logFile, 'utf8')}`);
		try {
			const r = await fetch(`${url}/-/ping`);
			if (r.ok) break;
		} catch {
			/* not yet */
		}
		await sleep(300);
	}

	// register a publisher (couchdb-style adduser) and keep its token in a private npmrc
	const user = 'e2e-publisher';
	const res = await fetch(`${url}/-/user/org.couchdb.user:${user}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			name: user,
			password: 'e2e-publisher-pass',
			email: 'e2e@example.com',
			type: 'user',
		}),
	});
	const body = /** @type {any} */ (await res.json());
	if (!body.token) throw new Error(`verdaccio adduser failed: ${JSON.stringify(body)}`);
	const npmrc = path.join(tmpDir, '.npmrc');
	fs.writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${opts.port}/:_authToken=${body.token}\n`);

	return {
		url,
		port: opts.port,
		tmpDir,
		logFile,
		version: v.version,
		/** npm publish a tarball to this registry. @param {string} tarball */
		async publish(tarball) {
			const { stdout, stderr } = await execFileP(
				'npm',
				[
					'publish',
					tarball,
					'--registry',
					`${url}/`,
					'--userconfig',
					npmrc,
					'--ignore-scripts',
					'--access',
					'public',
					'--provenance=false',
				],
				{ cwd: tmpDir, env: { ...process.env, npm_config_cache: path.join(tmpDir, 'npm-cache') } },
			);
			return { stdout, stderr };
		},
		/** packument of a package as the registry serves it. @param {string} name */
		async view(name) {
			const r = await fetch(`${url}/${encodeURIComponent(name).replace('%40', '@')}`);
			return r.ok ? r.json() : undefined;
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			try {
				process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
			} catch {
				/* gone */
			}
			const t = setTimeout(() => {
				try {
					process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 5000);
			await exitP;
			clearTimeout(t);
			untrackGroup(child.pid);
			if (!opts.tmpDir && process.env.SMILEID_E2E_KEEP !== '1') {
				fs.rmSync(tmpDir, { recursive: true, force: true });
			}
		},
	};
}
