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
const JSZip = require('jszip');
const axios = require('axios').default || require('axios');
const { parseMultipart } = require('./multipart');
const R = require('./results');
const { makeJpeg } = require('../fixtures/jpeg');

/**
 * Sample JPEGs for example workflows and manual tries (`GET /__samples/<name>.jpg`): the ID
 * images meet the documented minimums, passports included (2400 px, over 600 KB), so they
 * raise no warnings.
 */
const SAMPLE_IMAGES = {
  selfie: { width: 720, height: 960, bytes: 120 * 1024 },
  id_card_front: { width: 2400, height: 1500, bytes: 700 * 1024 },
  id_card_back: { width: 2400, height: 1500, bytes: 650 * 1024 },
  portrait: { width: 600, height: 800, bytes: 90 * 1024 },
  ...Object.fromEntries(
    Array.from({ length: 8 }, (_, i) => [`liveness_${i + 1}`, { width: 320, height: 480, bytes: 20 * 1024 }]),
  ),
};
const sampleCache = new Map();
function sampleImage(name) {
  const spec = SAMPLE_IMAGES[name];
  if (!spec) return undefined;
  if (!sampleCache.has(name)) sampleCache.set(name, makeJpeg({ ...spec, seed: `sample-${name}` }));
  return sampleCache.get(name);
}

/**
 * @typedef {{
 *   port: number, host: string, partnerId: string, apiKey: string, latencyMs: number,
 *   tls: { key: string | Buffer, cert: string | Buffer } | undefined,
 *   callbackDelayMs: number, provisionalDelayMs: number, slowMs: number, timestampWindowMs: number,
 *   callbackRetries: number, callbackRetryDelayMs: number, callbackTimeoutMs: number,
 *   callbackRejectUnauthorized: boolean, uploadUrlTtlMs: number, maxBodyBytes: number,
 *   maxRecordedRequests: number, publicUrl: string | undefined, log: boolean | ((...a: any[]) => void)
 * }} SimOptions
 */

/** @type {Readonly<SimOptions>} */
const DEFAULTS = Object.freeze({
  port: 0,
  host: '127.0.0.1',
  partnerId: '085',
  apiKey: '',
  latencyMs: 0,
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
});

const SCENARIOS = ['approved', 'rejected', 'provisional', 'attention', 'never'];
const PREFIX_FAULTS = ['fault5xx', 'faultdrop', 'faultslow', 'fault429', 'faultput', 'faultjson', 'faultstatus5xx'];
const COMPARISON_IMAGE_TYPES = ['ID_PHOTO', 'PORTRAIT', 'DOCUMENT'];

const ERR = {
  invalidJson: { code: '2203', error: 'Error - Invalid JSON' },
  wrongType: { code: '2204', error: 'Error - A parameter is of the wrong data type' },
  unauthorised: { code: '2205', error: 'Error - You are not authorised to do that.' },
  alreadyEnrolledReg: { code: '2209', error: 'Error - User is already enrolled' },
  alreadyEnrolledDv: { code: '2209', error: 'Error - Wrong user id. This user is already enrolled with user_id' },
  noEnrolledUser: { code: '2210', error: 'Error - No enrolled user found' },
  invalidJobType: { code: '2212', error: 'Error - Invalid job type' },
  missing: { code: '2213', error: 'Error - A required parameter is missing' },
  jobExists: { code: '2215', error: 'Job already exists. Did you mean to set the retry flag to true?' },
  rateLimited: { code: '2222', error: 'This ID number has been blocked due to multiple submissions. Please use the designated endpoint to reactivate it.' },
  system: { code: '2201', error: 'System Error' },
};

/**
 * Smile ID signature: base64(HMAC-SHA256(key = api key UTF-8, msg = timestamp + partnerId + "sid_request")).
 * @param {string} apiKey
 * @param {string} timestamp
 * @param {string} partnerId
 */
function computeSignature(apiKey, timestamp, partnerId) {
  return crypto
    .createHmac('sha256', Buffer.from(apiKey, 'utf8'))
    .update(String(timestamp) + String(partnerId) + 'sid_request', 'utf8')
    .digest('base64');
}

/** @param {unknown} v @returns {v is Record<string, any>} */
function isObj(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** @param {unknown} v */
function isNonEmptyString(v) {
  return typeof v === 'string' && v.length > 0;
}
/** @param {Buffer} b */
function sha256(b) {
  return crypto.createHash('sha256').update(b).digest('hex');
}
/** @param {Buffer} b */
function isJpeg(b) {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}
/** @param {unknown} v @returns {boolean | null} null = invalid */
function parseBoolFlag(v) {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false' || s === '') return false;
  }
  return null;
}
/** @param {unknown} v */
function isHttpUrl(v) {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}
/** @param {string} s */
function xmlEscape(s) {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] || c);
}
/** Strict base64 (standard alphabet, optional padding, whitespace tolerated). @param {string} s */
function decodeStrictBase64(s) {
  const clean = s.replace(/\s+/g, '');
  if (!clean || clean.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}

/**
 * Parse the user_id prefixes: leading dash-separated tokens that are known scenario or
 * fault names, e.g. "fault5xx-provisional-abc" → faults [fault5xx], scenario provisional.
 * @param {unknown} userId
 */
function parseUserId(userId) {
  const tokens = typeof userId === 'string' ? userId.split('-') : [];
  let scenario = 'approved';
  let scenarioSet = false;
  /** @type {string[]} */
  const faults = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i].toLowerCase();
    if (SCENARIOS.includes(t)) {
      if (!scenarioSet) {
        scenario = t;
        scenarioSet = true;
      }
    } else if (PREFIX_FAULTS.includes(t)) {
      if (!faults.includes(t)) faults.push(t);
    } else break;
  }
  return { scenario, faults };
}

/**
 * Normalise a fault spec posted to /__sim/fault or passed to sim.addFault().
 * @param {Record<string, any>} spec
 */
