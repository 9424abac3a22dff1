// @ts-check
/**
 * Start and drive a REAL n8n instance (line 1 = 1.123.x on the machine's Node 20,
 * line 2 = 2.41.x on Node 24) for end-to-end tests, through its internal REST API
 * (the same API the editor UI uses), with an owner account and session cookie.
 *
 *   const n8n = await startN8n({ line: '2', port: 5702, packageDir });
 *   const cred = await n8n.createCredential({ name, type: 'smileIdApi', data });
 *   const res = await n8n.testCredential(cred);          // { status: 'OK' | 'Error', message }
 *   const wf = await n8n.createWorkflow(json); await n8n.activateWorkflow(wf);
 *   await n8n.callWebhook('my-path', { method: 'POST', json: {...} });
 *   const exs = await n8n.listExecutions({ workflowId: wf.id });
 *   const ex = await n8n.getExecution(exs[0].id);        // ex.data = parsed run data
 *   await n8n.stop();
 *
 * stdout+stderr of n8n go to `<tmpDir>/n8n.log` (n8n.logFile) so a suite can grep them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n } from './install.mjs';
import { parseJsonOr } from './json.mjs';
import { trackGroup, untrackGroup } from './reaper.mjs';

export const OWNER = Object.freeze({
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-Owner!',
});
const BROWSER_ID = 'smileid-e2e-browser';

export const PACKAGE_NAME = 'n8n-nodes-smileid';

/**
 * @typedef {'community' | 'custom' | 'none'} PackageMode
 *   community: package copied to <userFolder>/.n8n/nodes/node_modules/<name> (where n8n keeps
 *              community packages) -> types `n8n-nodes-smileid.smileId` (what users get)
 *   custom:    N8N_CUSTOM_EXTENSIONS=<packageDir> -> types `CUSTOM.smileId`
 *   none:      don't load the package (e.g. the community-install test installs it via REST)
 */

/** Node type prefix for a package mode. @param {PackageMode} mode */
export function typePrefix(mode) {
	return mode === 'custom' ? 'CUSTOM' : PACKAGE_NAME;
}

/** Parameter defaults of a node type description (top level only). @param {any} desc */
function defaultsOf(desc) {
	/** @type {Record<string, any>} */
	const d = {};
	for (const p of desc?.properties ?? []) if (!(p.name in d)) d[p.name] = p.default;
	return d;
}

/**
 * Evaluate a value from a node type description the way n8n would for simple cases:
 * plain values as is, `={{ js }}` with `$parameter` / `$webhookId` in scope (these strings
 * come from n8n's and our own node descriptions).
 * @param {any} v @param {Record<string, any>} params @param {string | undefined} webhookId
 */
