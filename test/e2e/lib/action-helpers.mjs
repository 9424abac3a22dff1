// @ts-check
/**
 * Helpers for the end-to-end tests of the Smile ID ACTION node in real n8n
 * (action-node-*.test.mjs, bad-input.test.mjs, faults.test.mjs).
 *
 *   const bench = await startActionBench(line, { sim: { provisionalDelayMs: 3000 } });
 *   const wf = await bench.deploy('dv-url', [splitItems(), smileNode({...})]);
 *   const { status, items } = await bench.run(wf, { items: [{ userId: 'u1', ... }] });
 *   await bench.stop();
 *
 * A bench is one simulator, one "aux" HTTP server (serves test images for the URL image
 * source and swallows Smile ID callbacks) and one n8n instance with a Smile ID credential.
 * Workflows start with a Webhook node (POST, respond with the last node's items) so a test
 * sends its input in the request and reads the node output from the answer.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

import { startN8nWithPackage } from './harness.mjs';
import { REPO_ROOT } from './install.mjs';
import { parseJsonOr } from './json.mjs';
import { N8nInstance } from './n8n.mjs';
import { startSim } from './sim.mjs';

const require = createRequire(import.meta.url);
/** @type {{ makeJpeg: (o?: {width?: number, height?: number, bytes?: number, seed?: string}) => Buffer }} */
const { makeJpeg } = require(path.join(REPO_ROOT, 'test', 'fixtures', 'jpeg.js'));
export { makeJpeg };

export const SMILE_TYPE = 'n8n-nodes-smileid.smileId';

/** @param {Buffer | Uint8Array | string} data */
export function sha256(data) {
	return crypto.createHash('sha256').update(data).digest('hex');
}

/** A short random suffix for unique IDs. */
export function rnd(n = 4) {
	return crypto.randomBytes(n).toString('hex');
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A PNG signature plus some bytes: clearly not a JPEG. */
export function pngBytes() {
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		crypto.randomBytes(256),
	]);
}

/**
 * A set of distinct JPEGs for one job.
 * @param {string} seed
 * @param {{ liveness?: number, bigId?: boolean }} [o] bigId: ID images that meet Smile ID's minimums (no warnings)
 */
export function imageSet(seed, o = {}) {
	const idSpec = o.bigId
		? { width: 2400, height: 1500, bytes: 640 * 1024 }
		: { width: 1000, height: 640, bytes: 12 * 1024 };
	return {
		selfie: makeJpeg({ width: 720, height: 960, bytes: 9 * 1024, seed: `${seed}-selfie` }),
		idCardFront: makeJpeg({ ...idSpec, seed: `${seed}-front` }),
		idCardBack: makeJpeg({ ...idSpec, seed: `${seed}-back` }),
		comparison: makeJpeg({ width: 600, height: 800, bytes: 8 * 1024, seed: `${seed}-portrait` }),
		liveness: Array.from({ length: o.liveness ?? 0 }, (_, i) =>
			makeJpeg({ width: 320, height: 480, bytes: 3 * 1024, seed: `${seed}-live-${i}` }),
		),
	};
}

// ------------------------------------------------------------------ aux server

/**
 * A tiny local HTTP server: GET /img/<name> serves registered bytes (the URL image source),
 * POST /cb/<anything> records a callback and answers 200.
 */
export async function startAuxServer() {
	/** @type {Map<string, {data: Buffer, type: string, delayMs: number}>} */
	const files = new Map();
	const load = { inFlight: 0, maxInFlight: 0 };
	/** @type {{path: string, body: any, at: number}[]} */
	const callbacks = [];
	/** @type {{path: string, at: number}[]} */
	const downloads = [];
	const server = http.createServer((req, res) => {
		const chunks = /** @type {Buffer[]} */ ([]);
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://aux.local');
			if (req.method === 'GET' && url.pathname.startsWith('/img/')) {
				const f = files.get(decodeURIComponent(url.pathname.slice(5)));
				downloads.push({ path: url.pathname, at: Date.now() });
				if (!f) {
					res.writeHead(404, { 'content-type': 'text/plain' });
					return void res.end('not found');
				}
				load.inFlight++;
				load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
				setTimeout(() => {
					load.inFlight--;
					res.writeHead(200, { 'content-type': f.type, 'content-length': f.data.length });
					res.end(f.data);
				}, f.delayMs);
				return;
			}
			if (req.method === 'POST' && url.pathname.startsWith('/cb')) {
				const raw = Buffer.concat(chunks).toString('utf8');
				const body = parseJsonOr(raw, raw);
				callbacks.push({ path: url.pathname, body, at: Date.now() });
				res.writeHead(200, { 'content-type': 'application/json' });
				return void res.end('{"ok":true}');
			}
			res.writeHead(404);
			res.end();
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		callbacks,
		downloads,
		/** concurrent image downloads now and at most since the last resetLoad() */
		load,
		resetLoad() {
			load.maxInFlight = load.inFlight;
		},
		/**
		 * Register bytes, get their URL. delayMs holds the answer (to see how many downloads overlap).
		 * @param {string} name @param {Buffer} data @param {string} [type] @param {{delayMs?: number}} [o]
		 */
		put(name, data, type = 'image/jpeg', o = {}) {
			files.set(name, { data, type, delayMs: o.delayMs ?? 0 });
			return `${url}/img/${encodeURIComponent(name)}`;
		},
		/** A callback URL on this server. @param {string} [tag] */
		callbackUrl(tag = 'default') {
			return `${url}/cb/${encodeURIComponent(tag)}`;
		},
		async stop() {
			await new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections?.();
			});
		},
	};
}

