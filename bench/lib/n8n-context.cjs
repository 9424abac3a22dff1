// @ts-check
'use strict';
/**
 * A minimal n8n IExecuteFunctions / IWebhookFunctions for running the package's compiled code
 * (dist/) outside n8n, as faithfully as is practical:
 *
 * - HTTP: n8n's own code when the e2e cache has n8n 2.x installed (`.cache/n8n-2`, made by
 *   `npm run e2e:install` or any e2e run): `helpers.httpRequest` is n8n-core's
 *   `Container.get(OutboundHttp).requests().request` (what n8n 2.41.1's execute context uses),
 *   `helpers.httpRequestWithAuthentication` is n8n-core's own `httpRequestWithAuthentication`
 *   with a credentials helper that calls the credential's `authenticate` function exactly like
 *   n8n's CredentialsHelper does for a function-type `authenticate`.
 *   Fallback without the cache (or with SMILEID_BENCH_HTTP=node): a small node:http(s)
 *   implementation of the same contract (JSON bodies, Buffer and streamed bodies, baseURL, timeout,
 *   returnFullResponse, ignoreHttpStatusErrors). The output says which one ran.
 * - Binary data: n8n's in-memory ("default") mode layout, the item's binary property holds the
 *   file as base64 and `getBinaryDataBuffer` decodes it (what n8n-core's BinaryDataService
 *   does for binary data without an id); or, for a property with an id `filesystem-v2:<path>`,
 *   n8n's filesystem mode: `getBinaryDataBuffer` reads the file with fs.readFile, as n8n-core's
 *   FileSystemManager does.
 * - Credentials: returned from memory. Real n8n reads and decrypts them from its database on
 *   every getCredentials call; that cost is not included here (benchmark 4 runs real n8n).
 */
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(REPO_ROOT, 'dist');
const N8N2_MODULES = path.join(
	process.env.SMILEID_E2E_CACHE_DIR ?? path.join(REPO_ROOT, '.cache'),
	'n8n-2',
	'node_modules',
);

/** @returns {{ mode: string, httpRequest: (o: any) => Promise<any>, httpRequestWithAuthentication: (ctx: any, type: string, o: any, credentialType: any) => Promise<any> }} */
function loadHttp() {
	const want = process.env.SMILEID_BENCH_HTTP ?? 'auto';
	if (want !== 'node') {
		try {
			const n8nCorePkg = JSON.parse(
				fs.readFileSync(path.join(N8N2_MODULES, 'n8n-core', 'package.json'), 'utf8'),
			);
			const { Container } = require(path.join(N8N2_MODULES, '@n8n', 'di'));
			const network = require(path.join(N8N2_MODULES, '@n8n', 'backend-network'));
			const auth = require(
				path.join(
					N8N2_MODULES,
					'n8n-core',
					'dist/execution-engine/node-execution-context/utils/request-helpers/authentication.js',
				),
			);
			const outbound = Container.get(network.OutboundHttp);
			return {
				mode: `n8n-core ${n8nCorePkg.version} (n8n 2.x) httpRequest + httpRequestWithAuthentication`,
				httpRequest: async (o) => await outbound.requests().request(o),
				httpRequestWithAuthentication: async (ctx, type, o, credentialType) => {
					const additionalData = {
						credentialsHelper: {
							getParentTypes: () => [],
							preAuthentication: async () => undefined,
							// n8n's CredentialsHelper.authenticate for a function-type `authenticate`
							authenticate: async (
								/** @type {any} */ creds,
								/** @type {string} */ _t,
								/** @type {any} */ req,
							) => await credentialType.authenticate(creds, req),
						},
					};
					return await auth.httpRequestWithAuthentication.call(
						ctx,
						type,
						o,
						/* workflow */ {},
						ctx.getNode(),
						additionalData,
						undefined,
					);
				},
			};
		} catch (error) {
			if (want === 'n8n') throw error;
		}
	}
	return {
		mode: 'node:https fallback (n8n-core from .cache/n8n-2 not available)',
		httpRequest: nodeHttpRequest,
		httpRequestWithAuthentication: async (ctx, type, o, credentialType) => {
			const creds = await ctx.getCredentials(type);
			return await nodeHttpRequest(await credentialType.authenticate(creds, { ...o }));
		},
	};
}