function evalDescriptionValue(v, params, webhookId) {
	if (typeof v !== 'string' || !v.startsWith('=')) return v;
	const m = /^=\{\{([\s\S]*)\}\}([\s\S]*)$/.exec(v);
	if (!m) return v.slice(1);
	try {
		const val = new Function('$parameter', '$webhookId', `return (${m[1]});`)(params, webhookId);
		return m[2] ? `${val ?? ''}${m[2]}` : val;
	} catch {
		return undefined;
	}
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The environment every n8n process of the tests shares: loopback only, no telemetry or
 * banners, community packages on, env access blocked in nodes, every execution saved (the
 * secret-leak scan reads them), the task-runner broker on its own port, npm cache per instance.
 * @param {{ userFolder: string, tmpDir: string, brokerPort: number }} o
 * @returns {Record<string, string>}
 */
export function baseN8nEnv(o) {
	return {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: process.env.HOME ?? o.userFolder,
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: 'UTC',
		GENERIC_TIMEZONE: 'UTC',
		N8N_USER_FOLDER: o.userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// task runners (2.x always on, internal mode): keep the broker on loopback and off the
		// default port 5679 so several instances can run side by side.
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
		// the community-package installer shells out to npm: keep its cache per instance
		npm_config_cache: path.join(o.tmpDir, 'npm-cache'),
		npm_config_update_notifier: 'false',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
	};
}

/**
 * @param {{
 *   line: '1'|'2'|1|2,
 *   port: number,
 *   packageDir?: string,
 *   packageMode?: PackageMode,
 *   customExtensionsDir?: string,
 *   env?: Record<string, string|undefined>,
 *   tmpDir?: string,
 *   startTimeoutMs?: number,
 *   setupOwner?: boolean,
 *   name?: string,
 *   nodeArgs?: string[],
 * }} opts
 *   packageDir: an unpacked package folder (package.json + dist), see package.mjs.
 *   customExtensionsDir: extra N8N_CUSTOM_EXTENSIONS folder (independent of packageDir).
 *   nodeArgs: options for n8n's own Node process, e.g. --cpu-prof (not allowed in NODE_OPTIONS).
 */
export async function startN8n(opts) {
	const inst = await ensureN8n(opts.line);
	const line = inst.line;
	const port = opts.port;
	const packageMode = opts.packageMode ?? (opts.packageDir ? 'community' : 'none');
	const tmpDir = opts.tmpDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `smileid-e2e-n8n${line}-`));
	fs.mkdirSync(tmpDir, { recursive: true });
	const userFolder = path.join(tmpDir, 'user');
	const n8nDir = path.join(userFolder, '.n8n');
	fs.mkdirSync(n8nDir, { recursive: true });
	const logFile = path.join(tmpDir, 'n8n.log');

	/** @type {string[]} */
	const customDirs = [];
	if (opts.customExtensionsDir) customDirs.push(opts.customExtensionsDir);
	if (opts.packageDir && packageMode === 'custom') customDirs.push(opts.packageDir);
	if (opts.packageDir && packageMode === 'community')
		installAsCommunityPackage(n8nDir, opts.packageDir);

	const baseUrl = `http://127.0.0.1:${port}`;
	/** @type {Record<string, string>} */
	const env = {
		...baseN8nEnv({ userFolder, tmpDir, brokerPort: port + 1000 }),
		N8N_PORT: String(port),
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		WEBHOOK_URL: `${baseUrl}/`,
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...inst.env,
	};
	if (customDirs.length) env.N8N_CUSTOM_EXTENSIONS = customDirs.join(';');
	for (const [k, v] of Object.entries(opts.env ?? {})) {
		if (v === undefined) delete env[k];
		else env[k] = v;
	}

	fs.writeFileSync(
		logFile,
		`# n8n ${inst.version} (line ${line}) on node ${inst.nodeVersion}, port ${port}, package mode ${packageMode}\n`,
	);
	const out = fs.openSync(logFile, 'a');
	const child = spawn(inst.nodeBin, [...(opts.nodeArgs ?? []), inst.n8nMain, 'start'], {
		cwd: tmpDir,
		env,
		detached: true, // own process group: stop() kills n8n and its task runners together
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	trackGroup(child.pid);
	let exited = /** @type {null | {code: number|null, signal: string|null}} */ (null);
	const exitP = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});

	const n8n = new N8nInstance({
		line,
		version: inst.version,
		nodeVersion: inst.nodeVersion,
		baseUrl,
		port,
		tmpDir,
		userFolder,
		logFile,
		packageMode,
		child,
		exitP,
		installDir: inst.dir,
	});

	// wait for readiness (migrations done, DB connected) and the REST API
	const started = Date.now();
	const timeout = opts.startTimeoutMs ?? 180_000;
	for (;;) {
		if (exited) {
			throw new Error(
				`n8n ${line} exited during startup (${JSON.stringify(exited)}); log tail:\n${n8n.logTail(60)}`,
			);
		}
		if (Date.now() - started > timeout) {
			await n8n.stop();
			throw new Error(`n8n ${line} not ready after ${timeout} ms; log tail:\n${n8n.logTail(60)}`);
		}
		try {
			const r = await fetch(`${baseUrl}/healthz/readiness`);
			if (r.ok) {
				const s = await fetch(`${baseUrl}/rest/settings`);
				if (s.ok) break;
			}
		} catch {
			/* not up yet */
		}
		await sleep(500);
	}
	n8n.startupMs = Date.now() - started;
	if (opts.setupOwner !== false) await n8n.setupOwnerAndLogin();
	return n8n;
}

