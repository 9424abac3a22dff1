// @ts-check
'use strict';

/**
 * Offline Smile ID simulator: a real local HTTP(S) server that behaves like the Smile ID
 * REST API described in smile-id-api-docs.txt (prep upload, presigned zip upload, job status,
 * SmartSelfie Compare, ID number rate limit reset, signed result callbacks).
 *
 * It deliberately does NOT import the package's own code: it plays the real service, so it
 * implements signing, zip inspection and multipart parsing independently.
 *
 * See README.md in this folder for the scenario prefixes and the /__sim control API.
 */

const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { referenceSignature } = require('../fixtures/signing');
const { ERR, computeSignature, nowIso } = require('./util');
const { SCENARIOS, PREFIX_FAULTS, parseUserId } = require('./scenarios');
const { createContext } = require('./context');
const { addFault } = require('./faults');
const { sendJson } = require('./responses');
const { enrol } = require('./jobs');
const { resendCallback } = require('./callbacks');
const { setSigningClock } = require('./signingClock');
const { serialiseJob, stats, reset, handleControl, credentialsOf } = require('./control');
const { handlePrepUpload } = require('./endpoints/prepUpload');
const { handlePut } = require('./endpoints/zipUpload');
const { handleJobStatus } = require('./endpoints/jobStatus');
const { handleCompare } = require('./endpoints/compare');
const { handleRateLimitReset } = require('./endpoints/rateLimitReset');
const { handleSmileLinks, handleHostedLink } = require('./endpoints/smileLinks');
const { SAMPLE_IMAGES, sampleImage, handleImage } = require('./endpoints/images');
const { KYC_ROUTES } = require('./endpoints/kyc');
const { PRODUCT_ROUTES } = require('./endpoints/products');

/** The JSON products routed by path alone. */
const JSON_ROUTES = { ...KYC_ROUTES, ...PRODUCT_ROUTES };

/**
 * @typedef {{
 *   port: number, host: string, partnerId: string, apiKey: string, latencyMs: number, linkRefParam: string,
 *   tls: { key: string | Buffer, cert: string | Buffer } | undefined,
 *   callbackDelayMs: number, provisionalDelayMs: number, slowMs: number, timestampWindowMs: number,
 *   callbackRetries: number, callbackRetryDelayMs: number, callbackTimeoutMs: number,
 *   callbackRejectUnauthorized: boolean, uploadUrlTtlMs: number, maxBodyBytes: number,
 *   maxRecordedRequests: number, publicUrl: string | undefined, log: boolean | ((...a: any[]) => void),
 *   linksPageSize: number, linkCreateAnswer: 'docs' | 'full'
 * }} SimOptions
 */

/** @type {Readonly<SimOptions>} */
const DEFAULTS = Object.freeze({
  port: 0,
  host: '127.0.0.1',
  partnerId: '085',
  apiKey: '',
  latencyMs: 0,
  linkRefParam: 'smile_link_id',
  tls: undefined,
  callbackDelayMs: 50,
  provisionalDelayMs: 1500,
  slowMs: 30000,
  timestampWindowMs: 10 * 60 * 1000,
  callbackRetries: 3,
  callbackRetryDelayMs: 200,
  callbackTimeoutMs: 5000,
  callbackRejectUnauthorized: false,
  uploadUrlTtlMs: 60 * 60 * 1000,
  maxBodyBytes: 64 * 1024 * 1024,
  maxRecordedRequests: 2000,
  publicUrl: undefined,
  log: false,
  /** GET /v1/smile_links: 0 answers every link at once, n > 0 pages of n (see README). */
  linksPageSize: 0,
  /** Create a Smile Link answers as the docs show ({link, ref_id, success}) or 'full' (the whole link, expires_at included). */
  linkCreateAnswer: 'docs',
});

/**
 * Start the simulator.
 * @param {Partial<SimOptions>} [options]
 */