/**
 * n8n's httpRequest contract on node:http(s), for when n8n-core is not installed.
 * @param {any} o IHttpRequestOptions
 */
function nodeHttpRequest(o) {
	const url = new URL(o.baseURL ? `${o.baseURL.replace(/\/+$/, '')}${o.url}` : o.url);
	const headers = { ...(o.headers ?? {}) };
	/** @type {Buffer | undefined} */
	let payload;
	// a body with pipe() is streamed, as axios does (the zip upload)
	const streamed = typeof o.body?.pipe === 'function' ? o.body : undefined;
	if (Buffer.isBuffer(o.body)) payload = o.body;
	else if (!streamed && o.body !== undefined && o.body !== null && typeof o.body === 'object') {
		payload = Buffer.from(JSON.stringify(o.body));
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
			headers['content-type'] = 'application/json';
	} else if (typeof o.body === 'string') payload = Buffer.from(o.body);
	if (payload && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
		headers['content-length'] = String(payload.length);
	if (o.json && !Object.keys(headers).some((h) => h.toLowerCase() === 'accept'))
		headers.accept =
			'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7';
	const lib = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const req = lib.request(
			url,
			{ method: o.method ?? 'GET', headers, timeout: o.timeout ?? 300_000 },
			(res) => {
				// encoding 'stream': the response itself is the body, as axios's responseType 'stream'
				if (o.encoding === 'stream') {
					const status = res.statusCode ?? 0;
					resolve(
						o.returnFullResponse
							? {
									body: res,
									headers: res.headers,
									statusCode: status,
									statusMessage: res.statusMessage,
								}
							: res,
					);
					return;
				}
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('error', reject);
				res.on('end', () => {
					const raw = Buffer.concat(chunks);
					/** @type {any} */
					let body = raw;
					if (o.encoding !== 'arraybuffer') {
						const text = raw.toString('utf8');
						body = text;
						if (/json/i.test(String(res.headers['content-type'] ?? '')) || o.json) {
							try {
								body = JSON.parse(text);
							} catch {
								body = text;
							}
						}
					}
					const status = res.statusCode ?? 0;
					if ((status < 200 || status >= 300) && !o.ignoreHttpStatusErrors) {
						const error = /** @type {any} */ (
							new Error(`Request failed with status code ${status}`)
						);
						error.response = { status, body };
						reject(error);
						return;
					}
					resolve(
						o.returnFullResponse
							? { body, headers: res.headers, statusCode: status, statusMessage: res.statusMessage }
							: body,
					);
				});
			},
		);
		req.on('timeout', () =>
			req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
		);
		req.on('error', reject);
		if (streamed) streamed.pipe(req);
		else req.end(payload);
	});
}

let httpCache;
function httpLayer() {
	httpCache ??= loadHttp();
	return httpCache;
}

/** The compiled package code. */
function dist() {
	const must = path.join(DIST, 'nodes', 'SmileId', 'actions', 'router.js');
	if (!fs.existsSync(must)) throw new Error('dist/ missing: run `npm run build` first');
	const credentials = require(path.join(DIST, 'credentials', 'SmileIdApi.credentials.js'));
	return {
		router: require(path.join(DIST, 'nodes', 'SmileId', 'actions', 'router.js')).router,
		credentialType: new credentials.SmileIdApi(),
		verifyCallback: require(path.join(DIST, 'nodes', 'SmileId', 'core', 'callback.js'))
			.verifyCallback,
		CallbackMemory: require(path.join(DIST, 'nodes', 'SmileId', 'core', 'replayGuard.js'))
			.CallbackMemory,
		SmileIdTrigger: require(path.join(DIST, 'nodes', 'SmileId', 'SmileIdTrigger.node.js'))
			.SmileIdTrigger,
	};
}

/** The file behind a binary data id of n8n's filesystem mode. @param {string} id */
function storedPath(id) {
	return id.replace(/^filesystem-v2:/, '');
}

/**
 * @param {{
 *   items: any[],
 *   parameters: Record<string, any> | ((name: string, itemIndex: number) => any),
 *   credentials: Record<string, any>,
 *   nodeName?: string,
 * }} o
 */