/**
 * Put an unpacked package where n8n keeps community packages (what `POST /rest/community-packages`
 * produces), so it loads as `<package name>.<node>` without going through a registry.
 * @param {string} n8nDir <userFolder>/.n8n
 * @param {string} packageDir
 */
export function installAsCommunityPackage(n8nDir, packageDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const nodesDir = path.join(n8nDir, 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.rmSync(target, { recursive: true, force: true });
	fs.cpSync(packageDir, target, { recursive: true });
	// n8n strips these from the installed copy as well
	const { devDependencies, peerDependencies, optionalDependencies, ...rest } = pkg;
	fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(rest, null, 2));
	const nodesPkgFile = path.join(nodesDir, 'package.json');
	const nodesPkg = fs.existsSync(nodesPkgFile)
		? JSON.parse(fs.readFileSync(nodesPkgFile, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [pkg.name]: pkg.version };
	fs.writeFileSync(nodesPkgFile, JSON.stringify(nodesPkg, null, 2));
	return target;
}

export class N8nInstance {
	/**
	 * @param {{line: '1'|'2', version: string, nodeVersion: string, baseUrl: string, port: number, tmpDir: string,
	 *   userFolder: string, logFile: string, packageMode: PackageMode, child: import('node:child_process').ChildProcess,
	 *   exitP: Promise<any>, installDir: string}} o
	 */
	constructor(o) {
		this.line = o.line;
		this.version = o.version;
		this.nodeVersion = o.nodeVersion;
		this.baseUrl = o.baseUrl;
		this.port = o.port;
		this.tmpDir = o.tmpDir;
		this.userFolder = o.userFolder;
		this.logFile = o.logFile;
		this.packageMode = o.packageMode;
		this.child = o.child;
		this.exitP = o.exitP;
		this.installDir = o.installDir;
		/** @type {string | undefined} */
		this.cookie = undefined;
		/** @type {any} */
		this.owner = undefined;
		this.startupMs = 0;
		/** node type prefix for the Smile ID package as loaded in this instance */
		this.prefix = typePrefix(o.packageMode);
		this.types = {
			node: `${this.prefix}.smileId`,
			trigger: `${this.prefix}.smileIdTrigger`,
			credential: 'smileIdApi',
		};
		this._stopped = false;
		/** @type {any[] | undefined} */
		this._typesCache = undefined;
	}

	/** Require a module from this n8n's install tree (e.g. 'flatted'). @param {string} id */
	requireFromN8n(id) {
		return createRequire(path.join(this.installDir, 'node_modules', 'n8n', 'package.json'))(id);
	}

	/** @param {number} [n] */
	logTail(n = 40) {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-n).join('\n');
		} catch {
			return '';
		}
	}

	readLog() {
		return fs.readFileSync(this.logFile, 'utf8');
	}

	/**
	 * Low-level HTTP call with the session cookie. Returns {status, headers, text, json}.
	 * @param {string} method @param {string} urlPath
	 * @param {{json?: any, body?: any, headers?: Record<string,string>, auth?: boolean, timeoutMs?: number}} [o]
	 */
	async request(method, urlPath, o = {}) {
		/** @type {Record<string,string>} */
		const headers = { 'browser-id': BROWSER_ID, ...(o.headers ?? {}) };
		if (o.auth !== false && this.cookie) headers.cookie = this.cookie;
		let body = o.body;
		if (o.json !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(o.json);
		}
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body,
			signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
		});
		const text = await res.text();
		const json = parseJsonOr(text, undefined);
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) this.cookie = `n8n-auth=${m[1]}`;
		}
		return { status: res.status, headers: res.headers, text, json };
	}

	/**
	 * REST call that must succeed; returns the `data` member of n8n's `{ data }` envelope.
	 * @param {string} method @param {string} urlPath @param {any} [json]
	 */
	async rest(method, urlPath, json) {
		const r = await this.request(method, `/rest${urlPath}`, json === undefined ? {} : { json });
		if (r.status < 200 || r.status >= 300) {
			throw new Error(
				`n8n ${this.line} ${method} /rest${urlPath} -> HTTP ${r.status}: ${r.text.slice(0, 2000)}`,
			);
		}
		return r.json && typeof r.json === 'object' && 'data' in r.json ? r.json.data : r.json;
	}

	/** Owner setup (first start) + login. Both lines: setup {email, firstName, lastName, password};
	 * login {emailOrLdapLoginId, password} (older 1.x used {email}; both are sent). */
	async setupOwnerAndLogin() {
		const setup = await this.request('POST', '/rest/owner/setup', { json: OWNER, auth: false });
		if (setup.status >= 300 && !/already/i.test(setup.text)) {
			throw new Error(`owner setup failed: HTTP ${setup.status} ${setup.text.slice(0, 500)}`);
		}
		await this.login();
		this.owner = await this.rest('GET', '/login');
		return this.owner;
	}

	async login() {
		const r = await this.request('POST', '/rest/login', {
			json: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
			auth: false,
		});
		if (r.status !== 200) throw new Error(`login failed: HTTP ${r.status} ${r.text.slice(0, 500)}`);
		if (!this.cookie) throw new Error('login did not set the n8n-auth cookie');
		return r.json?.data;
	}

	// ------------------------------------------------------------------ types

	/** All node type descriptions as the editor sees them (GET /types/nodes.json). */
	async nodeTypes() {
		// Right after a community package install n8n rewrites this file, and a read at that
		// moment can get it half written (CI saw unparsable JSON once on 1.x): read it again.
		for (let attempt = 1; ; attempt++) {
			const r = await this.request('GET', '/types/nodes.json');
			if (r.status === 200 && Array.isArray(r.json)) return /** @type {any[]} */ (r.json);
			if (attempt >= 10)
				throw new Error(
					`GET /types/nodes.json -> ${r.status}, ${Array.isArray(r.json) ? '' : 'not a JSON list: '}${r.text.slice(0, 200)}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 1_000));
		}
	}

	/** All credential type descriptions (GET /types/credentials.json). */
	async credentialTypes() {
		const r = await this.request('GET', '/types/credentials.json');
		if (r.status !== 200) throw new Error(`GET /types/credentials.json -> ${r.status}`);
		return /** @type {any[]} */ (r.json);
	}

	// ------------------------------------------------------------------ credentials

	/**
	 * POST /rest/credentials (same body on both lines: {name, type, data}).
	 * @param {{name: string, type?: string, data: Record<string, any>}} c
	 * @returns {Promise<{id: string, name: string, type: string}>}
	 */
	async createCredential(c) {
		return this.rest('POST', '/credentials', {
			name: c.name,
			type: c.type ?? 'smileIdApi',
			data: c.data,
		});
	}

	/** Convenience: a Smile ID credential pointing at a simulator. @param {{partnerId: string, apiKey: string, baseUrl: string}} sim @param {string} [name] */
	async createSmileIdCredential(sim, name = `Smile ID sim ${Date.now()}`) {
		return this.createCredential({
			name,
			type: 'smileIdApi',
			data: {
				partnerId: sim.partnerId,
				apiKey: sim.apiKey,
				environment: 'custom',
				baseUrl: sim.baseUrl,
			},
		});
	}

	/**
	 * GET /rest/credentials/:id?includeData=true — secrets come back redacted
	 * (password fields = n8n's blanking value), as the editor's credential dialog sees them.
	 * @param {string} id
	 */
	async getCredential(id) {
		return this.rest('GET', `/credentials/${id}?includeData=true`);
	}

	/**
	 * POST /rest/credentials/test, as the credential dialog's "Test" does. Both lines (1.123,
	 * 2.41) take `{ credentials: { id, name, type, data } }`: `id` must be a STORED credential
	 * the user can read, and `data` is REQUIRED in practice — without it n8n answers
	 * `Node "Temp-Node" does not have any credentials of type "…" set`. The editor sends the
	 * (redacted) data it loaded; n8n unredacts blanked secrets from the stored copy. When `data`
	 * is not given this helper does the same (GET ?includeData=true, send it back).
	 * Returns `{ status: 'OK' | 'Error', message }`.
	 * @param {{id: string, name?: string, type?: string}} cred @param {Record<string, any>} [data]
	 */
	async testCredential(cred, data) {
		const stored = data ? undefined : await this.getCredential(String(cred.id));
		const credentials = {
			id: String(cred.id),
			name: cred.name ?? stored?.name ?? '',
			type: cred.type ?? stored?.type ?? 'smileIdApi',
			data: data ?? stored?.data ?? {},
		};
		return this.rest('POST', '/credentials/test', { credentials });
	}

	// ------------------------------------------------------------------ workflows

	/**
	 * Create a workflow via REST. Replaces `{{CREDENTIAL_ID}}`-style placeholders is left to callers;
	 * pass `credential` to attach {smileIdApi: {id, name}} to every node of the Smile ID package
	 * (its tool variant included), and `otherCredentials` ({type: {id, name}}) to point every
	 * node that names a credential of that type (e.g. the MCP trigger's httpBearerAuth) at it.
	 * @param {any} wf workflow JSON ({name, nodes, connections, settings?})
	 * @param {{credential?: {id: string, name: string}, otherCredentials?: Record<string, {id: string, name: string}>}} [o]
	 */
	async createWorkflow(wf, o = {}) {
		const body = structuredClone(wf);
		delete body.id;
		body.active = false; // 1.x: NOT NULL column, must be sent; activation is a separate call
		body.nodes = (body.nodes ?? []).map((/** @type {any} */ n) => {
			const node = { ...n, type: this.resolveType(n.type) };
			if (o.credential && /smileId(Trigger|Tool)?$/.test(node.type)) {
				node.credentials = {
					...(node.credentials ?? {}),
					smileIdApi: { id: o.credential.id, name: o.credential.name },
				};
			}
			for (const [type, cred] of Object.entries(o.otherCredentials ?? {})) {
				if (node.credentials?.[type]) {
					node.credentials = { ...node.credentials, [type]: { id: cred.id, name: cred.name } };
				}
			}
			return node;
		});
		body.settings = body.settings ?? { executionOrder: 'v1' };
		body.connections = body.connections ?? {};
		return this.rest('POST', '/workflows', body);
	}

	/**
	 * Map package-neutral type names to this instance's names: `smileid:smileId` or any
	 * `n8n-nodes-smileid.X` / `CUSTOM.X` -> `<prefix>.X`.
	 * @param {string} type
	 */
	resolveType(type) {
		const m = /^(?:smileid:|n8n-nodes-smileid\.|CUSTOM\.)(smileId\w*)$/.exec(type);
		return m ? `${this.prefix}.${m[1]}` : type;
	}

	/** @param {string} id */
	async getWorkflow(id) {
		return this.rest('GET', `/workflows/${id}`);
	}

	/**
	 * Activate (1.x) / publish (2.x) a workflow: POST /rest/workflows/:id/activate {versionId}.
	 * Both 1.123 and 2.41 require the versionId; 2.x publishes that version
	 * (workflow.activeVersionId). Throws with n8n's message when activation fails (e.g. a
	 * trigger whose credentials are invalid).
	 * The activate call can return before the production webhooks answer (seen on 2.41: ~300 ms
	 * of 404 "webhook is not registered"), so by default this waits until every static webhook
	 * path of the workflow answers a CORS preflight (OPTIONS, which never starts an execution).
	 * @param {{id: string, versionId?: string}} wf
	 * @param {{waitForWebhooks?: boolean, timeoutMs?: number}} [o]
	 */
	async activateWorkflow(wf, o = {}) {
		const current = await this.getWorkflow(wf.id);
		const versionId = wf.versionId ?? current.versionId;
		const r = await this.request('POST', `/rest/workflows/${wf.id}/activate`, {
			json: { versionId },
		});
		let result;
		if (r.status === 404 && /Cannot POST/i.test(r.text) && this.line === '1') {
			// older 1.x without the activate endpoint: PATCH {active: true}
			result = await this.rest('PATCH', `/workflows/${wf.id}`, { active: true, versionId });
		} else if (r.status < 200 || r.status >= 300) {
			throw new Error(`activate workflow ${wf.id} -> HTTP ${r.status}: ${r.text.slice(0, 2000)}`);
		} else {
			result = r.json?.data;
		}
		if (o.waitForWebhooks !== false) {
			for (const hook of await this.productionWebhooks(current)) {
				await this.waitForWebhook(hook.path, hook.method, { timeoutMs: o.timeoutMs });
			}
		}
		return result;
	}

	/**
	 * Production webhooks a workflow registers when active, computed the way n8n does
	 * (NodeHelpers.getNodeWebhookPath): a webhook description with `isFullPath: true` (the
	 * Webhook node) lives at /webhook/<path>; any other (e.g. the Smile ID Trigger) at
	 * /webhook/<node.webhookId>/<path> — or /webhook/<workflowId>/<node name>/<path> when the
	 * node has no webhookId. Wait-style `restartWebhook`s are skipped.
	 * @param {{id: string, nodes: any[]}} wf
	 * @returns {Promise<{node: string, type: string, method: string, path: string, url: string}[]>}
	 */
	async productionWebhooks(wf) {
		this._typesCache ??= await this.nodeTypes();
		const types = /** @type {any[]} */ (this._typesCache);
		const out = [];
		for (const node of wf.nodes ?? []) {
			if (node.disabled) continue;
			const desc =
				types.find(
					(t) =>
						t.name === node.type &&
						(Array.isArray(t.version)
							? t.version.includes(node.typeVersion)
							: t.version === node.typeVersion),
				) ?? types.find((t) => t.name === node.type);
			for (const hook of desc?.webhooks ?? []) {
				if (hook.restartWebhook) continue;
				if (hook.name && hook.name !== 'default' && hook.name !== 'setup') continue;
				const params = { ...defaultsOf(desc), ...(node.parameters ?? {}) };
				const p = evalDescriptionValue(hook.path, params, node.webhookId);
				const method = String(
					evalDescriptionValue(hook.httpMethod ?? 'GET', params, node.webhookId) || 'GET',
				);
				if (typeof p !== 'string') continue;
				const isFullPath = evalDescriptionValue(hook.isFullPath, params, node.webhookId) === true;
				let full;
				if (node.webhookId === undefined)
					full = `${wf.id}/${encodeURIComponent(String(node.name).toLowerCase())}/${p}`;
				else full = isFullPath ? p || node.webhookId : `${node.webhookId}/${p}`;
				full = full.replace(/^\/+/, '');
				out.push({
					node: node.name,
					type: node.type,
					method,
					path: full,
					url: `${this.baseUrl}/webhook/${full}`,
				});
			}
		}
		return out;
	}

	/**
	 * Wait until a production webhook is registered, using a CORS preflight
	 * (OPTIONS + Origin + Access-Control-Request-Method): 204 once registered, 404 before.
	 * @param {string} webhookPath @param {string} [method] @param {{timeoutMs?: number, prefix?: string}} [o]
	 */
	async waitForWebhook(webhookPath, method = 'POST', o = {}) {
		const deadline = Date.now() + (o.timeoutMs ?? 20_000);
		const url = `/${o.prefix ?? 'webhook'}/${webhookPath.replace(/^\//, '')}`;
		let last;
		for (;;) {
			last = await this.request('OPTIONS', url, {
				auth: false,
				headers: { origin: this.baseUrl, 'access-control-request-method': method },
			});
			if (last.status >= 200 && last.status < 300) return;
			if (Date.now() > deadline) {
				throw new Error(
					`webhook ${method} ${url} not registered: HTTP ${last.status} ${last.text.slice(0, 300)}`,
				);
			}
			await sleep(100);
		}
	}

	/** @param {{id: string}} wf */
	async deactivateWorkflow(wf) {
		return this.rest('POST', `/workflows/${wf.id}/deactivate`, {});
	}

	/** Create + activate. @param {any} wf @param {{credential?: {id: string, name: string}}} [o] */
	async createActiveWorkflow(wf, o) {
		const created = await this.createWorkflow(wf, o);
		const activated = await this.activateWorkflow(created);
		return { ...created, ...activated };
	}

	/**
	 * Call a production webhook: /webhook/<path> (or a waiting execution's /webhook-waiting/<id>).
	 * @param {string} webhookPath
	 * @param {{method?: string, json?: any, body?: any, headers?: Record<string,string>, query?: Record<string,string>, prefix?: string, timeoutMs?: number}} [o]
	 */
	async callWebhook(webhookPath, o = {}) {
		const qs = o.query ? `?${new URLSearchParams(o.query)}` : '';
		const prefix = o.prefix ?? 'webhook';
		return this.request(o.method ?? 'POST', `/${prefix}/${webhookPath.replace(/^\//, '')}${qs}`, {
			json: o.json,
			body: o.body,
			headers: o.headers,
			auth: false,
			timeoutMs: o.timeoutMs,
		});
	}

	// ------------------------------------------------------------------ executions

	/**
	 * GET /rest/executions (newest first). Response on both lines: {count, estimated, results[]}.
	 * @param {{workflowId?: string, status?: string, limit?: number}} [f]
	 * @returns {Promise<any[]>}
	 */
	async listExecutions(f = {}) {
		/** @type {Record<string, any>} */
		const filter = {};
		if (f.workflowId) filter.workflowId = String(f.workflowId);
		if (f.status) filter.status = [f.status];
		const qs = new URLSearchParams({
			filter: JSON.stringify(filter),
			limit: String(f.limit ?? 50),
		});
		const data = await this.rest('GET', `/executions?${qs}`);
		return data.results ?? data;
	}

	/**
	 * GET /rest/executions/:id with the run data decoded (n8n stores it `flatted`-serialised).
	 * Result: the execution with `data` = IRunExecutionData ({resultData: {runData, error, lastNodeExecuted}}).
	 * @param {string} id
	 */
	async getExecution(id) {
		const ex = await this.rest('GET', `/executions/${id}`);
		if (typeof ex?.data === 'string') {
			const { parse } = this.requireFromN8n('flatted');
			ex.data = parse(ex.data);
		}
		return ex;
	}

	/**
	 * Output items of a node in an execution: [[item.json,...] per output] of the last run.
	 * @param {any} execution from getExecution @param {string} nodeName
	 */
	static nodeOutput(execution, nodeName) {
		const runs = execution?.data?.resultData?.runData?.[nodeName];
		if (!runs?.length) return undefined;
		const last = runs[runs.length - 1];
		return (last.data?.main ?? []).map((/** @type {any[]} */ out) =>
			(out ?? []).map((i) => i.json),
		);
	}

	/**
	 * Wait until an execution matching the filter has finished (status not new/running/waiting
	 * unless `allowWaiting`) and return it with run data.
	 * @param {{workflowId: string, timeoutMs?: number, allowWaiting?: boolean, after?: string|number, predicate?: (ex: any) => boolean}} o
	 */
	async waitForExecution(o) {
		const deadline = Date.now() + (o.timeoutMs ?? 60_000);
		for (;;) {
			const list = await this.listExecutions({ workflowId: o.workflowId });
			for (const ex of list) {
				if (o.after !== undefined && Number(ex.id) <= Number(o.after)) continue;
				const done =
					!['new', 'running', 'unknown'].includes(ex.status) &&
					(o.allowWaiting || ex.status !== 'waiting');
				if (!done) continue;
				const full = await this.getExecution(ex.id);
				if (!o.predicate || o.predicate(full)) return full;
			}
			if (Date.now() > deadline) {
				throw new Error(
					`no finished execution for workflow ${o.workflowId} within timeout; last list: ${JSON.stringify(list.map((e) => ({ id: e.id, status: e.status })))}`,
				);
			}
			await sleep(300);
		}
	}

	// ------------------------------------------------------------------ lifecycle

	/** Stop n8n (SIGTERM to the whole process group, SIGKILL after a grace period). */
	async stop({ graceMs = 15_000 } = {}) {
		if (this._stopped) return;
		this._stopped = true;
		const pid = this.child.pid;
		if (!pid) return;
		const kill = (/** @type {NodeJS.Signals} */ sig) => {
			try {
				process.kill(-pid, sig);
			} catch {
				/* already gone */
			}
		};
		if (this.child.exitCode === null && this.child.signalCode === null) {
			kill('SIGTERM');
			const timer = setTimeout(() => kill('SIGKILL'), graceMs);
			await this.exitP;
			clearTimeout(timer);
		}
		kill('SIGKILL'); // stragglers in the group (task runners)
		untrackGroup(pid);
	}
}