async function startSimulator(options = {}) {
  /** @type {SimOptions} */
  const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (!opts.apiKey) opts.apiKey = 'sim-key-' + crypto.randomBytes(12).toString('hex');
  opts.partnerId = String(opts.partnerId);
  /** @type {(...a: any[]) => void} */
  const log = typeof opts.log === 'function' ? opts.log : opts.log ? (...a) => console.log('[smile-sim]', ...a) : () => {};
  const ctx = createContext(opts, log);

  /** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
  function readBody(req) {
    return new Promise((resolve, reject) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      const md5 = req.method === 'PUT' ? crypto.createHash('md5') : undefined;
      if (md5) ctx.bodyMd5.set(req, md5);
      req.on('data', (c) => {
        md5?.update(c);
        size += c.length;
        if (size > ctx.opts.maxBodyBytes) {
          reject(Object.assign(new Error('body too large'), { tooLarge: true }));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function onRequest(req, res) {
    const url = new URL(req.url || '/', 'http://simulator.local');
    let raw;
    try {
      raw = await readBody(req);
    } catch (e) {
      if (/** @type {any} */ (e).tooLarge && !res.headersSent) {
        res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close' });
        res.end(JSON.stringify({ code: '2204', error: 'Request entity too large' }));
      }
      return;
    }
    if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) return handleControl(ctx, req, res, raw, url);
    if (url.pathname.startsWith('/__samples/')) {
      const sample = sampleImage(url.pathname.slice('/__samples/'.length).replace(/\.jpg$/, ''));
      if (!sample) return sendJson(res, null, 404, { error: 'Not Found', samples: Object.keys(SAMPLE_IMAGES) });
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': sample.length });
      return void res.end(sample);
    }

    ctx.requestSeq += 1;
    ctx.counters.requests += 1;
    const record = {
      id: ctx.requestSeq,
      method: req.method,
      path: url.pathname,
      url: req.url,
      headers: { ...req.headers },
      body: /** @type {any} */ (undefined),
      at: nowIso(),
      status: /** @type {any} */ (null),
      response: /** @type {any} */ (undefined),
      job_id: /** @type {string | undefined} */ (undefined),
    };
    ctx.requests.push(record);
    if (ctx.requests.length > opts.maxRecordedRequests) ctx.requests.splice(0, ctx.requests.length - opts.maxRecordedRequests);
    log(`${req.method} ${url.pathname}`);

    if (url.pathname === '/v1/job_status') {
      ctx.jobStatusInFlight += 1;
      ctx.counters.jobStatusMaxInFlight = Math.max(ctx.counters.jobStatusMaxInFlight, ctx.jobStatusInFlight);
      res.once('close', () => {
        ctx.jobStatusInFlight -= 1;
      });
    }
    if (opts.latencyMs > 0 && !url.pathname.startsWith('/__images/')) await ctx.delay(opts.latencyMs);
    const method = req.method || 'GET';
    if (url.pathname === '/v1/upload' && method === 'POST') return handlePrepUpload(ctx, req, res, raw, record);
    if (url.pathname === '/v1/job_status' && method === 'POST') return handleJobStatus(ctx, req, res, raw, record);
    if (url.pathname === '/v2/smart-selfie-compare' && method === 'POST') return handleCompare(ctx, req, res, raw, record);
    if (url.pathname === '/v1/id_number_rate_limit_reset' && method === 'POST') return handleRateLimitReset(ctx, req, res, raw, record);
    if (url.pathname === '/v1/smile_links' || url.pathname.startsWith('/v1/smile_links/')) return handleSmileLinks(ctx, req, res, raw, record, url);
    if (url.pathname.startsWith('/__links/')) return handleHostedLink(ctx, req, res, raw, record, url);
    const kycRoute = /** @type {Record<string, any>} */ (JSON_ROUTES)[url.pathname];
    if (kycRoute) return kycRoute.method === method ? kycRoute.handle(ctx, req, res, raw, record) : sendJson(res, record, 405, { error: 'Method Not Allowed' });
    if (url.pathname.startsWith('/__upload/')) return handlePut(ctx, req, res, raw, record, url);
    if (url.pathname.startsWith('/__images/') && (method === 'GET' || method === 'HEAD')) return handleImage(ctx, res, record, url);
    if (['/v1/upload', '/v1/job_status', '/v2/smart-selfie-compare', '/v1/id_number_rate_limit_reset'].includes(url.pathname)) {
      return sendJson(res, record, 405, { error: 'Method Not Allowed' });
    }
    return sendJson(res, record, 404, { error: 'Not Found' });
  }

  const handler = (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
    onRequest(req, res).catch((e) => {
      log('unhandled error', e);
      if (!res.headersSent) sendJson(res, null, 500, ERR.system);
      else res.destroy();
    });
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 5000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const addr = /** @type {import('net').AddressInfo} */ (server.address());
  const displayHost = opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host === '::' ? '[::1]' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  ctx.baseUrl = (opts.publicUrl || `${opts.tls ? 'https' : 'http'}://${displayHost}:${addr.port}`).replace(/\/+$/, '');

  const api = {
    url: ctx.baseUrl,
    port: addr.port,
    options: opts,
    credentials: credentialsOf(ctx),
    jobs: ctx.jobs,
    users: ctx.users,
    requests: ctx.requests,
    rateLimitResets: ctx.rateLimitResets,
    links: ctx.links,
    stats: () => stats(ctx),
    reset: () => reset(ctx),
    /** @param {Record<string, any>} spec */
    addFault: (spec) => addFault(ctx, spec),
    clearFaults: () => {
      ctx.faults = [];
    },
    /** Starts a new measurement of jobStatusMaxInFlight. */
    resetJobStatusPeak: () => {
      ctx.counters.jobStatusMaxInFlight = ctx.jobStatusInFlight;
    },
    /** @param {string} userId */
    enroll: (userId) => enrol(ctx, userId, 'manual', ''),
    /** Form, offset or frozen moment of the timestamps signed from now on (signingClock.js). @param {{form?: string, offsetMs?: number, freeze?: boolean}} [spec] */
    setSigningClock: (spec) => setSigningClock(ctx, spec),
    /** @param {string} jobId @param {Record<string, any>} [overrides] */
    resendCallback: (jobId, overrides) => resendCallback(ctx, jobId, overrides),
    /** @param {string} jobId @param {boolean} [full] */
    getJob: (jobId, full = false) => (ctx.jobs.has(jobId) ? serialiseJob(ctx, ctx.jobs.get(jobId), full) : undefined),
    /** Sign like Smile ID (for convenience in other tests). @param {string} [timestamp] */
    sign: (timestamp = nowIso()) => ({ timestamp, signature: referenceSignature({ apiKey: opts.apiKey, partnerId: opts.partnerId, timestamp }) }),
    server,
    async stop() {
      if (ctx.stopped) return;
      ctx.stopped = true;
      for (const t of ctx.timers) clearTimeout(t);
      ctx.timers.clear();
      for (const ac of ctx.aborters) ac.abort();
      ctx.aborters.clear();
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
      });
    },
  };
  return api;
}

module.exports = { startSimulator, computeSignature, parseUserId, DEFAULTS, SCENARIOS, PREFIX_FAULTS };
