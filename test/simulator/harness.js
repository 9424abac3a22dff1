// @ts-check
'use strict';

/**
 * What the simulator's test files share: a simulator and a callback receiver started per test
 * file, the signing and zip helpers, and the requests the tests send.
 */
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const JSZip = require('jszip');
const axios = require('axios').default || require('axios');
const { startSimulator } = require('./index');
const { makeJpeg } = require('../fixtures/jpeg');
const { referenceSignature } = require('../fixtures/signing');

const PARTNER = '085';
const API_KEY = 'sim-key-test-4f1c2b';

/** @param {string} [timestamp] @param {string} [key] @param {string} [partner] */
function sign(timestamp = new Date().toISOString(), key = API_KEY, partner = PARTNER) {
  return { timestamp, signature: referenceSignature({ apiKey: key, partnerId: partner, timestamp }) };
}
/** @param {{ timestamp: string, signature: string }} o */
function verifies(o) {
  return typeof o.timestamp === 'string' && o.signature === sign(o.timestamp).signature;
}
/** A small JPEG-shaped image (the simulator only sniffs FF D8 FF). @param {string} label */
function jpeg(label) {
  return makeJpeg({ bytes: 64, seed: label });
}
const sha = (/** @type {Buffer} */ b) => crypto.createHash('sha256').update(b).digest('hex');

let seq = 0;
/** @param {string} prefix */
const uid = (prefix) => `${prefix}${Date.now().toString(36)}${++seq}`;

/** @type {Awaited<ReturnType<typeof startSimulator>>} */
let sim;
/** @type {http.Server} */
let cbServer;
let cbBase = '';
/** @type {{ path: string, headers: http.IncomingHttpHeaders, body: any }[]} */
const received = [];
/** path -> number of attempts to fail with 500 first */
/** @type {Record<string, number>} */
const flaky = {};

/** @param {() => any} fn @param {number} [timeout] */
async function waitFor(fn, timeout = 4000) {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeout) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 15));
  }
}
/** @param {string} jobId */
const callbacksFor = (jobId) => received.filter((c) => c.body && c.body.PartnerParams && c.body.PartnerParams.job_id === jobId);

const api = axios.create({ validateStatus: () => true, proxy: false });

/**
 * @param {{ job_id: string, user_id: string, job_type: number | string, extra?: Record<string, any>,
 *   use_enrolled_image?: any, retry?: any, callback_url?: string, timestamp?: string, key?: string }} p
 * @param {Record<string, any>} [override]
 */
function prepBody(p, override = {}) {
  const s = sign(p.timestamp, p.key);
  /** @type {Record<string, any>} */
  const body = {
    source_sdk: 'rest_api',
    source_sdk_version: '1.0.0',
    signature: s.signature,
    timestamp: s.timestamp,
    smile_client_id: PARTNER,
    partner_params: { job_id: p.job_id, user_id: p.user_id, job_type: p.job_type, ...(p.extra || {}) },
    model_parameters: {},
    callback_url: p.callback_url || `${cbBase}/cb`,
    file_name: 'selfie.zip',
  };
  if (p.use_enrolled_image !== undefined) body.use_enrolled_image = p.use_enrolled_image;
  if (p.retry !== undefined) body.retry = p.retry;
  return { ...body, ...override };
}
/** @param {Parameters<typeof prepBody>[0]} p @param {Record<string, any>} [override] @param {import('axios').AxiosRequestConfig} [cfg] */
const prep = (p, override, cfg) => api.post(`${sim.url}/v1/upload`, prepBody(p, override), cfg);

/** @param {string} url @param {Buffer} body @param {Record<string, string>} [headers] */
const put = (url, body, headers = { 'Content-Type': 'application/zip' }) =>
  api.put(url, body, { headers, transformRequest: [(d) => d], maxBodyLength: Infinity });

/**
 * @param {any} info info.json object, or a string written verbatim
 * @param {Record<string, Buffer>} [files]
 * @param {string} [infoName]
 */
async function makeZip(info, files = {}, infoName = 'info.json') {
  const zip = new JSZip();
  zip.file(infoName, typeof info === 'string' ? info : JSON.stringify(info));
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
/** @param {any[]} images @param {any} [idInfo] */
const infoJson = (images, idInfo) => ({
  package_information: { apiVersion: { buildNumber: 0, majorVersion: 2, minorVersion: 0 } },
  ...(idInfo ? { id_info: idInfo } : {}),
  images,
});

/** selfie-only zip for jobs 2/4 */
async function selfieZip() {
  const selfie = jpeg('selfie');
  const frames = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => jpeg('live' + i));
  const images = [{ image_type_id: 0, image: '', file_name: 'selfie.jpg' },
    ...frames.map((_, i) => ({ image_type_id: 4, image: '', file_name: `liveness_${i}.jpg` }))];
  /** @type {Record<string, Buffer>} */
  const files = { 'selfie.jpg': selfie };
  frames.forEach((f, i) => (files[`liveness_${i}.jpg`] = f));
  return makeZip(infoJson(images), files);
}

/**
 * Run prep + upload for a SmartSelfie job and wait for n callbacks.
 * @param {number} jobType @param {string} userId @param {number} [n]
 */
async function runSelfieJob(jobType, userId, n = 1) {
  const jobId = uid('job-');
  const r = await prep({ job_id: jobId, user_id: userId, job_type: jobType });
  expect(r.status).toBe(200);
  expect(r.data.code).toBe('2202');
  const u = await put(r.data.upload_url, await selfieZip());
  expect(u.status).toBe(200);
  await waitFor(() => callbacksFor(jobId).length >= n);
  return { jobId, prep: r.data, callbacks: callbacksFor(jobId) };
}

/** @param {string} jobId @param {string} userId @param {Record<string, any>} [extra] */
function jobStatus(jobId, userId, extra = {}) {
  return api.post(`${sim.url}/v1/job_status`, { partner_id: PARTNER, job_id: jobId, user_id: userId, ...sign(), ...extra });
}

/** Starts the callback receiver and the simulator; call in beforeAll. */
async function start() {
  cbServer = http.createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const p = req.url || '/';
      if (flaky[p] > 0) {
        flaky[p] -= 1;
        res.writeHead(500);
        res.end('try later');
        return;
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      received.push({ path: p, headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((r) => cbServer.listen(0, '127.0.0.1', () => r(undefined)));
  cbBase = `http://127.0.0.1:${/** @type {import('net').AddressInfo} */ (cbServer.address()).port}`;
  sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    partnerId: PARTNER,
    apiKey: API_KEY,
    callbackDelayMs: 20,
    provisionalDelayMs: 600,
    callbackRetryDelayMs: 20,
    slowMs: 400,
  });
  return { sim, cbBase };
}

/** Stops both; call in afterAll. */
async function stop() {
  if (sim) await sim.stop();
  if (cbServer) {
    cbServer.closeAllConnections();
    await new Promise((r) => cbServer.close(() => r(undefined)));
  }
}

module.exports = {
  start,
  stop,
  PARTNER,
  API_KEY,
  sign,
  verifies,
  jpeg,
  sha,
  uid,
  received,
  flaky,
  waitFor,
  callbacksFor,
  api,
  prepBody,
  prep,
  put,
  makeZip,
  infoJson,
  selfieZip,
  runSelfieJob,
  jobStatus,
};