// ------------------------------------------------------------------ workflow building

/**
 * Webhook (POST, answers when the last node has finished, by default with all its items).
 * @param {string} webhookPath
 * @param {'allEntries'|'noData'} [responseData]
 */
export function webhookNode(webhookPath, responseData = 'allEntries') {
	return {
		id: crypto.randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'lastNode',
			responseData,
			options: {},
		},
	};
}

/** Split Out `body.items`: the test posts {items: [...]}, each element becomes one item. */
export function splitItems(name = 'Items') {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [200, 0],
		parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
	};
}

/**
 * Convert to File (base64 → binary property).
 * @param {string} name @param {string} sourceProperty @param {string} binaryPropertyName
 */
export function toBinaryNode(name, sourceProperty, binaryPropertyName) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		position: [200, 0],
		parameters: {
			operation: 'toBinary',
			sourceProperty,
			binaryPropertyName,
			options: { fileName: `${binaryPropertyName}.jpg`, mimeType: 'image/jpeg' },
		},
	};
}

/** Merge by position with n inputs (keeps every input's binary properties). @param {number} n */
export function mergeNode(n, name = 'Merge') {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.merge',
		typeVersion: 3.2,
		position: [400, 0],
		parameters: { mode: 'combine', combineBy: 'combineByPosition', numberInputs: n, options: {} },
	};
}

/**
 * Extract From File → base64 of a binary property into json, keeping json and binary.
 * @param {string} name @param {string} binaryPropertyName @param {string} destinationKey
 */
export function binaryToJsonNode(name, binaryPropertyName, destinationKey) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.extractFromFile',
		typeVersion: 1,
		position: [600, 0],
		parameters: {
			operation: 'binaryToPropery',
			binaryPropertyName,
			destinationKey,
			options: { keepSource: 'both' },
		},
	};
}

/**
 * The Smile ID node.
 * @param {Record<string, any>} parameters
 * @param {{name?: string, continueOnFail?: boolean}} [o]
 */
export function smileNode(parameters, o = {}) {
	/** @type {Record<string, any>} */
	const node = {
		id: crypto.randomUUID(),
		name: o.name ?? 'Smile ID',
		type: SMILE_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters,
	};
	if (o.continueOnFail !== false) node.onError = 'continueRegularOutput';
	return node;
}

/**
 * Parameters of a submit operation whose inputs come from the item json ($json.*) so one
 * workflow serves many tests. Fields absent from the item evaluate to ''.
 * @param {string} resource @param {string} operation @param {Record<string, any>} [extra]
 * @param {string} [base] where the fields are: '$json' (Split Out items) or '$json.body' (a multipart webhook item)
 */
export function itemDrivenSubmit(resource, operation, extra = {}, base = '$json') {
	/** @type {Record<string, any>} */
	const p = {
		resource,
		operation,
		userId: `={{ ${base}.userId ?? "" }}`,
		jobId: `={{ ${base}.jobId ?? "" }}`,
		imageSource: `={{ ${base}.imageSource ?? "base64" }}`,
		selfie: `={{ ${base}.selfie ?? "" }}`,
		livenessImages: `={{ ${base}.liveness ?? "" }}`,
		callbackUrl: `={{ ${base}.callbackUrl ?? "" }}`,
	};
	if (resource === 'document') {
		p.country = `={{ ${base}.country ?? "" }}`;
		p.idType = `={{ ${base}.idType ?? "" }}`;
		p.idCardFront = `={{ ${base}.idCardFront ?? "" }}`;
		p.idCardBack = `={{ ${base}.idCardBack ?? "" }}`;
	}
	if (operation === 'compare') {
		p.comparisonImage = `={{ ${base}.comparisonImage ?? "" }}`;
		p.comparisonImageType = `={{ ${base}.comparisonImageType ?? "ID_PHOTO" }}`;
	}
	return { ...p, ...extra };
}

/**
 * A workflow: Webhook → nodes[0] → nodes[1] → … (linear), unless `connections` is given.
 * @param {string} name @param {string} webhookPath @param {any[]} nodes @param {Record<string, any>} [connections]
 */