function normaliseFault(spec) {
  const aliases = /** @type {Record<string, Record<string, any>>} */ ({
    '5xx': { type: 'status', status: 500 },
    '500': { type: 'status', status: 500 },
    '503': { type: 'status', status: 503 },
    '429': { type: 'rate_limit' },
    ratelimit: { type: 'rate_limit' },
    json: { type: 'invalid_json' },
    invalidjson: { type: 'invalid_json' },
    timeout: { type: 'slow' },
  });
  const rawType = String(spec.type || 'status').toLowerCase();
  const base = aliases[rawType] || { type: rawType };
  const type = base.type;
  if (!['status', 'drop', 'slow', 'rate_limit', 'invalid_json'].includes(type)) {
    throw new Error('unknown fault type: ' + spec.type);
  }
  const endpointAliases = /** @type {Record<string, string>} */ ({
    prep: 'upload', prep_upload: 'upload', '/v1/upload': 'upload', upload: 'upload',
    put: 'put', zip: 'put', '/v1/job_status': 'job_status', job_status: 'job_status', status: 'job_status',
    compare: 'compare', '/v2/smart-selfie-compare': 'compare', smart_selfie_compare: 'compare',
    rate_limit_reset: 'rate_limit_reset', '/v1/id_number_rate_limit_reset': 'rate_limit_reset', any: 'any',
  });
  const endpoint = endpointAliases[String(spec.endpoint || 'upload').toLowerCase()];
  if (!endpoint) throw new Error('unknown fault endpoint: ' + spec.endpoint);
  let count = spec.count === undefined ? 1 : spec.count;
  if (count === 'always' || count === -1 || count === Infinity) count = Infinity;
  count = Number(count);
  if (!(count > 0)) throw new Error('fault count must be a positive number, -1 or "always"');
  return {
    type,
    endpoint,
    count,
    status: Number(spec.status || base.status || 500),
    body: spec.body,
    ms: spec.ms !== undefined ? Number(spec.ms) : spec.slowMs !== undefined ? Number(spec.slowMs) : undefined,
    job_id: spec.job_id !== undefined ? String(spec.job_id) : undefined,
    user_id: spec.user_id !== undefined ? String(spec.user_id) : undefined,
    createJob: spec.createJob === undefined ? true : !!spec.createJob,
  };
}

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

  const urlSecret = crypto.randomBytes(16);
  /** @type {Map<string, any>} */
  const jobs = new Map();
  /** @type {Map<string, any>} */
  const users = new Map();
  /** @type {Map<string, string>} ref_id -> job_id */
  const refs = new Map();
  /** @type {Map<string, Record<string, any>>} job_id -> { selfie_image, id_card_image, id_card_back, liveness: [] } */
  const imageStore = new Map();
  /** @type {any[]} */
  const requests = [];
  /** @type {any[]} */
  let faults = [];
  /** @type {Set<string>} */
  const prefixFaultsUsed = new Set();
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  /** @type {Set<AbortController>} */
  const aborters = new Set();
  /** @type {any[]} */
  const rateLimitResets = [];
  let smileJobSeq = 0;
  let requestSeq = 0;
  let stopped = false;
  let counters = freshCounters();

  let jobStatusInFlight = 0;

  function freshCounters() {
    return {
      requests: 0,
      prepUploads: /** @type {Record<string, number>} */ ({}),
      prepUploadCalls: 0,
      putAttempts: /** @type {Record<string, number>} */ ({}),
      uploads: /** @type {Record<string, number>} */ ({}),
      compareCalls: /** @type {Record<string, number>} */ ({}),
      jobsCreated: 0,
      jobsCreatedByJobId: /** @type {Record<string, number>} */ ({}),
      retriesReused: 0,
      rejectedBeforeJob: 0,
      jobStatusCalls: 0,
      /** most Job Status requests being answered at the same moment (see resetJobStatusPeak) */
      jobStatusMaxInFlight: 0,
      rateLimitResets: 0,
      callbacksScheduled: 0,
      callbackAttempts: 0,
      callbacksDelivered: 0,
      callbacksFailed: 0,
      faultsTriggered: /** @type {Record<string, number>} */ ({}),
    };
  }

  /** @param {number} ms @param {() => void} fn */
  function later(ms, fn) {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, Math.max(0, ms));
    timers.add(t);
    return t;
  }
  /** @param {number} ms */
  function delay(ms) {
    return new Promise((resolve) => later(ms, () => resolve(undefined)));
  }

  let baseUrl = '';
  const nowIso = () => new Date().toISOString();
  function signNow() {
    const timestamp = nowIso();
    return { timestamp, signature: computeSignature(opts.apiKey, timestamp, opts.partnerId) };
  }

  /**
   * Check partner id, signature and timestamp freshness.
   * @param {unknown} partnerId @param {unknown} timestamp @param {unknown} signature
   * @returns {string | null} reason when rejected
   */
  function authFailure(partnerId, timestamp, signature) {
    if (String(partnerId) !== opts.partnerId) return 'unknown partner id';
    if (typeof signature !== 'string') return 'signature is not a string';
    if (typeof timestamp !== 'string' && typeof timestamp !== 'number') return 'timestamp is not a string';
    const expected = Buffer.from(computeSignature(opts.apiKey, String(timestamp), opts.partnerId));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'signature mismatch';
    const ms = typeof timestamp === 'number' ? (timestamp < 1e12 ? timestamp * 1000 : timestamp) : Date.parse(timestamp);
    if (Number.isNaN(ms)) return 'timestamp is not a parseable date';
    const window = Number(opts.timestampWindowMs);
    if (Number.isFinite(window) && Math.abs(Date.now() - ms) > window) return 'timestamp outside the accepted window';
    return null;
  }

  // ---------------------------------------------------------------- faults

  /**
   * Take (consume) a fault matching this request, from /__sim/fault or from a user_id prefix.
   * @param {'upload'|'put'|'job_status'|'compare'|'rate_limit_reset'} endpoint
   * @param {{ job_id?: string, user_id?: string }} ids
   */
  function takeFault(endpoint, ids) {
    for (const f of faults) {
      if (f.count <= 0) continue;
      if (f.endpoint !== 'any' && f.endpoint !== endpoint) continue;
      if (f.job_id !== undefined && f.job_id !== ids.job_id) continue;
      if (f.user_id !== undefined && f.user_id !== ids.user_id) continue;
      f.count -= 1;
      f.triggered = (f.triggered || 0) + 1;
      faults = faults.filter((x) => x.count > 0);
      countFault(f.type);
      return f;
    }
    const { faults: prefixes } = parseUserId(ids.user_id);
    if (!prefixes.length) return null;
    /** @param {string} kind */
    const once = (kind) => {
      const key = `${kind}:${endpoint}:${ids.job_id}`;
      if (prefixFaultsUsed.has(key)) return false;
      prefixFaultsUsed.add(key);
      return true;
    };
    /** @type {any} */
    let f = null;
    if (endpoint === 'upload' || endpoint === 'compare') {
      if (prefixes.includes('fault429')) f = { type: 'rate_limit' };
      else if (prefixes.includes('fault5xx') && once('fault5xx')) f = { type: 'status', status: 500 };
      else if (prefixes.includes('faultdrop') && once('faultdrop')) f = { type: 'drop' };
      else if (prefixes.includes('faultslow') && once('faultslow')) f = { type: 'slow', ms: opts.slowMs };
      else if (prefixes.includes('faultjson') && once('faultjson')) f = { type: 'invalid_json', createJob: true };
    } else if (endpoint === 'put') {
      if (prefixes.includes('faultput') && once('faultput')) f = { type: 'status', status: 500 };
    } else if (endpoint === 'job_status') {
      if (prefixes.includes('faultstatus5xx')) f = { type: 'status', status: 500 };
    }
    if (f) countFault(f.type);
    return f;
  }
  /** @param {string} type */
  function countFault(type) {
    counters.faultsTriggered[type] = (counters.faultsTriggered[type] || 0) + 1;
  }

  // ---------------------------------------------------------------- responses

  /**
   * @param {http.ServerResponse} res @param {any} record @param {number} status @param {any} body
   * @param {Record<string, string>} [headers]
   */
  function sendJson(res, record, status, body, headers = {}) {
    const text = JSON.stringify(body);
    if (record) {
      record.status = status;
      record.response = body;
    }
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }
  /** @param {http.ServerResponse} res @param {any} record @param {number} status @param {string} code @param {string} message */
  function sendS3Error(res, record, status, code, message) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>` +
      `<RequestId>${crypto.randomBytes(8).toString('hex').toUpperCase()}</RequestId><HostId>smile-id-simulator</HostId></Error>`;
    if (record) {
      record.status = status;
      record.response = { s3_error: code, message };
    }
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) });
    res.end(xml);
  }
  /** @param {http.IncomingMessage} req @param {any} record */
  function dropConnection(req, record) {
    record.status = 'dropped';
    req.socket.destroy();
  }
  /**
   * Apply an immediate fault (status / drop / rate_limit).
   * @returns {boolean} true when the request has been answered by the fault
   */
  function applyImmediateFault(/** @type {any} */ f, /** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res,
    /** @type {any} */ record, /** @type {'json'|'json-success'|'xml'} */ style) {
    if (!f) return false;
    record.fault = { type: f.type, status: f.status };
    if (f.type === 'drop') {
      dropConnection(req, record);
      return true;
    }
    if (f.type === 'rate_limit') {
      sendJson(res, record, 429, style === 'json-success' ? { ...ERR.rateLimited, success: false } : ERR.rateLimited);
      return true;
    }
    if (f.type === 'status') {
      if (style === 'xml') sendS3Error(res, record, f.status, f.status === 503 ? 'SlowDown' : 'InternalError', 'We encountered an internal error. Please try again.');
      else sendJson(res, record, f.status, f.body !== undefined ? f.body : style === 'json-success' ? { ...ERR.system, success: false } : ERR.system);
      return true;
    }
    return false;
  }
  /** Send a response, honouring deferred faults (slow / invalid_json). */
  async function finish(/** @type {any} */ f, /** @type {http.ServerResponse} */ res, /** @type {any} */ record, /** @type {number} */ status, /** @type {any} */ body) {
    if (f && f.type === 'slow') {
      record.fault = { type: 'slow', ms: f.ms ?? opts.slowMs };
      await delay(f.ms ?? opts.slowMs);
    }
    if (f && f.type === 'invalid_json') {
      record.fault = { type: 'invalid_json' };
      record.status = status;
      record.response = '<invalid json>';
      const text = JSON.stringify(body).slice(0, 40) + '<html>502 Bad Gateway';
      if (!res.writableEnded && !res.destroyed) {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      }
      return;
    }
    sendJson(res, record, status, body);
  }

  // ---------------------------------------------------------------- jobs

  function newSmileJobId() {
    smileJobSeq += 1;
    return String(smileJobSeq).padStart(10, '0');
  }
  /** @param {any} job */
  function newUploadUrl(job) {
    const refId = `${opts.partnerId}-${job.smile_job_id}-${crypto.randomBytes(15).toString('hex')}`;
    refs.set(refId, job.job_id);
    const expires = Math.floor((Date.now() + opts.uploadUrlTtlMs) / 1000);
    const sig = crypto.createHmac('sha256', urlSecret).update(`${refId}\n${expires}`).digest('base64');
    const q = new URLSearchParams({
      AWSAccessKeyId: 'SIMULATORACCESSKEY',
      'Content-Type': 'application/zip',
      Expires: String(expires),
      Signature: sig,
      'x-amz-server-side-encryption': 'AES256',
    });
    const uploadUrl = `${baseUrl}/__upload/${encodeURIComponent(refId)}/${encodeURIComponent(job.file_name)}?${q.toString()}`;
    job.ref_ids.push(refId);
    job.ref_id = refId;
    job.upload_url = uploadUrl;
    return { refId, uploadUrl };
  }
  /** @param {string} userId @param {string} via @param {string} jobId */
  function enrol(userId, via, jobId) {
    users.set(userId, { user_id: userId, enrolled_at: nowIso(), via, job_id: jobId });
  }
  /** @param {string} jobId @param {string} name */
  function imageUrl(jobId, name) {
    return `${baseUrl}/__images/${encodeURIComponent(jobId)}/${name}.jpg`;
  }
  /** @param {any} job */
  function imageLinksFor(job) {
    const store = imageStore.get(job.job_id) || {};
    /** @type {Record<string, string>} */
    const links = {};
    for (const name of ['id_card_back', 'id_card_image', 'selfie_image']) {
      if (store[name]) links[name] = imageUrl(job.job_id, name);
    }
    return links;
  }

  /**
   * Build the result object (callback body minus timestamp/signature) for a step.
   * @param {any} job @param {import('./results').Step} step
   */
  function buildResult(job, step) {
    /** @type {Record<string, any>} */
    const r = {
      Actions: step.actions,
      ResultCode: step.code,
      ResultText: step.text,
      SmileJobID: job.smile_job_id,
      PartnerParams: job.partner_params,
      IsFinalResult: step.final ? 'true' : 'false',
    };
    if (job.job_type === 6) {
      const info = job.upload && isObj(job.upload.info_json) && isObj(job.upload.info_json.id_info) ? job.upload.info_json.id_info : {};
      r.Country = typeof info.country === 'string' ? info.country : 'Not Available';
      r.IDType = typeof info.id_type === 'string' && info.id_type ? info.id_type : 'NATIONAL_ID';
      if (step.personalInfo === 'full') {
        Object.assign(r, R.personalInfo(job.job_id, !!step.expired));
        const store = imageStore.get(job.job_id) || {};
        const front = store.id_card_image;
        r.Document = (front && front.length <= 200 * 1024 ? front : R.tinyJpeg('document')).toString('base64');
      }
      if (step.personalInfo !== 'none') r.ImageLinks = imageLinksFor(job);
    } else if (step.confidence !== undefined) {
      r.ConfidenceValue = step.confidence;
      r.Source = 'WebAPI';
    }
    return r;
  }

  /** @param {any} job @param {import('./results').Step} step */
  function emitResult(job, step) {
    const result = buildResult(job, step);
    job.results.push(result);
    job.updated_at = nowIso();
    job.job_complete = step.final;
    job.job_success = step.final && step.success;
    job.status = step.final ? 'complete' : 'pending_review';
    if (step.final && step.success && step.enrol) enrol(job.user_id, job.product, job.job_id);
    log(`job ${job.job_id}: result ${step.code} ${step.text}${step.final ? '' : ' (not final)'}`);
    queueCallback(job, result);
  }

  /** @param {any} job @param {Record<string, any>} result */
  function queueCallback(job, result) {
    if (!job.callback_url) return;
    const payload = { ...result, ...signNow() };
    const cb = {
      index: job.callbacks.length,
      url: job.callback_url,
      payload,
      is_final: result.IsFinalResult === 'true',
      replay: false,
      created_at: nowIso(),
      attempts: /** @type {any[]} */ ([]),
      status: 'pending',
    };
    job.callbacks.push(cb);
    counters.callbacksScheduled += 1;
    deliver(cb).catch(() => {});
  }

  /** POST a callback, retrying a bounded number of times. @param {any} cb */
  async function deliver(cb) {
    const total = 1 + Math.max(0, Number(opts.callbackRetries) || 0);
    for (let attempt = 1; attempt <= total && !stopped; attempt++) {
      const started = Date.now();
      const ac = new AbortController();
      aborters.add(ac);
      /** @type {any} */
      const rec = { attempt, at: nowIso(), status: null, error: null, duration_ms: 0 };
      cb.attempts.push(rec);
      counters.callbackAttempts += 1;
      try {
        const resp = await axios.post(cb.url, cb.payload, {
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'SmileID-Simulator/1.0' },
          timeout: opts.callbackTimeoutMs,
          maxRedirects: 0,
          validateStatus: () => true,
          signal: ac.signal,
          proxy: false,
          httpsAgent: new https.Agent({ rejectUnauthorized: !!opts.callbackRejectUnauthorized }),
          transformResponse: [(d) => d],
        });
        rec.status = resp.status;
        if (resp.status >= 200 && resp.status < 300) {
          rec.duration_ms = Date.now() - started;
          cb.status = 'delivered';
          cb.delivered_at = nowIso();
          counters.callbacksDelivered += 1;
          return cb;
        }
        rec.error = `HTTP ${resp.status}`;
      } catch (e) {
        rec.error = /** @type {any} */ (e).code || /** @type {any} */ (e).message || String(e);
      } finally {
        aborters.delete(ac);
        rec.duration_ms = Date.now() - started;
      }
      if (attempt < total && !stopped) await delay(opts.callbackRetryDelayMs * attempt);
    }
    cb.status = 'failed';
    counters.callbacksFailed += 1;
    log(`callback to ${cb.url} failed after ${cb.attempts.length} attempt(s)`);
    return cb;
  }

  /**
   * Re-send the last callback of a job (replay), optionally overriding fields.
   * Special override keys: `_resign: true` → fresh timestamp + signature (after overrides),
   * `_url` → send to a different URL.
   * @param {string} jobId @param {Record<string, any>} [overrides]
   */
  async function resendCallback(jobId, overrides = {}) {
    const job = jobs.get(jobId);
    if (!job) throw Object.assign(new Error('job not found'), { statusCode: 404 });
    const last = job.callbacks[job.callbacks.length - 1];
    const basePayload = last ? last.payload : job.results.length ? { ...job.results[job.results.length - 1], ...signNow() } : null;
    if (!basePayload) throw Object.assign(new Error('job has no result to send yet'), { statusCode: 409 });
    const { _resign, _url, ...fields } = overrides || {};
    let payload = { ...basePayload, ...fields };
    if (_resign) payload = { ...payload, ...signNow() };
    const url = _url || job.callback_url;
    if (!isHttpUrl(url)) throw Object.assign(new Error('job has no callback_url (pass _url)'), { statusCode: 409 });
    const cb = { index: job.callbacks.length, url, payload, is_final: payload.IsFinalResult === 'true', replay: true,
      created_at: nowIso(), attempts: /** @type {any[]} */ ([]), status: 'pending' };
    job.callbacks.push(cb);
    counters.callbacksScheduled += 1;
    return deliver(cb);
  }

  // ---------------------------------------------------------------- endpoint: POST /v1/upload

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} raw @param {any} record */
  async function handlePrepUpload(req, res, raw, record) {
    counters.prepUploadCalls += 1;
    /** @param {number} status @param {any} body @param {string} reason */
    const reject = (status, body, reason) => {
      counters.rejectedBeforeJob += 1;
      record.reason = reason;
      sendJson(res, record, status, body);
    };
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      record.body = raw.toString('utf8').slice(0, 2000);
      return reject(400, ERR.invalidJson, 'request body is not valid JSON');
    }
    record.body = body;
    if (!isObj(body)) return reject(400, ERR.invalidJson, 'request body is not a JSON object');
    const pp = body.partner_params;
    const jobId = isObj(pp) && typeof pp.job_id === 'string' ? pp.job_id : undefined;
    const userId = isObj(pp) && typeof pp.user_id === 'string' ? pp.user_id : undefined;
    if (jobId !== undefined) counters.prepUploads[jobId] = (counters.prepUploads[jobId] || 0) + 1;

    const fault = takeFault('upload', { job_id: jobId, user_id: userId });
    if (applyImmediateFault(fault, req, res, record, 'json')) {
      counters.rejectedBeforeJob += 1;
      return;
    }

    for (const k of ['signature', 'timestamp', 'smile_client_id']) {
      if (body[k] === undefined || body[k] === null || body[k] === '') return reject(400, ERR.missing, `${k} is missing`);
    }
    const authErr = authFailure(body.smile_client_id, body.timestamp, body.signature);
    if (authErr) return reject(401, ERR.unauthorised, authErr);

    for (const k of ['source_sdk', 'source_sdk_version', 'partner_params', 'callback_url']) {
      if (body[k] === undefined || body[k] === null || body[k] === '') return reject(400, ERR.missing, `${k} is missing`);
    }
    if (!isObj(pp)) return reject(400, ERR.wrongType, 'partner_params must be an object');
    for (const k of ['job_id', 'user_id', 'job_type']) {
      if (pp[k] === undefined || pp[k] === null || pp[k] === '') return reject(400, ERR.missing, `partner_params.${k} is missing`);
    }
    if (typeof pp.job_id !== 'string' || typeof pp.user_id !== 'string') {
      return reject(400, ERR.wrongType, 'partner_params.job_id and partner_params.user_id must be strings');
    }
    let jobType = NaN;
    if (typeof pp.job_type === 'number') jobType = pp.job_type;
    else if (typeof pp.job_type === 'string' && /^\d+$/.test(pp.job_type.trim())) jobType = Number(pp.job_type.trim());
    else return reject(400, ERR.wrongType, 'partner_params.job_type must be a number');
    if (![2, 4, 6].includes(jobType)) return reject(400, ERR.invalidJobType, `job_type ${pp.job_type} is not 2, 4 or 6`);
    if (typeof body.source_sdk !== 'string' || typeof body.source_sdk_version !== 'string') {
      return reject(400, ERR.wrongType, 'source_sdk and source_sdk_version must be strings');
    }
    if (!isHttpUrl(body.callback_url)) return reject(400, ERR.wrongType, 'callback_url must be an http(s) URL');
    if (body.file_name !== undefined && !isNonEmptyString(body.file_name)) return reject(400, ERR.wrongType, 'file_name must be a non-empty string');
    if (body.model_parameters !== undefined && body.model_parameters !== null && !isObj(body.model_parameters) && typeof body.model_parameters !== 'string') {
      return reject(400, ERR.wrongType, 'model_parameters must be an object');
    }
    const useEnrolled = parseBoolFlag(body.use_enrolled_image);
    if (useEnrolled === null) return reject(400, ERR.wrongType, 'use_enrolled_image must be a boolean');
    const retry = parseBoolFlag(body.retry);
    if (retry === null) return reject(400, ERR.wrongType, 'retry must be a boolean');

    const existing = jobs.get(/** @type {string} */ (jobId));
    if (existing) {
      const reusable = retry && existing.kind === 'v1' && !existing.upload_received &&
        existing.user_id === userId && existing.job_type === jobType;
      if (!reusable) {
        return reject(400, ERR.jobExists, retry ? 'retry refused: the job already received an upload (or differs)' : 'duplicate job_id');
      }
      existing.retries += 1;
      existing.prep_calls += 1;
      existing.callback_url = body.callback_url;
      existing.partner_params = pp;
      counters.retriesReused += 1;
      const { refId, uploadUrl } = newUploadUrl(existing);
      record.job_id = jobId;
      record.reason = 'retry of a job without upload: same smile_job_id, new upload URL';
      log(`prep upload retry ${jobId} -> ${existing.smile_job_id}`);
      return finish(fault, res, record, 200, { upload_url: uploadUrl, ref_id: refId, smile_job_id: existing.smile_job_id, camera_config: 'null', code: '2202' });
    }
    const userIdStr = /** @type {string} */ (userId);
    if (jobType === 4 && users.has(userIdStr)) return reject(400, ERR.alreadyEnrolledReg, 'user already enrolled');
    if (jobType === 2 && !users.has(userIdStr)) return reject(400, ERR.noEnrolledUser, 'user not enrolled');
    if (jobType === 6 && useEnrolled && !users.has(userIdStr)) return reject(400, ERR.noEnrolledUser, 'use_enrolled_image for a user that is not enrolled');
    if (jobType === 6 && !useEnrolled && users.has(userIdStr)) return reject(400, ERR.alreadyEnrolledDv, 'user already enrolled (set use_enrolled_image or use a new user_id)');

    if (fault && fault.type === 'invalid_json' && fault.createJob === false) {
      counters.rejectedBeforeJob += 1;
      return finish(fault, res, record, 200, { code: '2202' });
    }
    const parsed = parseUserId(userIdStr);
    const job = {
      kind: 'v1',
      job_id: /** @type {string} */ (jobId),
      user_id: userIdStr,
      job_type: jobType,
      product: R.PRODUCT_BY_JOB_TYPE[jobType],
      smile_job_id: newSmileJobId(),
      ref_id: '',
      ref_ids: /** @type {string[]} */ ([]),
      upload_url: '',
      partner_params: pp,
      callback_url: body.callback_url,
      use_enrolled_image: useEnrolled,
      file_name: body.file_name || 'selfie.zip',
      source_sdk: body.source_sdk,
      source_sdk_version: body.source_sdk_version,
      model_parameters: body.model_parameters,
      scenario: parsed.scenario,
      fault_prefixes: parsed.faults,
      created_at: nowIso(),
      updated_at: nowIso(),
      prep_calls: 1,
      retries: 0,
      status: 'awaiting_upload',
      upload_received: false,
      upload: /** @type {any} */ (null),
      put_attempts: /** @type {any[]} */ ([]),
      extra_uploads: 0,
      failure: /** @type {any} */ (null),
      results: /** @type {any[]} */ ([]),
      job_complete: false,
      job_success: false,
      callbacks: /** @type {any[]} */ ([]),
    };
    const jid = /** @type {string} */ (jobId);
    jobs.set(jid, job);
    counters.jobsCreated += 1;
    counters.jobsCreatedByJobId[jid] = (counters.jobsCreatedByJobId[jid] || 0) + 1;
    const { refId, uploadUrl } = newUploadUrl(job);
    record.job_id = jobId;
    log(`prep upload ${jobId} (job_type ${jobType}, scenario ${job.scenario}) -> ${job.smile_job_id}`);
    return finish(fault, res, record, 200, { upload_url: uploadUrl, ref_id: refId, smile_job_id: job.smile_job_id, camera_config: 'null', code: '2202' });
  }

  // ---------------------------------------------------------------- endpoint: PUT upload URL

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} raw @param {any} record @param {URL} url */
  async function handlePut(req, res, raw, record, url) {
    const segs = url.pathname.split('/').filter(Boolean); // __upload, ref, file
    record.body = { bytes: raw.length, sha256: /** @type {string | null} */ (null) };
    // hashed once the answer is out: the request log is the simulator's, not part of the upload's latency
    res.once('close', () => {
      record.body.sha256 = sha256(raw);
    });
    const refId = segs[1] ? decodeURIComponent(segs[1]) : '';
    const jobId = refs.get(refId);
    const job = jobId !== undefined ? jobs.get(jobId) : undefined;
    if (!job || segs.length !== 3) return sendS3Error(res, record, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    record.job_id = job.job_id;
    if (req.method !== 'PUT') return sendS3Error(res, record, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    counters.putAttempts[job.job_id] = (counters.putAttempts[job.job_id] || 0) + 1;
    const attempt = { at: nowIso(), ref_id: refId, bytes: raw.length, content_type: req.headers['content-type'] ?? null, status: 0, reason: '' };
    job.put_attempts.push(attempt);
    const answer = (/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ msg) => {
      attempt.status = status;
      attempt.reason = msg;
      sendS3Error(res, record, status, code, msg);
    };

    const fault = takeFault('put', { job_id: job.job_id, user_id: job.user_id });
    if (fault) {
      if (fault.type === 'slow') {
        record.fault = { type: 'slow', ms: fault.ms ?? opts.slowMs };
        await delay(fault.ms ?? opts.slowMs);
      } else {
        attempt.status = fault.type === 'drop' ? -1 : fault.type === 'rate_limit' ? 429 : fault.status;
        attempt.reason = 'fault: ' + fault.type;
        if (applyImmediateFault(fault.type === 'rate_limit' ? { type: 'status', status: 503 } : fault, req, res, record, 'xml')) return;
      }
    }
    const sigGiven = url.searchParams.get('Signature') || '';
    const expires = url.searchParams.get('Expires') || '';
    const sigExpected = crypto.createHmac('sha256', urlSecret).update(`${refId}\n${expires}`).digest('base64');
    if (sigGiven !== sigExpected || url.searchParams.get('Content-Type') !== 'application/zip') {
      return answer(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (Number(expires) * 1000 < Date.now()) return answer(403, 'AccessDenied', 'Request has expired');
    const ct = req.headers['content-type'];
    if (ct !== 'application/zip') {
      return answer(403, 'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method. (Content-Type must be exactly application/zip)');
    }
    counters.uploads[job.job_id] = (counters.uploads[job.job_id] || 0) + 1;
    attempt.status = 200;
    record.status = 200;
    const etag = '"' + (bodyMd5.get(req) ?? crypto.createHash('md5').update(raw)).digest('hex') + '"';
    res.writeHead(200, { ETag: etag, 'Content-Length': '0', 'x-amz-server-side-encryption': 'AES256' });
    res.end();
    if (job.upload_received) {
      job.extra_uploads += 1;
      attempt.reason = 'accepted but ignored: the job already received an upload';
      return;
    }
    job.upload_received = true;
    job.status = 'processing';
    processUpload(job, raw).catch((e) => {
      log('processing error', e);
    });
  }

  /**
   * Inspect the uploaded zip, record everything and schedule the scenario's results.
   * @param {any} job @param {Buffer} raw
   */
  async function processUpload(job, raw) {
    /** @type {any} */
    const upload = { received_at: nowIso(), bytes: raw.length, sha256: sha256(raw), entries: [], info_json: null, info_json_error: null, images: [] };
    job.upload = upload;
    /** @type {Record<string, any>} */
    const store = { liveness: [] };
    imageStore.set(job.job_id, store);
    /** @type {{ code: string, text: string, reason: string } | null} */
    let failure = /** @type {any} */ (null);
    /** @param {string} code @param {string} text @param {string} reason */
    const fail = (code, text, reason) => {
      if (!failure) failure = { code, text, reason };
    };

    /** @type {Map<string, Buffer>} */
    const entries = new Map();
    let zip = null;
    if (!raw.length) fail('0903', 'Zip Corrupt', 'empty upload body');
    else {
      try {
        zip = await JSZip.loadAsync(raw, { checkCRC32: true });
      } catch (e) {
        fail('0903', 'Zip Corrupt', 'zip could not be read: ' + /** @type {any} */ (e).message);
      }
    }
    if (zip) {
      try {
        for (const f of Object.values(zip.files)) {
          if (f.dir) {
            upload.entries.push({ name: f.name, dir: true, size: 0, sha256: null });
            continue;
          }
          const data = await f.async('nodebuffer');
          entries.set(f.name, data);
          upload.entries.push({ name: f.name, dir: false, size: data.length, sha256: sha256(data) });
        }
      } catch (e) {
        fail('0903', 'Zip Corrupt', 'zip entry could not be extracted: ' + /** @type {any} */ (e).message);
      }
    }
    /** @type {any} */
    let info = null;
    if (!failure) {
      const infoBuf = entries.get('info.json');
      if (!infoBuf) {
        const nested = [...entries.keys()].find((n) => n.endsWith('/info.json'));
        fail('0001', 'Data Invalid', nested ? `info.json is inside a folder (${nested}); it must be at the zip root` : 'info.json is missing from the zip');
      } else {
        try {
          info = JSON.parse(infoBuf.toString('utf8'));
          upload.info_json = info;
        } catch (e) {
          upload.info_json_error = /** @type {any} */ (e).message;
          fail('2203', 'Error - Invalid JSON', 'info.json is not valid JSON: ' + /** @type {any} */ (e).message);
        }
      }
    }
    if (!failure && !isObj(info)) fail('2203', 'Error - Invalid JSON', 'info.json is not a JSON object');
    if (!failure && info.images === undefined) fail('2213', 'Error - A required parameter is missing', 'info.json has no images array');
    if (!failure && !Array.isArray(info.images)) fail('2204', 'Error - A parameter is of the wrong data type', 'info.json images is not an array');
    if (!failure) {
      info.images.forEach((/** @type {any} */ img, /** @type {number} */ i) => {
        if (failure) return;
        if (!isObj(img)) return fail('2204', 'Error - A parameter is of the wrong data type', `images[${i}] is not an object`);
        const t = img.image_type_id;
        if (t === undefined || t === null) return fail('2213', 'Error - A required parameter is missing', `images[${i}].image_type_id is missing`);
        if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 7) {
          return fail('2204', 'Error - A parameter is of the wrong data type', `images[${i}].image_type_id must be a number 0-7 (got ${JSON.stringify(t)})`);
        }
        const isFile = [0, 1, 4, 5].includes(t);
        /** @type {Buffer | null} */
        let bytes = null;
        if (isFile) {
          if (!isNonEmptyString(img.file_name)) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].file_name is empty for file type ${t}`);
          bytes = entries.get(img.file_name) || null;
          if (!bytes) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].file_name "${img.file_name}" is not in the zip`);
        } else {
          if (img.image !== undefined && img.image !== null && typeof img.image !== 'string') {
            return fail('2204', 'Error - A parameter is of the wrong data type', `images[${i}].image must be a base64 string`);
          }
          if (!isNonEmptyString(img.image)) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].image is empty for base64 type ${t}`);
          bytes = decodeStrictBase64(img.image);
          if (!bytes) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].image is not valid base64`);
        }
        if (!isJpeg(bytes)) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}] (type ${t}) is not a JPEG`);
        const role = t === 0 || t === 2 ? 'selfie' : t === 1 || t === 3 ? 'id_card_front' : t === 5 || t === 7 ? 'id_card_back' : 'liveness';
        upload.images.push({ index: i, image_type_id: t, source: isFile ? 'file' : 'base64', file_name: isFile ? img.file_name : '', role, size: bytes.length, sha256: sha256(bytes) });
        if (role === 'selfie' && !store.selfie_image) store.selfie_image = bytes;
        else if (role === 'id_card_front' && !store.id_card_image) store.id_card_image = bytes;
        else if (role === 'id_card_back' && !store.id_card_back) store.id_card_back = bytes;
        else if (role === 'liveness') store.liveness.push(bytes);
      });
    }
    if (!failure) {
      const hasSelfie = !!store.selfie_image;
      if (job.job_type === 6) {
        if (!isObj(info.id_info) || !isNonEmptyString(info.id_info.country)) fail('2213', 'Error - A required parameter is missing', 'info.json id_info.country is missing');
        else if (!store.id_card_image) fail('0001', 'ID Card image not provided', 'no ID card front image (type 1 or 3)');
        else if (!hasSelfie && !job.use_enrolled_image) fail('0001', 'Data Invalid', 'no selfie image (type 0 or 2) and use_enrolled_image is not set');
      } else if (!hasSelfie) {
        fail('0001', 'Data Invalid', 'no selfie image (type 0 or 2)');
      }
    }

    job.failure = failure;
    // The zip is read asynchronously after the PUT is answered: readers wait for this flag.
    upload.checked = true;
    if (failure) {
      const f = /** @type {{ code: string, text: string, reason: string }} */ (failure);
      log(`job ${job.job_id}: upload invalid: ${f.reason}`);
      later(opts.callbackDelayMs, () => emitResult(job, R.failureStep(job.job_type, f.code, f.text)));
      return;
    }
    const steps = R.stepsFor(job.job_type, job.scenario, { liveness: store.liveness.length > 0, useEnrolledImage: !!job.use_enrolled_image });
    if (!steps.length) {
      job.status = 'never';
      return;
    }
    let t = opts.callbackDelayMs;
    steps.forEach((step, i) => {
      if (i > 0) t += opts.provisionalDelayMs;
      later(t, () => emitResult(job, step));
    });
  }

  // ---------------------------------------------------------------- endpoint: POST /v1/job_status

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} raw @param {any} record */
  async function handleJobStatus(req, res, raw, record) {
    counters.jobStatusCalls += 1;
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      record.body = raw.toString('utf8').slice(0, 2000);
      return sendJson(res, record, 400, { code: '2303', error: 'Invalid JSON' });
    }
    record.body = body;
    if (!isObj(body)) return sendJson(res, record, 400, { code: '2303', error: 'Invalid JSON' });
    const jobId = body.job_id !== undefined ? String(body.job_id) : undefined;
    const known = jobId !== undefined ? jobs.get(jobId) : undefined;
    const userForFault = typeof body.user_id === 'string' ? body.user_id : known && known.user_id;
    const fault = takeFault('job_status', { job_id: jobId, user_id: userForFault });
    if (applyImmediateFault(fault, req, res, record, 'json')) return;
    const signature = body.signature !== undefined ? body.signature : body.sec_key;
    for (const [k, v] of [['partner_id', body.partner_id], ['job_id', body.job_id], ['user_id', body.user_id], ['timestamp', body.timestamp], ['signature', signature]]) {
      if (v === undefined || v === null || v === '') {
        record.reason = `${k} is missing`;
        return sendJson(res, record, 400, { code: '2313', error: 'Missing required parameters' });
      }
    }
    const authErr = authFailure(body.partner_id, body.timestamp, signature);
    if (authErr) {
      record.reason = authErr;
      return sendJson(res, record, 401, { code: '2305', error: 'Invalid sec_key' });
    }
    const job = known;
    if (!job || job.user_id !== String(body.user_id)) {
      record.reason = job ? 'user_id does not match the job' : 'unknown job_id';
      return sendJson(res, record, 404, { code: '2304', error: 'Job not found' });
    }
    const wantHistory = parseBoolFlag(body.history) === true;
    const wantImages = parseBoolFlag(body.image_links) === true;
    const latest = job.results.length ? job.results[job.results.length - 1] : null;
    /** @type {Record<string, any>} */
    const out = {
      ...signNow(),
      job_complete: !!job.job_complete,
      job_success: !!job.job_success,
      code: '2302',
      result: latest || (job.upload_received ? 'Job is not complete' : 'No zip file received'),
    };
    if (wantHistory) out.history = [...job.results].reverse();
    if (wantImages) out.image_links = imageLinksFor(job);
    return finish(fault, res, record, 200, out);
  }

  // ---------------------------------------------------------------- endpoint: POST /v2/smart-selfie-compare

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} raw @param {any} record */
  async function handleCompare(req, res, raw, record) {
    /** @param {number} status @param {any} body @param {string} reason */
    const reject = (status, body, reason) => {
      counters.rejectedBeforeJob += 1;
      record.reason = reason;
      sendJson(res, record, status, body);
    };
    const e2413 = (/** @type {string} */ msg) => reject(400, { code: '2413', error: msg, success: false }, msg);
    /** @type {import('./multipart').MultipartPart[]} */
    let parts;
    try {
      parts = parseMultipart(raw, req.headers['content-type']);
    } catch (e) {
      record.body = { error: /** @type {any} */ (e).message };
      return e2413('Request must be multipart/form-data: ' + /** @type {any} */ (e).message);
    }
    record.body = {
      parts: parts.map((p) => p.filename !== undefined
        ? { name: p.name, filename: p.filename, content_type: p.contentType || null, size: p.data.length, sha256: sha256(p.data) }
        : { name: p.name, value: p.data.toString('utf8').slice(0, 2000) }),
    };
    /** @type {Record<string, string>} */
    const fields = {};
    /** @type {Record<string, import('./multipart').MultipartPart[]>} */
    const byName = {};
    for (const p of parts) {
      (byName[p.name] = byName[p.name] || []).push(p);
      if (p.filename === undefined && fields[p.name] === undefined) fields[p.name] = p.data.toString('utf8');
    }
    /** @type {any} */
    let pp;
    try {
      pp = fields.partner_params !== undefined ? JSON.parse(fields.partner_params) : undefined;
    } catch {
      pp = Symbol.for('invalid');
    }
    const jobId = isObj(pp) && typeof pp.job_id === 'string' ? pp.job_id : undefined;
    const userId = fields.user_id;
    if (jobId !== undefined) counters.compareCalls[jobId] = (counters.compareCalls[jobId] || 0) + 1;
    const fault = takeFault('compare', { job_id: jobId, user_id: userId });
    if (applyImmediateFault(fault, req, res, record, 'json-success')) {
      counters.rejectedBeforeJob += 1;
      return;
    }
    const h = req.headers;
    const pid = h['smileid-partner-id'];
    const ts = h['smileid-timestamp'];
    const sig = h['smileid-request-signature'];
    if (!pid || !ts || !sig) return reject(401, { ...ERR.unauthorised, success: false }, 'missing SmileID-* auth headers');
    const authErr = authFailure(pid, ts, sig);
    if (authErr) return reject(401, { ...ERR.unauthorised, success: false }, authErr);

    for (const name of ['user_id', 'selfie_image', 'comparison_image', 'comparison_image_type', 'liveness_images', 'partner_params']) {
      const present = byName[name] && byName[name].length && (byName[name][0].filename !== undefined || byName[name][0].data.length > 0);
      if (!present) return e2413(`${name} is required.`);
    }
    for (const name of ['user_id', 'comparison_image_type', 'partner_params', 'allow_new_enroll', 'callback_url']) {
      if (byName[name] && byName[name][0].filename !== undefined) return e2413(`${name} must be a text field.`);
    }
    for (const name of ['selfie_image', 'comparison_image']) {
      const p = byName[name][0];
      if (p.filename === undefined) return e2413(`${name} must be a file.`);
      if (byName[name].length > 1) return e2413(`${name} must be a single file.`);
      if (!isJpeg(p.data)) return e2413(`${name} must be a JPEG image.`);
    }
    const frames = byName.liveness_images;
    if (frames.length < 4 || frames.length > 8) return e2413(`liveness_images must contain between 4 and 8 images (got ${frames.length}).`);
    for (const [i, p] of frames.entries()) {
      if (p.filename === undefined) return e2413('liveness_images must be files.');
      if (!isJpeg(p.data)) return e2413(`liveness_images[${i}] must be a JPEG image.`);
    }
    if (!COMPARISON_IMAGE_TYPES.includes(fields.comparison_image_type)) {
      return e2413(`comparison_image_type must be one of ${COMPARISON_IMAGE_TYPES.join(', ')}.`);
    }
    if (!isObj(pp)) return reject(400, { ...ERR.wrongType, success: false }, 'partner_params must be a JSON object string');
    if (!isNonEmptyString(pp.job_id)) return e2413('partner_params.job_id is required.');
    if (!isNonEmptyString(pp.user_id)) return e2413('partner_params.user_id is required.');
    if (pp.user_id !== userId) return e2413('partner_params.user_id must match user_id.');
    const allowNew = parseBoolFlag(fields.allow_new_enroll);
    if (allowNew === null) return reject(400, { ...ERR.wrongType, success: false }, 'allow_new_enroll must be "true" or "false"');
    const callbackUrl = fields.callback_url;
    if (callbackUrl !== undefined && callbackUrl !== '' && !isHttpUrl(callbackUrl)) {
      return reject(400, { ...ERR.wrongType, success: false }, 'callback_url must be an http(s) URL');
    }
    if (jobs.has(pp.job_id)) return reject(400, ERR.jobExists, 'duplicate job_id');
    if (users.has(userId) && !allowNew) {
      return reject(400, { code: '2209', error: 'Wrong job type. This user is already enrolled.', success: false }, 'user already enrolled and allow_new_enroll is not true');
    }

    const parsed = parseUserId(userId);
    const outcome = R.compareOutcome(parsed.scenario);
    const created = nowIso();
    const job = {
      kind: 'compare',
      job_id: pp.job_id,
      user_id: userId,
      job_type: 'smart_selfie_compare',
      product: 'smart_selfie_compare',
      smile_job_id: newSmileJobId(),
      partner_params: pp,
      callback_url: callbackUrl || null,
      comparison_image_type: fields.comparison_image_type,
      allow_new_enroll: allowNew,
      scenario: parsed.scenario,
      fault_prefixes: parsed.faults,
      created_at: created,
      updated_at: created,
      prep_calls: 1,
      retries: 0,
      status: 'complete',
      upload_received: true,
      upload: {
        received_at: created,
        multipart: record.body.parts,
        images: [
          { role: 'selfie', name: 'selfie_image', size: byName.selfie_image[0].data.length, sha256: sha256(byName.selfie_image[0].data) },
          { role: 'comparison', name: 'comparison_image', size: byName.comparison_image[0].data.length, sha256: sha256(byName.comparison_image[0].data) },
          ...frames.map((p) => ({ role: 'liveness', name: 'liveness_images', filename: p.filename, size: p.data.length, sha256: sha256(p.data) })),
        ],
      },
      put_attempts: [],
      extra_uploads: 0,
      failure: null,
      results: /** @type {any[]} */ ([]),
      job_complete: true,
      job_success: outcome.success,
      callbacks: /** @type {any[]} */ ([]),
    };
    jobs.set(pp.job_id, job);
    imageStore.set(pp.job_id, { selfie_image: byName.selfie_image[0].data, comparison_image: byName.comparison_image[0].data, liveness: frames.map((p) => p.data) });
    counters.jobsCreated += 1;
    counters.jobsCreatedByJobId[pp.job_id] = (counters.jobsCreatedByJobId[pp.job_id] || 0) + 1;
    record.job_id = pp.job_id;
    if (outcome.success) enrol(userId, 'smart_selfie_compare', pp.job_id);
    const result = {
      Actions: outcome.actions,
      ResultCode: outcome.code,
      ResultText: outcome.text,
      SmileJobID: job.smile_job_id,
      PartnerParams: pp,
      IsFinalResult: 'true',
    };
    job.results.push(result);
    if (job.callback_url) later(opts.callbackDelayMs, () => queueCallback(job, result));
    log(`compare ${pp.job_id} -> ${outcome.code}`);
    return finish(fault, res, record, 200, {
      code: outcome.code,
      created_at: created,
      job_type: 'smart_selfie_compare',
      message: outcome.message,
      job_id: job.smile_job_id,
      user_id: userId,
      partner_id: opts.partnerId,
      partner_params: pp,
      updated_at: nowIso(),
      status: outcome.status,
    });
  }

  // ---------------------------------------------------------------- endpoint: POST /v1/id_number_rate_limit_reset

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} raw @param {any} record */
  async function handleRateLimitReset(req, res, raw, record) {
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      record.body = raw.toString('utf8').slice(0, 2000);
      return sendJson(res, record, 400, ERR.invalidJson);
    }
    record.body = body;
    if (!isObj(body)) return sendJson(res, record, 400, ERR.invalidJson);
    const fault = takeFault('rate_limit_reset', {});
    if (applyImmediateFault(fault, req, res, record, 'json')) return;
    for (const k of ['partner_id', 'signature', 'timestamp']) {
      if (body[k] === undefined || body[k] === null || body[k] === '') {
        record.reason = `${k} is missing`;
        return sendJson(res, record, 400, ERR.missing);
      }
    }
    const authErr = authFailure(body.partner_id, body.timestamp, body.signature);
    if (authErr) {
      record.reason = authErr;
      return sendJson(res, record, 401, ERR.unauthorised);
    }
    for (const k of ['country', 'id_type', 'id_number']) {
      if (body[k] === undefined || body[k] === null || body[k] === '') {
        record.reason = `${k} is missing`;
        return sendJson(res, record, 400, ERR.missing);
      }
      if (typeof body[k] !== 'string') {
        record.reason = `${k} must be a string`;
        return sendJson(res, record, 400, ERR.wrongType);
      }
    }
    counters.rateLimitResets += 1;
    rateLimitResets.push({ at: nowIso(), country: body.country, id_type: body.id_type, id_number: body.id_number });
    return finish(fault, res, record, 200, { message: 'Rate limit reset successful', success: 'true' });
  }

  // ---------------------------------------------------------------- images

  /** @param {http.ServerResponse} res @param {any} record @param {URL} url */
  function handleImage(res, record, url) {
    const m = /^\/__images\/([^/]+)\/([a-z_]+?)(?:_(\d+))?\.jpg$/.exec(url.pathname);
    const store = m ? imageStore.get(decodeURIComponent(m[1])) : undefined;
    /** @type {Buffer | undefined} */
    let bytes;
    if (m && store) {
      if (m[2] === 'liveness' && m[3] !== undefined) bytes = store.liveness[Number(m[3])];
      else if (m[3] === undefined) bytes = store[m[2]];
    }
    if (!bytes) return sendS3Error(res, record, 404, 'NoSuchKey', 'The specified key does not exist.');
    record.status = 200;
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': bytes.length });
    res.end(bytes);
  }

  // ---------------------------------------------------------------- control API /__sim/*

  /** Make a job JSON-friendly; `full` keeps base64 images inside info.json. @param {any} job @param {boolean} full */
  function serialiseJob(job, full) {
    const out = JSON.parse(JSON.stringify(job));
    if (!full && out.upload && isObj(out.upload.info_json) && Array.isArray(out.upload.info_json.images)) {
      out.upload.info_json.images = out.upload.info_json.images.map((/** @type {any} */ img) =>
        isObj(img) && typeof img.image === 'string' && img.image.length > 120
          ? { ...img, image: `<base64: ${img.image.length} chars>` }
          : img);
    }
    if (!full) {
      for (const cb of out.callbacks || []) {
        if (cb.payload && typeof cb.payload.Document === 'string' && cb.payload.Document.length > 120) {
          cb.payload.Document = `<base64: ${cb.payload.Document.length} chars>`;
        }
      }
      for (const r of out.results || []) {
        if (typeof r.Document === 'string' && r.Document.length > 120) r.Document = `<base64: ${r.Document.length} chars>`;
      }
    }
    out.image_links = imageLinksFor(job);
    out.user_enrolled = users.has(job.user_id);
    return out;
  }

  function stats() {
    return {
      ...JSON.parse(JSON.stringify(counters)),
      jobs: jobs.size,
      enrolledUsers: users.size,
      pendingFaults: faults.length,
    };
  }

  /** @param {Record<string, any>} spec */
  function addFault(spec) {
    const f = { id: crypto.randomBytes(4).toString('hex'), ...normaliseFault(spec || {}), triggered: 0 };
    faults.push(f);
    return { ...f, count: f.count === Infinity ? 'always' : f.count };
  }

  function reset() {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    for (const ac of aborters) ac.abort();
    aborters.clear();
    jobs.clear();
    users.clear();
    refs.clear();
    imageStore.clear();
    requests.length = 0;
    faults = [];
    prefixFaultsUsed.clear();
    rateLimitResets.length = 0;
    counters = freshCounters();
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} raw @param {URL} url */
  async function handleControl(req, res, raw, url) {
    const p = url.pathname.replace(/\/+$/, '');
    const m = req.method || 'GET';
    /** @returns {any} */
    const parse = () => {
      if (!raw.length) return {};
      return JSON.parse(raw.toString('utf8'));
    };
    try {
      if (m === 'GET' && (p === '/__sim' || p === '/__sim/health')) return sendJson(res, null, 200, { ok: true, url: baseUrl, partner_id: opts.partnerId });
      if (m === 'GET' && p === '/__sim/stats') return sendJson(res, null, 200, stats());
      if (m === 'GET' && p === '/__sim/credentials') return sendJson(res, null, 200, api.credentials);
      if (m === 'GET' && p === '/__sim/requests') {
        const prefix = url.searchParams.get('path');
        const jobId = url.searchParams.get('job_id');
        return sendJson(res, null, 200, requests.filter((r) => (!prefix || r.path.startsWith(prefix)) && (!jobId || r.job_id === jobId)));
      }
      if (m === 'GET' && p === '/__sim/jobs') {
        return sendJson(res, null, 200, [...jobs.values()].map((j) => ({ job_id: j.job_id, user_id: j.user_id, job_type: j.job_type, smile_job_id: j.smile_job_id,
          status: j.status, job_complete: j.job_complete, job_success: j.job_success, results: j.results.map((/** @type {any} */ r) => r.ResultCode) })));
      }
      if (m === 'GET' && p.startsWith('/__sim/jobs/')) {
        const id = decodeURIComponent(p.slice('/__sim/jobs/'.length));
        const job = jobs.get(id);
        if (!job) return sendJson(res, null, 404, { error: 'job not found', job_id: id });
        return sendJson(res, null, 200, serialiseJob(job, url.searchParams.get('full') === '1'));
      }
      if (m === 'GET' && p === '/__sim/users') return sendJson(res, null, 200, [...users.values()]);
      if (m === 'POST' && p === '/__sim/reset') {
        reset();
        return sendJson(res, null, 200, { ok: true });
      }
      if (m === 'POST' && p === '/__sim/enroll') {
        const b = parse();
        if (!isNonEmptyString(b.user_id)) return sendJson(res, null, 400, { error: 'user_id (string) is required' });
        enrol(b.user_id, 'manual', '');
        return sendJson(res, null, 200, { ok: true, user: users.get(b.user_id) });
      }
      if (m === 'POST' && p === '/__sim/unenroll') {
        const b = parse();
        return sendJson(res, null, 200, { ok: true, removed: users.delete(String(b.user_id)) });
      }
      if (m === 'POST' && p === '/__sim/fault') return sendJson(res, null, 200, { ok: true, fault: addFault(parse()) });
      if (m === 'GET' && p === '/__sim/faults') return sendJson(res, null, 200, faults.map((f) => ({ ...f, count: f.count === Infinity ? 'always' : f.count })));
      if ((m === 'DELETE' && p === '/__sim/faults') || (m === 'POST' && p === '/__sim/faults/clear')) {
        faults = [];
        return sendJson(res, null, 200, { ok: true });
      }
      if (m === 'POST' && p.startsWith('/__sim/callback/')) {
        const id = decodeURIComponent(p.slice('/__sim/callback/'.length));
        const cb = await resendCallback(id, parse());
        return sendJson(res, null, 200, { ok: cb.status === 'delivered', callback: cb });
      }
      return sendJson(res, null, 404, { error: 'unknown simulator control endpoint' });
    } catch (e) {
      const err = /** @type {any} */ (e);
      return sendJson(res, null, err.statusCode || 400, { error: err.message });
    }
  }

  // ---------------------------------------------------------------- server

  /** MD5 of each PUT body, taken while it arrives, as S3 does for the ETag. */
  const bodyMd5 = new WeakMap();

  /** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
  function readBody(req) {
    return new Promise((resolve, reject) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      const md5 = req.method === 'PUT' ? crypto.createHash('md5') : undefined;
      if (md5) bodyMd5.set(req, md5);
      req.on('data', (c) => {
        md5?.update(c);
        size += c.length;
        if (size > opts.maxBodyBytes) {
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
    if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) return handleControl(req, res, raw, url);
    if (url.pathname.startsWith('/__samples/')) {
      const sample = sampleImage(url.pathname.slice('/__samples/'.length).replace(/\.jpg$/, ''));
      if (!sample) return sendJson(res, null, 404, { error: 'Not Found', samples: Object.keys(SAMPLE_IMAGES) });
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': sample.length });
      return void res.end(sample);
    }

    requestSeq += 1;
    counters.requests += 1;
    const record = {
      id: requestSeq,
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
    requests.push(record);
    if (requests.length > opts.maxRecordedRequests) requests.splice(0, requests.length - opts.maxRecordedRequests);
    log(`${req.method} ${url.pathname}`);

    if (url.pathname === '/v1/job_status') {
      jobStatusInFlight += 1;
      counters.jobStatusMaxInFlight = Math.max(counters.jobStatusMaxInFlight, jobStatusInFlight);
      res.once('close', () => {
        jobStatusInFlight -= 1;
      });
    }
    if (opts.latencyMs > 0 && !url.pathname.startsWith('/__images/')) await delay(opts.latencyMs);
    const method = req.method || 'GET';
    if (url.pathname === '/v1/upload' && method === 'POST') return handlePrepUpload(req, res, raw, record);
    if (url.pathname === '/v1/job_status' && method === 'POST') return handleJobStatus(req, res, raw, record);
    if (url.pathname === '/v2/smart-selfie-compare' && method === 'POST') return handleCompare(req, res, raw, record);
    if (url.pathname === '/v1/id_number_rate_limit_reset' && method === 'POST') return handleRateLimitReset(req, res, raw, record);
    if (url.pathname.startsWith('/__upload/')) return handlePut(req, res, raw, record, url);
    if (url.pathname.startsWith('/__images/') && (method === 'GET' || method === 'HEAD')) return handleImage(res, record, url);
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
  baseUrl = (opts.publicUrl || `${opts.tls ? 'https' : 'http'}://${displayHost}:${addr.port}`).replace(/\/+$/, '');

  const api = {
    url: baseUrl,
    port: addr.port,
    options: opts,
    credentials: { partnerId: opts.partnerId, apiKey: opts.apiKey, baseUrl },
    jobs,
    users,
    requests,
    rateLimitResets,
    stats,
    reset,
    addFault,
    clearFaults: () => {
      faults = [];
    },
    /** Starts a new measurement of jobStatusMaxInFlight. */
    resetJobStatusPeak: () => {
      counters.jobStatusMaxInFlight = jobStatusInFlight;
    },
    /** @param {string} userId */
    enroll: (userId) => enrol(userId, 'manual', ''),
    resendCallback,
    /** @param {string} jobId @param {boolean} [full] */
    getJob: (jobId, full = false) => (jobs.has(jobId) ? serialiseJob(jobs.get(jobId), full) : undefined),
    /** Sign like Smile ID (for convenience in other tests). @param {string} [timestamp] */
    sign: (timestamp = nowIso()) => ({ timestamp, signature: computeSignature(opts.apiKey, timestamp, opts.partnerId) }),
    server,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const ac of aborters) ac.abort();
      aborters.clear();
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
      });
    },
  };
  return api;
}

module.exports = { startSimulator, computeSignature, parseUserId, DEFAULTS, SCENARIOS, PREFIX_FAULTS };