function executeContext(o) {
	const { credentialType } = dist();
	const layer = httpLayer();
	const node = {
		id: 'bench-node',
		name: o.nodeName ?? 'Smile ID',
		type: 'n8n-nodes-smileid.smileId',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { smileIdApi: { id: 'bench', name: 'bench' } },
	};
	const param =
		typeof o.parameters === 'function'
			? o.parameters
			: (/** @type {string} */ name) => /** @type {Record<string, any>} */ (o.parameters)[name];
	/** @type {any} */
	const ctx = {
		getInputData: () => o.items,
		getNode: () => node,
		getNodeParameter: (
			/** @type {string} */ name,
			/** @type {number} */ itemIndex,
			/** @type {any} */ fallback,
		) => {
			const value = param(name, itemIndex);
			if (value === undefined) return fallback;
			return typeof value === 'object' && value !== null ? structuredClone(value) : value;
		},
		continueOnFail: () => false,
		getCredentials: async () => ({ ...o.credentials }),
		logger: { warn() {}, info() {}, debug() {}, error() {} },
		helpers: {
			httpRequest: layer.httpRequest,
			async httpRequestWithAuthentication(/** @type {string} */ type, /** @type {any} */ req) {
				// the package calls it as this.helpers.httpRequestWithAuthentication.call(this, …)
				return await layer.httpRequestWithAuthentication(
					this === ctx.helpers || !this ? ctx : this,
					type,
					req,
					credentialType,
				);
			},
			assertBinaryData(/** @type {number} */ itemIndex, /** @type {string} */ name) {
				const binary = o.items[itemIndex]?.binary?.[name];
				if (!binary)
					throw new Error(
						`This operation expects the node's input data to contain a binary file '${name}', but none was found [item ${itemIndex}]`,
					);
				return binary;
			},
			async getBinaryDataBuffer(/** @type {number} */ itemIndex, /** @type {string} */ name) {
				const binary = o.items[itemIndex].binary[name];
				if (binary.id) return await fs.promises.readFile(storedPath(binary.id));
				return Buffer.from(binary.data, 'base64');
			},

			async prepareBinaryData(
				/** @type {Buffer} */ data,
				/** @type {string} */ fileName,
				/** @type {string} */ mimeType,
			) {
				return { data: data.toString('base64'), fileName, mimeType, fileSize: String(data.length) };
			},
		},
	};
	return ctx;
}

/**
 * The trigger's webhook context for one request: a version 3 trigger (the default) with Confirm
 * With Job Status off, so that no request leaves. What the trigger answers itself (refusals)
 * lands in `response`; an accepted callback n8n answers with the webhookResponse it returns.
 * @param {{ rawBody: Buffer, credentials: Record<string, any>, staticData: Record<string, any>, workflowId: string, parameters?: Record<string, any>, typeVersion?: number }} o
 */
function webhookContext(o) {
	const response = { statusCode: 0, body: /** @type {any} */ (undefined) };
	const res = {
		status(/** @type {number} */ code) {
			response.statusCode = code;
			return res;
		},
		json(/** @type {any} */ body) {
			response.body = body;
			return res;
		},
		once() {
			return res;
		},
	};
	const params = {
		confirmWithJobStatus: false,
		settings: {},
		jobTypes: [],
		outcomes: [],
		finalOnly: false,
		...(o.parameters ?? {}),
	};
	/** @type {any} */
	const ctx = {
		getResponseObject: () => res,
		getRequestObject: () => ({ rawBody: o.rawBody }),
		getBodyData: () => JSON.parse(o.rawBody.toString('utf8')),
		getCredentials: async () => ({ ...o.credentials }),
		getNodeParameter: (/** @type {string} */ name, /** @type {any} */ fallback) =>
			params[name] ?? fallback,
		getWorkflow: () => ({ id: o.workflowId, name: 'bench', active: true }),
		getNode: () => ({ name: 'Smile ID Trigger', typeVersion: o.typeVersion ?? 3 }),
		getWorkflowStaticData: () => o.staticData,
		helpers: {
			async prepareBinaryData(
				/** @type {Buffer} */ data,
				/** @type {string} */ fileName,
				/** @type {string} */ mimeType,
			) {
				return { data: data.toString('base64'), fileName, mimeType };
			},
		},
	};
	return { ctx, response };
}

module.exports = { REPO_ROOT, dist, executeContext, webhookContext, httpLayer };