export function linearWorkflow(name, webhookPath, nodes, connections) {
	const hook = webhookNode(webhookPath);
	const all = [hook, ...nodes].map((n, i) => ({ ...n, position: [i * 220, 0] }));
	/** @type {Record<string, any>} */
	const conn = connections ?? {};
	if (!connections) {
		for (let i = 0; i < all.length - 1; i++) {
			conn[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
		}
	}
	return { name, nodes: all, connections: conn, settings: { executionOrder: 'v1' } };
}

// ------------------------------------------------------------------ bench

/**
 * @typedef {{ id: string, path: string, name: string }} DeployedWorkflow
 */

export class ActionBench {
	/**
	 * @param {{ line: '1'|'2', n8n: N8nInstance, sim: any, aux: Awaited<ReturnType<typeof startAuxServer>>, cred: {id: string, name: string} }} o
	 */
	constructor(o) {
		this.line = o.line;
		this.n8n = o.n8n;
		this.sim = o.sim;
		this.aux = o.aux;
		this.cred = o.cred;
		/** @type {Map<string, DeployedWorkflow>} */
		this.workflows = new Map();
	}

	/**
	 * Create and activate a workflow Webhook → nodes (cached by key).
	 * @param {string} key @param {any[]} nodes @param {{connections?: (hookName: string) => Record<string, any>}} [o]
	 * @returns {Promise<DeployedWorkflow>}
	 */
	async deploy(key, nodes, o = {}) {
		const cached = this.workflows.get(key);
		if (cached) return cached;
		const webhookPath = `act-${key}-${rnd()}`;
		const wf = linearWorkflow(
			`e2e action ${key} (${this.line}.x)`,
			webhookPath,
			nodes,
			o.connections?.('Webhook'),
		);
		const created = await this.n8n.createActiveWorkflow(wf, { credential: this.cred });
		const deployed = { id: String(created.id), path: webhookPath, name: wf.name };
		this.workflows.set(key, deployed);
		return deployed;
	}

	/**
	 * The usual test workflow: Webhook → Split Out (the body's `items`) → one Smile ID node
	 * with these parameters (cached by key).
	 * @param {string} key @param {Record<string, any>} params
	 */
	async deployItems(key, params) {
		return await this.deploy(key, [splitItems(), smileNode(params)]);
	}

	/**
	 * POST to a workflow's webhook and return its answer: `items` = the json of every output
	 * item of the last node (when the workflow succeeded).
	 * @param {DeployedWorkflow} wf
	 * @param {any} [json] request body (JSON)
	 * @param {{form?: FormData, timeoutMs?: number}} [o]
	 */
	async run(wf, json, o = {}) {
		const res = await this.n8n.callWebhook(wf.path, {
			json: o.form ? undefined : json,
			body: o.form,
			timeoutMs: o.timeoutMs ?? 120_000,
		});
		const items = Array.isArray(res.json) ? res.json : res.json ? [res.json] : [];
		return { status: res.status, text: res.text, json: res.json, items };
	}

	/**
	 * Run with the single-item convention ({items: [item]}) and return the one output item.
	 * @param {DeployedWorkflow} wf @param {Record<string, any>} item
	 */
	async runOne(wf, item) {
		const r = await this.run(wf, { items: [item] });
		if (r.status !== 200)
			throw new Error(`webhook ${wf.path} -> HTTP ${r.status}: ${r.text.slice(0, 1000)}`);
		if (r.items.length !== 1)
			throw new Error(`expected 1 output item, got ${r.items.length}: ${r.text.slice(0, 1000)}`);
		return r.items[0];
	}

	/** The newest finished execution of a workflow, with run data. @param {DeployedWorkflow} wf */
	async lastExecution(wf) {
		const list = await this.n8n.listExecutions({ workflowId: wf.id, limit: 5 });
		const done = list.filter((e) => !['new', 'running', 'unknown', 'waiting'].includes(e.status));
		if (!done.length) return this.n8n.waitForExecution({ workflowId: wf.id, timeoutMs: 30_000 });
		const newest = done.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
		return this.n8n.getExecution(newest.id);
	}

	/** Output items (full INodeExecutionData: json, binary, pairedItem) of a node in an execution. @param {any} ex @param {string} node */
	static fullOutput(ex, node = 'Smile ID') {
		const runs = ex?.data?.resultData?.runData?.[node];
		if (!runs?.length) return undefined;
		return runs[runs.length - 1].data?.main?.[0] ?? [];
	}

	/** The simulator counters (same as GET /__sim/stats). */
	stats() {
		return this.sim.stats();
	}

	/** GET /__sim/jobs/:id through the control API (what a black-box client sees). @param {string} jobId */
	async simJob(jobId) {
		const r = await fetch(`${this.sim.url}/__sim/jobs/${encodeURIComponent(jobId)}`);
		return r.status === 200 ? r.json() : undefined;
	}

	/** POST to a simulator control endpoint. @param {string} p @param {any} body */
	async simPost(p, body) {
		const r = await fetch(`${this.sim.url}${p}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body ?? {}),
		});
		return r.json();
	}

	/** Recorded simulator requests for a job (prep uploads, PUTs, job status, compare). @param {string} jobId @param {string} [p] */
	requestsFor(jobId, p) {
		return this.sim.requests.filter(
			(/** @type {any} */ r) =>
				(r.job_id === jobId ||
					r.body?.job_id === jobId ||
					r.body?.partner_params?.job_id === jobId) &&
				(!p || r.path === p),
		);
	}

	/**
	 * Wait until a simulator job satisfies a predicate (e.g. its final result was emitted).
	 * @param {string} jobId @param {(job: any) => boolean} pred @param {number} [timeoutMs]
	 */
	async waitForSimJob(jobId, pred, timeoutMs = 15_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const job = this.sim.getJob(jobId);
			if (job && pred(job)) return job;
			if (Date.now() > deadline)
				throw new Error(
					`simulator job ${jobId}: condition not met; job: ${JSON.stringify(job)?.slice(0, 1500)}`,
				);
			await sleep(100);
		}
	}

	async stop() {
		await this.n8n?.stop();
		await this.sim?.stop();
		await this.aux?.stop();
	}
}

/**
 * Start simulator + aux server + n8n of `line` with the package and a credential.
 * @param {'1'|'2'} line @param {{ sim?: Record<string, any> }} [o]
 */
export async function startActionBench(line, o = {}) {
	const sim = await startSim({ callbackRetries: 0, ...(o.sim ?? {}) });
	const aux = await startAuxServer();
	let n8n;
	try {
		n8n = await startN8nWithPackage(line);
	} catch (e) {
		await sim.stop();
		await aux.stop();
		throw e;
	}
	const cred = await n8n.createSmileIdCredential(
		sim.credentials,
		`Smile ID sim (${line}.x actions)`,
	);
	console.log(
		`# n8n ${n8n.version} on node ${n8n.nodeVersion} ready in ${n8n.startupMs} ms (${n8n.baseUrl}); simulator ${sim.url}; aux ${aux.url}`,
	);
	return new ActionBench({ line, n8n, sim, aux, cred });
}

/** Form data with JPEG files (the Webhook node turns each file into a binary property named after its field). @param {Record<string, string>} fields @param {Record<string, Buffer>} files */
export function formWith(fields, files) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	for (const [k, v] of Object.entries(files)) {
		fd.append(k, new Blob([v], { type: 'image/jpeg' }), `${k}.jpg`);
	}
	return fd;
}

/** The error text of an output item (message + description), for regex checks. @param {any} item */
export function errorText(item) {
	return `${item?.error ?? ''} ${item?.errorDescription ?? ''}`;
}

/**
 * The simulator's Smile ID-facing counters, for the bad-input suites: none of them may move when
 * an item is refused before any request. @param {any} s the simulator's counters (bench.stats())
 */
export function simFootprint(s) {
	const sum = (/** @type {Record<string, number>} */ o) =>
		Object.values(o ?? {}).reduce((a, b) => a + b, 0);
	return {
		requests: s.requests,
		prepUploadCalls: s.prepUploadCalls,
		prepUploads: sum(s.prepUploads),
		putAttempts: sum(s.putAttempts),
		compareCalls: sum(s.compareCalls),
		jobsCreated: s.jobsCreated,
		jobStatusCalls: s.jobStatusCalls,
		rateLimitResets: s.rateLimitResets,
		idVerificationCalls: s.idVerificationCalls,
		basicKycCalls: s.basicKycCalls,
		amlCalls: s.amlCalls,
		businessVerificationCalls: s.businessVerificationCalls,
		phoneVerificationCalls: s.phoneVerificationCalls,
		addressVerificationCalls: s.addressVerificationCalls,
		listCalls: s.listCalls,
	};
}

/** What an ID-number check reads before it decides: Smile ID's free live lists, never a paid call. */
export const LIVE_LIST_READS = ['GET /v1/services', 'POST /v1/products_config'];

/**
 * The requests the simulator recorded after the one numbered `afterId`, as "METHOD path".
 * @param {any} sim @param {number} afterId
 */
export function requestsAfter(sim, afterId) {
	return sim.requests
		.filter((/** @type {any} */ r) => r.id > afterId)
		.map((/** @type {any} */ r) => `${r.method} ${r.path}`);
}

/** The number of the newest recorded simulator request (0 before the first). @param {any} sim */
export function lastRequestId(sim) {
	return sim.requests.at(-1)?.id ?? 0;
}
