// @ts-check
/**
 * n8n queue mode (scaling mode) for the e2e tests: Redis, a throw-away PostgreSQL cluster, and
 * the n8n processes of a queue-mode deployment, each loading the packed package from its own
 * community-package folder:
 *
 *   const q = await startQueueCluster({ line: '2', webhookProcesses: 2 });
 *   q.main            // N8nInstance (`n8n start`, EXECUTIONS_MODE=queue): REST API, editor
 *   q.worker          // N8nProcess  (`n8n worker`): runs the executions
 *   q.webhooks[0..1]  // N8nProcess  (`n8n webhook`): serves /webhook/* (production webhooks)
 *   await q.stop();
 *
 * Every process gets its own N8N_USER_FOLDER with the package in
 * `<folder>/.n8n/nodes/node_modules/n8n-nodes-smileid` (what Settings → Community nodes does on
 * one machine; in a real deployment each container needs it), the same N8N_ENCRYPTION_KEY,
 * the same PostgreSQL database and the same Redis. The main process has
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true, so production webhooks are served ONLY by the
 * webhook processes (the main answers 404 on /webhook/*).
 *
 * Why PostgreSQL: n8n 2.x starts in queue mode on SQLite too, but only with the warning
 * "Scaling mode is not officially supported with sqlite. Please use PostgreSQL instead.", and
 * separate processes would share one SQLite file. `db: 'sqlite'` is kept for experiments.
 *
 * System packages (Debian): `redis-server` and `postgresql`. When a binary is missing and the
 * process runs as root, `apt-get install -y <package>` is run (after `apt-get update` if the
 * first try fails); otherwise the start fails with the command to run.
 *
 * Only 127.0.0.1 is used; every port comes from freePort(). All processes are started in their
 * own process group and are killed with the test process (reaper.mjs).
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, startN8nWithPackage } from './harness.mjs';
import { ensureN8n } from './install.mjs';
import { parseJsonOr } from './json.mjs';
import { baseN8nEnv, installAsCommunityPackage } from './n8n.mjs';
import { preparePackage } from './package.mjs';
import { trackGroup, untrackGroup } from './reaper.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

// ------------------------------------------------------------------ system packages

/** @param {string} cmd */
function which(cmd) {
	for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':').concat(['/usr/sbin', '/sbin'])) {
		const p = path.join(dir, cmd);
		try {
			fs.accessSync(p, fs.constants.X_OK);
			return p;
		} catch {
			/* next */
		}
	}
	return undefined;
}

/**
 * `apt-get install -y <pkg>` (as root only), with one `apt-get update` retry.
 * @param {string} pkg @param {string} why
 */
function aptInstall(pkg, why) {
	if (!isRoot() || !which('apt-get')) {
		throw new Error(
			`${why} is missing: install the Debian package with \`sudo apt-get install -y ${pkg}\` (the test installs it itself only when it runs as root)`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 600_000,
		});
	process.stderr.write(`[e2e-queue] ${why} missing: apt-get install -y ${pkg}\n`);
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
		install();
	}
}

/** Path of redis-server, installing Debian's `redis-server` when missing (root only). */
export function ensureRedisServer() {
	let bin = which('redis-server');
	if (!bin) {
		aptInstall('redis-server', 'redis-server');
		bin = which('redis-server');
	}
	if (!bin) throw new Error('redis-server not found after apt-get install redis-server');
	return bin;
}

/** PostgreSQL server bin dir (/usr/lib/postgresql/<newest>/bin), installing `postgresql` when missing. */
export function ensurePostgresBin() {
	const find = () => {
		const root = '/usr/lib/postgresql';
		if (!fs.existsSync(root)) return undefined;
		const versions = fs
			.readdirSync(root)
			.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a));
		return versions.length ? path.join(root, versions[0], 'bin') : undefined;
	};
	let bin = find();
	if (!bin) {
		aptInstall('postgresql', 'PostgreSQL (postgres, initdb)');
		bin = find();
	}
	if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql after install');
	return bin;
}

// ------------------------------------------------------------------ generic process helpers

/**
 * Spawn a long-running child in its own process group, output to logFile, reaped with the
 * test process. @param {string} cmd @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, logFile: string}} o
 */
function spawnGroup(cmd, args, o) {
	const out = fs.openSync(o.logFile, 'a');
	const child = spawn(cmd, args, {
		cwd: o.cwd,
		env: o.env ?? process.env,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	trackGroup(child.pid);
	/** @type {{code: number|null, signal: string|null} | null} */
	let exited = null;
	const exitP = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
		child.on('error', (e) => {
			exited = { code: -1, signal: String(e) };
			resolve(exited);
		});
	});
	return {
		child,
		exitP,
		exited: () => exited,
		/** SIGNAL to the group, SIGKILL after graceMs. @param {NodeJS.Signals} [sig] @param {number} [graceMs] */
		async stop(sig = 'SIGTERM', graceMs = 15_000) {
			const pid = child.pid;
			if (!pid) return;
			const kill = (/** @type {NodeJS.Signals} */ s) => {
				try {
					process.kill(-pid, s);
				} catch {
					/* gone */
				}
			};
			if (!exited) {
				kill(sig);
				const t = setTimeout(() => kill('SIGKILL'), graceMs);
				await exitP;
				clearTimeout(t);
			}
			kill('SIGKILL');
			untrackGroup(pid);
		},
	};
}

/** @param {string} file @param {number} [n] */
function tail(file, n = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

/** Copy a log into SMILEID_E2E_ARTIFACTS (secret-leak scan) and drop the temp dir unless kept. @param {string} logFile @param {string} name @param {string} [tmpDir] */
function finishLogs(logFile, name, tmpDir) {
	const dest = process.env.SMILEID_E2E_ARTIFACTS;
	if (dest) {
		fs.mkdirSync(dest, { recursive: true });
		try {
			fs.copyFileSync(logFile, path.join(dest, `${name}-${path.basename(process.argv[1] ?? 'test')}.log`));
		} catch {
			/* ignore */
		}
	}
	if (tmpDir && process.env.SMILEID_E2E_KEEP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ Redis

/**
 * A throw-away Redis on 127.0.0.1 (no persistence).
 * @param {{port?: number}} [o]
 */
export async function startRedis(o = {}) {
	const bin = ensureRedisServer();
	const port = o.port ?? (await freePort());
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-redis-'));
	const logFile = path.join(tmpDir, 'redis.log');
	const proc = spawnGroup(
		bin,
		[
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--save', '',
			'--appendonly', 'no',
			'--dir', tmpDir,
			'--daemonize', 'no',
			'--loglevel', 'warning',
		],
		{ cwd: tmpDir, logFile },
	);
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (proc.exited()) throw new Error(`redis-server exited: ${JSON.stringify(proc.exited())}\n${tail(logFile)}`);
		try {
			if ((await redisCommand(port, ['PING'])) === 'PONG') break;
		} catch {
			/* not up */
		}
		if (Date.now() > deadline) {
			await proc.stop('SIGKILL');
			throw new Error(`redis-server not ready on ${port}:\n${tail(logFile)}`);
		}
		await sleep(100);
	}
	return {
		port,
		host: '127.0.0.1',
		logFile,
		/** @param {string[]} args */
		command: (args) => redisCommand(port, args),
		async stop() {
			await proc.stop('SIGTERM', 5000);
			finishLogs(logFile, `redis-${port}`, tmpDir);
		},
	};
}

/**
 * One Redis command over RESP; returns the simple/bulk string or integer reply (arrays as JS arrays).
 * @param {number} port @param {string[]} args @returns {Promise<any>}
 */
export function redisCommand(port, args) {
	return new Promise((resolve, reject) => {
		const sock = net.connect(port, '127.0.0.1');
		let buf = Buffer.alloc(0);
		sock.setTimeout(5000, () => sock.destroy(new Error('redis timeout')));
		sock.on('error', reject);
		sock.on('connect', () => {
			let cmd = `*${args.length}\r\n`;
			for (const a of args) cmd += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
			sock.write(cmd);
		});
		sock.on('data', (d) => {
			buf = Buffer.concat([buf, d]);
			const r = parseResp(buf, 0);
			if (r) {
				sock.end();
				if (r.value instanceof Error) reject(r.value);
				else resolve(r.value);
			}
		});
	});
}

/** @param {Buffer} b @param {number} i @returns {{value: any, next: number} | undefined} */
function parseResp(b, i) {
	const eol = b.indexOf('\r\n', i);
	if (eol < 0) return undefined;
	const type = String.fromCharCode(b[i]);
	const line = b.toString('utf8', i + 1, eol);
	if (type === '+') return { value: line, next: eol + 2 };
	if (type === '-') return { value: new Error(line), next: eol + 2 };
	if (type === ':') return { value: Number(line), next: eol + 2 };
	if (type === '$') {
		const n = Number(line);
		if (n < 0) return { value: null, next: eol + 2 };
		if (b.length < eol + 2 + n + 2) return undefined;
		return { value: b.toString('utf8', eol + 2, eol + 2 + n), next: eol + 2 + n + 2 };
	}
	if (type === '*') {
		const n = Number(line);
		const arr = [];
		let next = eol + 2;
		for (let k = 0; k < n; k++) {
			const r = parseResp(b, next);
			if (!r) return undefined;
			arr.push(r.value);
			next = r.next;
		}
		return { value: arr, next };
	}
	throw new Error(`bad RESP type ${type}`);
}

// ------------------------------------------------------------------ PostgreSQL

/**
 * A throw-away PostgreSQL cluster in a temp dir on 127.0.0.1:<free port> (trust auth on
 * loopback, fsync off), with database `n8n` owned by user `n8n`. As root the server runs as the
 * `postgres` system user (initdb refuses root).
 * @param {{port?: number}} [o]
 */
export async function startPostgres(o = {}) {
	const bin = ensurePostgresBin();
	const port = o.port ?? (await freePort());
	const root = isRoot();
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-pg-'));
	const dataDir = path.join(tmpDir, 'data');
	const logFile = path.join(tmpDir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	/** @type {(cmd: string, args: string[]) => [string, string[]]} */
	let asPg = (cmd, args) => [cmd, args];
	if (root) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		fs.chownSync(tmpDir, uid, gid);
		fs.chownSync(logFile, uid, gid);
		const runuser = which('runuser');
		asPg = runuser
			? (cmd, args) => [runuser, ['-u', 'postgres', '--', cmd, ...args]]
			: (cmd, args) => ['su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map(shq).join(' ')]];
	}
	const [c1, a1] = asPg(path.join(bin, 'initdb'), [
		'-D', dataDir, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions',
	]);
	try {
		execFileSync(c1, a1, { cwd: tmpDir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
	} catch (e) {
		const err = /** @type {any} */ (e);
		throw new Error(`initdb failed: ${err.stderr?.toString() ?? err.message}`);
	}
	const [c2, a2] = asPg(path.join(bin, 'postgres'), [
		'-D', dataDir,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${tmpDir}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	]);
	const proc = spawnGroup(c2, a2, { cwd: tmpDir, logFile });
	const isready = path.join(bin, 'pg_isready');
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (proc.exited()) throw new Error(`postgres exited: ${JSON.stringify(proc.exited())}\n${tail(logFile)}`);
		try {
			execFileSync(isready, ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'postgres'], { stdio: 'ignore' });
			break;
		} catch {
			/* starting */
		}
		if (Date.now() > deadline) {
			await proc.stop('SIGKILL');
			throw new Error(`postgres not ready on ${port}:\n${tail(logFile)}`);
		}
		await sleep(200);
	}
	execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', 'CREATE DATABASE n8n'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const env = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: 'n8n',
	};
	return {
		port,
		env,
		logFile,
		/** Run SQL with psql, return the unaligned tuples output. @param {string} sql */
		query(sql) {
			return execFileSync(
				path.join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'n8n', '-v', 'ON_ERROR_STOP=1', '-Atqc', sql],
				{ encoding: 'utf8' },
			);
		},
		async stop() {
			await proc.stop('SIGINT', 10_000); // fast shutdown
			finishLogs(logFile, `postgres-${port}`, tmpDir);
		},
	};
}

/** @param {string} s */
function shq(s) {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

// ------------------------------------------------------------------ n8n worker / webhook processes

/**
 * Environment shared by every n8n process of the cluster (queue mode, Redis, DB, key).
 * @param {{redisPort: number, dbEnv: Record<string,string>, encryptionKey: string, editorUrl: string, bullPrefix: string}} o
 */
function queueEnv(o) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(o.redisPort),
		QUEUE_BULL_PREFIX: o.bullPrefix,
		N8N_ENCRYPTION_KEY: o.encryptionKey,
		N8N_EDITOR_BASE_URL: o.editorUrl,
		// the queue reports stalled jobs quickly and the worker may be SIGTERMed by the test
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...o.dbEnv,
	};
}

/**
 * @typedef {{
 *   command: 'worker'|'webhook', name: string, port: number, baseUrl: string, tmpDir: string,
 *   userFolder: string, logFile: string, startupMs: number,
 *   readLog: () => string, logTail: (n?: number) => string,
 *   post: (urlPath: string, body: any, o?: {headers?: Record<string,string>, raw?: boolean}) => Promise<{status: number, text: string, json: any}>,
 *   waitForWebhook: (webhookPath: string, method?: string, timeoutMs?: number) => Promise<void>,
 *   stop: () => Promise<void>,
 *   crash: () => Promise<void>,
 * }} N8nProcess
 */

/**
 * Start `n8n worker` or `n8n webhook` with its own user folder holding the package as a
 * community package and lib/n8n.mjs's baseN8nEnv.
 * @param {{line: '1'|'2', command: 'worker'|'webhook', port: number, sharedEnv: Record<string,string>,
 *   packageDir?: string, name?: string, env?: Record<string,string|undefined>, startTimeoutMs?: number}} opts
 *   port: the webhook server port (N8N_PORT) for `webhook`, the health server port for `worker`.
 * @returns {Promise<N8nProcess>}
 */
export async function startN8nProcess(opts) {
	const inst = await ensureN8n(opts.line);
	const name = opts.name ?? `n8n${inst.line}-${opts.command}-${opts.port}`;
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `smileid-e2e-${name}-`));
	const userFolder = path.join(tmpDir, 'user');
	const n8nDir = path.join(userFolder, '.n8n');
	fs.mkdirSync(n8nDir, { recursive: true });
	if (opts.packageDir) installAsCommunityPackage(n8nDir, opts.packageDir);
	const logFile = path.join(tmpDir, 'n8n.log');
	const baseUrl = `http://127.0.0.1:${opts.port}`;
	const brokerPort = await freePort();
	/** @type {Record<string,string>} */
	const env = {
		...baseN8nEnv({ userFolder, tmpDir, brokerPort }),
		...inst.env,
		...opts.sharedEnv,
	};
	if (opts.command === 'webhook') {
		env.N8N_PORT = String(opts.port);
		env.WEBHOOK_URL = `${baseUrl}/`;
		// 'Received webhook "POST" for path "…"' is a debug line: proof of which process served a request
		env.N8N_LOG_LEVEL = 'debug';
	} else {
		env.N8N_PORT = String(await freePort()); // not listened on by a worker, kept unique anyway
		env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
		env.QUEUE_HEALTH_CHECK_PORT = String(opts.port);
		env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
	}
	for (const [k, v] of Object.entries(opts.env ?? {})) {
		if (v === undefined) delete env[k];
		else env[k] = v;
	}
	fs.writeFileSync(
		logFile,
		`# n8n ${inst.version} ${opts.command} (line ${inst.line}) on node ${inst.nodeVersion}, port ${opts.port}\n`,
	);
	const args = [inst.n8nMain, opts.command];
	if (opts.command === 'worker') args.push('--concurrency=5');
	const proc = spawnGroup(inst.nodeBin, args, { cwd: tmpDir, env, logFile });
	const started = Date.now();
	const timeout = opts.startTimeoutMs ?? 240_000;
	for (;;) {
		if (proc.exited()) {
			throw new Error(`n8n ${opts.command} exited during startup (${JSON.stringify(proc.exited())}):\n${tail(logFile, 60)}`);
		}
		if (Date.now() - started > timeout) {
			await proc.stop('SIGKILL');
			throw new Error(`n8n ${opts.command} not ready after ${timeout} ms:\n${tail(logFile, 60)}`);
		}
		try {
			const r = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(5000) });
			if (r.ok) break;
		} catch {
			/* not up */
		}
		await sleep(500);
	}
	const startupMs = Date.now() - started;
	/** @type {N8nProcess} */
	const p = {
		command: opts.command,
		name,
		port: opts.port,
		baseUrl,
		tmpDir,
		userFolder,
		logFile,
		startupMs,
		readLog: () => fs.readFileSync(logFile, 'utf8'),
		logTail: (n = 40) => tail(logFile, n),
		async post(urlPath, body, o = {}) {
			const res = await fetch(`${baseUrl}${urlPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...(o.headers ?? {}) },
				body: o.raw ? body : JSON.stringify(body),
				signal: AbortSignal.timeout(180_000),
			});
			const text = await res.text();
			return { status: res.status, text, json: parseJsonOr(text, undefined) };
		},
		async waitForWebhook(webhookPath, method = 'POST', timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			const url = `${baseUrl}/webhook/${webhookPath.replace(/^\//, '')}`;
			for (;;) {
				const r = await fetch(url, {
					method: 'OPTIONS',
					headers: { origin: baseUrl, 'access-control-request-method': method },
				});
				if (r.status >= 200 && r.status < 300) return;
				if (Date.now() > deadline) {
					throw new Error(`${name}: webhook ${method} ${url} not registered: HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
				}
				await sleep(200);
			}
		},
		async stop() {
			await proc.stop('SIGTERM', 15_000);
			finishLogs(logFile, name, tmpDir);
		},
		async crash() {
			await proc.stop('SIGKILL'); // the signal goes out before this first awaits
			finishLogs(logFile, name, tmpDir);
		},
	};
	return p;
}

// ------------------------------------------------------------------ the whole cluster

/**
 * Redis + PostgreSQL + n8n main (queue mode, production webhooks off) + one worker + N webhook
 * processes, all with the packed package. The main is started first (it runs the DB
 * migrations), then the worker and the webhook processes in parallel.
 * @param {{line: '1'|'2', webhookProcesses?: number, db?: 'postgres'|'sqlite', mainEnv?: Record<string,string>}} o
 */
export async function startQueueCluster(o) {
	const t0 = Date.now();
	const pkg = preparePackage();
	/** @type {any[]} */
	const toStop = [];
	/** @type {N8nProcess[]} */
	const procs = [];
	// worker and webhook processes together, then the main, then PostgreSQL and Redis
	const stopAll = async () => {
		const quiet = (/** @type {any} */ s) => s.stop().catch(() => {});
		await Promise.all(procs.map(quiet));
		for (const s of toStop.reverse()) if (!procs.includes(s)) await quiet(s);
	};
	try {
		const redis = await startRedis();
		toStop.push(redis);
		/** @type {Awaited<ReturnType<typeof startPostgres>> | undefined} */
		let pg;
		/** @type {Record<string,string>} */
		let dbEnv;
		let sqliteDir;
		if ((o.db ?? 'postgres') === 'postgres') {
			pg = await startPostgres();
			toStop.push(pg);
			dbEnv = pg.env;
		} else {
			sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-sqlite-'));
			toStop.push({ stop: async () => fs.rmSync(/** @type {string} */ (sqliteDir), { recursive: true, force: true }) });
			dbEnv = { DB_TYPE: 'sqlite', DB_SQLITE_DATABASE: path.join(sqliteDir, 'database.sqlite') };
		}
		const mainPort = await freePort({ pairOffset: 1000 });
		const shared = queueEnv({
			redisPort: redis.port,
			dbEnv,
			encryptionKey: crypto.randomBytes(24).toString('base64'),
			editorUrl: `http://127.0.0.1:${mainPort}/`,
			bullPrefix: `smileid-e2e-${crypto.randomBytes(3).toString('hex')}`,
		});
		const main = await startN8nWithPackage(o.line, {
			port: mainPort,
			env: {
				...shared,
				// production webhooks only on the webhook processes (the recommended queue-mode setup)
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				...(o.mainEnv ?? {}),
			},
		});
		toStop.push(main);
		const webhookPorts = [];
		for (let i = 0; i < (o.webhookProcesses ?? 1); i++) webhookPorts.push(await freePort());
		const workerPort = await freePort();
		const [worker, ...webhooks] = await Promise.all([
			startN8nProcess({ line: o.line, command: 'worker', port: workerPort, sharedEnv: shared, packageDir: pkg.packageDir, name: `n8n${o.line}-worker` }).then((p) => {
				procs.push(p);
				return p;
			}),
			...webhookPorts.map((port, i) =>
				startN8nProcess({ line: o.line, command: 'webhook', port, sharedEnv: shared, packageDir: pkg.packageDir, name: `n8n${o.line}-webhook${i + 1}` }).then((p) => {
					procs.push(p);
					return p;
				}),
			),
		]);
		return {
			redis,
			pg,
			main,
			worker,
			webhooks,
			startupMs: Date.now() - t0,
			sharedEnv: shared,
			/**
			 * One more webhook process in the cluster (stopped with it); `withPackage: false`
			 * starts it WITHOUT the package (what a forgotten install looks like).
			 * @param {{withPackage?: boolean, name?: string}} [w]
			 */
			async addWebhookProcess(w = {}) {
				const p = await startN8nProcess({
					line: o.line,
					command: 'webhook',
					port: await freePort(),
					sharedEnv: shared,
					packageDir: w.withPackage === false ? undefined : pkg.packageDir,
					name: w.name ?? `n8n${o.line}-webhook-extra${procs.length}`,
				});
				procs.push(p);
				return p;
			},
			/** Wait until every webhook process serves the workflow's production webhooks. @param {{id: string, nodes: any[]}} wf */
			async waitForWebhooks(wf) {
				const hooks = await main.productionWebhooks(wf);
				for (const w of webhooks) for (const h of hooks) await w.waitForWebhook(h.path, h.method);
				return hooks;
			},
			stop: stopAll,
		};
	} catch (e) {
		await stopAll();
		throw e;
	}
}
