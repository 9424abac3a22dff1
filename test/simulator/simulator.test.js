// @ts-check
'use strict';

/**
 * End-to-end tests of the offline Smile ID simulator, driven with plain HTTP.
 * Signatures are computed here with node:crypto and zips are built here with jszip,
 * independently of the package's own code.
 */

const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const JSZip = require('jszip');
const axios = require('axios').default || require('axios');
const { describe, test, expect, beforeAll, afterAll, jest: jestApi } = require('@jest/globals');
const { startSimulator } = require('./index');
const { makeJpeg } = require('../fixtures/jpeg');
const { referenceSignature } = require('../fixtures/signing');

jestApi.setTimeout(15000);

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

beforeAll(async () => {
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
});

afterAll(async () => {
  if (sim) await sim.stop();
  if (cbServer) {
    cbServer.closeAllConnections();
    await new Promise((r) => cbServer.close(() => r(undefined)));
  }
});

describe('basics', () => {
  test('exposes url, credentials and the documented signature vector', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.credentials).toEqual({ partnerId: PARTNER, apiKey: API_KEY, baseUrl: sim.url });
    // NOTES.md vector: key "apikey", timestamp, partner "partner"
    expect(sign('2023-03-09T21:35:00.279Z', 'apikey', 'partner').signature).toBe('+S/hVtmFwynoroXQQbjOQ3/l+a5zshNldrQh/iBdxRQ=');
    expect(sim.sign('2023-03-09T21:35:00.279Z').signature).toBe(sign('2023-03-09T21:35:00.279Z').signature);
  });
});

describe('Document Verification (job 6) full flow', () => {
  test('prep 2202 → PUT zip → signed callback 0810 → job_status 2302 with history and image links', async () => {
    const jobId = uid('job-');
    const userId = uid('dv-user-');
    const r = await prep({ job_id: jobId, user_id: userId, job_type: 6, extra: { order_ref: 'A-17', note: 'extra keys echo' } });
    expect(r.status).toBe(200);
    expect(r.data.code).toBe('2202');
    expect(r.data.camera_config).toBe('null');
    expect(r.data.smile_job_id).toMatch(/^\d{10}$/);
    expect(r.data.ref_id.startsWith(`${PARTNER}-${r.data.smile_job_id}-`)).toBe(true);
    expect(r.data.upload_url.startsWith(`${sim.url}/__upload/`)).toBe(true);
    expect(r.data.upload_url).toContain('Content-Type=application%2Fzip');

    const selfie = jpeg('dv-selfie');
    const front = jpeg('dv-front');
    const back = jpeg('dv-back');
    const zip = await makeZip(
      infoJson(
        [
          { image_type_id: 0, image: '', file_name: 'selfie.jpg' },
          { image_type_id: 1, image: '', file_name: 'front.jpg' },
          { image_type_id: 7, image: back.toString('base64'), file_name: '' },
        ],
        { country: 'NG', id_type: 'PASSPORT' },
      ),
      { 'selfie.jpg': selfie, 'front.jpg': front },
    );
    const u = await put(r.data.upload_url, zip);
    expect(u.status).toBe(200);
    expect(u.headers.etag).toBeTruthy();

    await waitFor(() => callbacksFor(jobId).length === 1);
    const cb = callbacksFor(jobId)[0];
    expect(cb.headers['content-type']).toMatch(/^application\/json/);
    expect(cb.headers.authorization).toBeUndefined();
    expect(cb.body).toMatchObject({
      ResultCode: '0810',
      ResultText: 'Document Verified',
      SmileJobID: r.data.smile_job_id,
      IsFinalResult: 'true',
      Country: 'NG',
      IDType: 'PASSPORT',
      FullName: expect.any(String),
      DOB: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      Gender: expect.any(String),
      IDNumber: expect.any(String),
      ExpirationDate: expect.any(String),
      IssuanceDate: expect.any(String),
    });
    expect(cb.body.PartnerParams).toEqual({ job_id: jobId, user_id: userId, job_type: 6, order_ref: 'A-17', note: 'extra keys echo' });
    expect(cb.body.Actions).toMatchObject({ Verify_Document: 'Passed', Selfie_To_ID_Card_Compare: 'Completed', Return_Personal_Info: 'Returned' });
    expect(Buffer.from(cb.body.Document, 'base64').equals(front)).toBe(true);
    expect(Object.keys(cb.body.ImageLinks).sort()).toEqual(['id_card_back', 'id_card_image', 'selfie_image']);
    expect(verifies(cb.body)).toBe(true);
    expect(Math.abs(Date.now() - Date.parse(cb.body.timestamp))).toBeLessThan(10000);

    const s = await jobStatus(jobId, userId, { history: true, image_links: true });
    expect(s.status).toBe(200);
    expect(s.data).toMatchObject({ code: '2302', job_complete: true, job_success: true });
    expect(s.data.result.ResultCode).toBe('0810');
    expect(s.data.result.PartnerParams.order_ref).toBe('A-17');
    expect(s.data.history).toHaveLength(1);
    expect(s.data.history[0].ResultCode).toBe('0810');
    expect(verifies(s.data)).toBe(true);
    expect(Object.keys(s.data.image_links).sort()).toEqual(['id_card_back', 'id_card_image', 'selfie_image']);
    const img = await api.get(s.data.image_links.selfie_image, { responseType: 'arraybuffer' });
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(img.data).equals(selfie)).toBe(true);
    const imgBack = await api.get(s.data.image_links.id_card_back, { responseType: 'arraybuffer' });
    expect(Buffer.from(imgBack.data).equals(back)).toBe(true);

    // without the flags: no history, no image_links
    const s2 = await jobStatus(jobId, userId);
    expect(s2.data.code).toBe('2302');
    expect(s2.data.history).toBeUndefined();
    expect(s2.data.image_links).toBeUndefined();
    // sec_key is accepted as the signature name
    const { signature, timestamp } = sign();
    const s3 = await api.post(`${sim.url}/v1/job_status`, { partner_id: PARTNER, job_id: jobId, user_id: userId, sec_key: signature, timestamp });
    expect(s3.data.code).toBe('2302');

    // recorded job (HTTP control API)
    await waitFor(() => sim.jobs.get(jobId).callbacks[0].status !== 'pending');
    const j = await api.get(`${sim.url}/__sim/jobs/${encodeURIComponent(jobId)}`);
    expect(j.status).toBe(200);
    expect(j.data.upload.info_json.id_info).toEqual({ country: 'NG', id_type: 'PASSPORT' });
    expect(j.data.upload.info_json.images[2].image).toBe(back.toString('base64')); // short base64 is kept; long ones are summarised unless ?full=1
    const entries = Object.fromEntries(j.data.upload.entries.map((/** @type {any} */ e) => [e.name, e]));
    expect(Object.keys(entries).sort()).toEqual(['front.jpg', 'info.json', 'selfie.jpg']);
    expect(entries['selfie.jpg']).toMatchObject({ size: selfie.length, sha256: sha(selfie) });
    expect(entries['front.jpg'].sha256).toBe(sha(front));
    expect(j.data.upload.images.map((/** @type {any} */ i) => i.role)).toEqual(['selfie', 'id_card_front', 'id_card_back']);
    expect(j.data.callbacks).toHaveLength(1);
    expect(j.data.callbacks[0].status).toBe('delivered');
    expect(j.data.callbacks[0].attempts).toHaveLength(1);
    const st = sim.stats();
    expect(st.prepUploads[jobId]).toBe(1);
    expect(st.uploads[jobId]).toBe(1);
    expect(st.jobsCreatedByJobId[jobId]).toBe(1);
    // the DV enrolled the user
    expect(sim.users.has(userId)).toBe(true);
  });

  test('DV for an enrolled user: 2209 without use_enrolled_image, 0810 with it (ID image only)', async () => {
    const userId = uid('dv-enrolled-');
    sim.enroll(userId);
    const r1 = await prep({ job_id: uid('job-'), user_id: userId, job_type: 6 });
    expect(r1.status).toBe(400);
    expect(r1.data.code).toBe('2209');
    const jobId = uid('job-');
    const r2 = await prep({ job_id: jobId, user_id: userId, job_type: 6, use_enrolled_image: true });
    expect(r2.data.code).toBe('2202');
    const zip = await makeZip(infoJson([{ image_type_id: 3, image: jpeg('front').toString('base64'), file_name: '' }], { country: 'KE', id_type: 'NATIONAL_ID' }));
    expect((await put(r2.data.upload_url, zip)).status).toBe(200);
    await waitFor(() => callbacksFor(jobId).length === 1);
    const cb = callbacksFor(jobId)[0].body;
    expect(cb.ResultCode).toBe('0810');
    expect(cb.Actions.Register_Selfie).toBe('Not Applicable');
    expect(cb.ImageLinks.selfie_image).toBeUndefined();
    // use_enrolled_image for an unknown user → 2210
    const r3 = await prep({ job_id: uid('job-'), user_id: uid('nobody-'), job_type: 6, use_enrolled_image: true });
    expect(r3.data).toEqual({ code: '2210', error: 'Error - No enrolled user found' });
  });

  test('attention- scenario → 0817 with an expired document', async () => {
    const jobId = uid('job-');
    const r = await prep({ job_id: jobId, user_id: uid('attention-'), job_type: 6 });
    const zip = await makeZip(infoJson([{ image_type_id: 2, image: jpeg('s').toString('base64'), file_name: '' },
      { image_type_id: 3, image: jpeg('f').toString('base64'), file_name: '' }], { country: 'GH' }));
    await put(r.data.upload_url, zip);
    await waitFor(() => callbacksFor(jobId).length === 1);
    const cb = callbacksFor(jobId)[0].body;
    expect(cb.ResultCode).toBe('0817');
    expect(cb.ResultText).toMatch(/^Approved with Attention/);
    expect(Date.parse(cb.ExpirationDate)).toBeLessThan(Date.now());
  });

  test('rejected- scenario → 0811, job_success false', async () => {
    const jobId = uid('job-');
    const userId = uid('rejected-');
    const r = await prep({ job_id: jobId, user_id: userId, job_type: 6 });
    const zip = await makeZip(infoJson([{ image_type_id: 0, image: '', file_name: 's.jpg' }, { image_type_id: 1, image: '', file_name: 'f.jpg' }], { country: 'NG' }),
      { 's.jpg': jpeg('s'), 'f.jpg': jpeg('f') });
    await put(r.data.upload_url, zip);
    await waitFor(() => callbacksFor(jobId).length === 1);
    expect(callbacksFor(jobId)[0].body.ResultCode).toBe('0811');
    const s = await jobStatus(jobId, userId);
    expect(s.data).toMatchObject({ code: '2302', job_complete: true, job_success: false });
    expect(sim.users.has(userId)).toBe(false);
  });
});

describe('upload validation', () => {
  /** @param {Buffer} zip @param {number} [jobType] */
  async function uploadAndGetResult(zip, jobType = 4) {
    const jobId = uid('job-');
    const userId = uid('val-');
    const r = await prep({ job_id: jobId, user_id: userId, job_type: jobType });
    expect(r.data.code).toBe('2202');
    expect((await put(r.data.upload_url, zip)).status).toBe(200);
    await waitFor(() => callbacksFor(jobId).length === 1);
    const cb = callbacksFor(jobId)[0].body;
    expect(cb.IsFinalResult).toBe('true');
    expect(verifies(cb)).toBe(true);
    const s = await jobStatus(jobId, userId);
    expect(s.data).toMatchObject({ job_complete: true, job_success: false });
    return { cb, job: sim.getJob(jobId) };
  }

  test('PUT without Content-Type application/zip → 403 S3-style XML, nothing stored', async () => {
    const jobId = uid('job-');
    const r = await prep({ job_id: jobId, user_id: uid('ct-'), job_type: 4 });
    const zip = await selfieZip();
    const a = await put(r.data.upload_url, zip, {});
    expect(a.status).toBe(403);
    expect(String(a.data)).toContain('<Code>SignatureDoesNotMatch</Code>');
    const b = await put(r.data.upload_url, zip, { 'Content-Type': 'application/octet-stream' });
    expect(b.status).toBe(403);
    expect(sim.jobs.get(jobId).upload_received).toBe(false);
    expect(sim.stats().uploads[jobId]).toBeUndefined();
    expect(sim.stats().putAttempts[jobId]).toBe(2);
    // a tampered upload URL is refused too
    const c = await put(r.data.upload_url.replace(/Signature=[^&]+/, 'Signature=forged'), zip);
    expect(c.status).toBe(403);
    // and the right request succeeds
    expect((await put(r.data.upload_url, zip)).status).toBe(200);
  });

  test('corrupt zip → 0903 Zip Corrupt', async () => {
    const { cb, job } = await uploadAndGetResult(Buffer.from('PK\u0003\u0004 this is not really a zip file at all'));
    expect(cb.ResultCode).toBe('0903');
    expect(cb.ResultText).toBe('Zip Corrupt');
    expect(job.failure.code).toBe('0903');
  });

  test('info.json lists a file missing from the zip → 0001 Data Invalid - Images corrupt or not present', async () => {
    const zip = await makeZip(infoJson([{ image_type_id: 0, image: '', file_name: 'selfie.jpg' }]), { 'other.jpg': jpeg('x') });
    const { cb } = await uploadAndGetResult(zip);
    expect(cb.ResultCode).toBe('0001');
    expect(cb.ResultText).toBe('Data Invalid - Images corrupt or not present');
  });

  test('non-JPEG image → 0001', async () => {
    const zip = await makeZip(infoJson([{ image_type_id: 0, image: '', file_name: 'selfie.jpg' }]), { 'selfie.jpg': Buffer.from('\x89PNG\r\n\x1a\nxxxx', 'latin1') });
    const { cb } = await uploadAndGetResult(zip);
    expect(cb.ResultCode).toBe('0001');
  });

  test('image_type_id given as a string → 2204', async () => {
    const zip = await makeZip(infoJson([{ image_type_id: '0', image: '', file_name: 'selfie.jpg' }]), { 'selfie.jpg': jpeg('s') });
    const { cb, job } = await uploadAndGetResult(zip);
    expect(cb.ResultCode).toBe('2204');
    expect(job.failure.reason).toMatch(/image_type_id/);
  });

  test('invalid info.json → 2203; info.json inside a folder → 0001', async () => {
    const bad = await makeZip('{"images": [', { 'selfie.jpg': jpeg('s') });
    expect((await uploadAndGetResult(bad)).cb.ResultCode).toBe('2203');
    const nested = await makeZip(infoJson([{ image_type_id: 0, image: '', file_name: 'selfie.jpg' }]), { 'selfie.jpg': jpeg('s') }, 'attachments/info.json');
    const { cb, job } = await uploadAndGetResult(nested);
    expect(cb.ResultCode).toBe('0001');
    expect(job.failure.reason).toMatch(/folder/);
  });

  test('DV without ID card image → 0001 ID Card image not provided', async () => {
    const zip = await makeZip(infoJson([{ image_type_id: 2, image: jpeg('s').toString('base64'), file_name: '' }], { country: 'NG' }));
    const { cb } = await uploadAndGetResult(zip, 6);
    expect(cb.ResultCode).toBe('0001');
    expect(cb.ResultText).toBe('ID Card image not provided');
  });
});

describe('prep upload validation and job_id semantics', () => {
  test('bad signature / wrong key / stale timestamp → 401 2205, no job', async () => {
    const before = sim.stats().jobsCreated;
    const jobId = uid('job-');
    const r1 = await prep({ job_id: jobId, user_id: uid('u-'), job_type: 4 }, { signature: 'AAAA' + sign().signature.slice(4) });
    expect(r1.status).toBe(401);
    expect(r1.data.code).toBe('2205');
    const r2 = await prep({ job_id: jobId, user_id: uid('u-'), job_type: 4, key: 'wrong-key' });
    expect(r2.data.code).toBe('2205');
    const old = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const r3 = await prep({ job_id: jobId, user_id: uid('u-'), job_type: 4, timestamp: old });
    expect(r3.status).toBe(401);
    expect(r3.data.code).toBe('2205');
    // signed as ISO but sent as a number (a known SDK defect) → 2205
    const s = sign();
    const r4 = await prep({ job_id: jobId, user_id: uid('u-'), job_type: 4 }, { timestamp: Date.parse(s.timestamp), signature: s.signature });
    expect(r4.data.code).toBe('2205');
    expect(sim.stats().jobsCreated).toBe(before);
    expect(sim.jobs.has(jobId)).toBe(false);
  });

  test('missing fields → 2213, wrong types → 2204, bad job_type → 2212', async () => {
    const p = { job_id: uid('job-'), user_id: uid('u-'), job_type: 4 };
    const missing = await prep(p, { callback_url: undefined });
    expect(missing.status).toBe(400);
    expect(missing.data).toEqual({ code: '2213', error: 'Error - A required parameter is missing' });
    const noJobId = await prep({ ...p, job_id: '' });
    expect(noJobId.data.code).toBe('2213');
    const ppString = await prep(p, { partner_params: 'job_id=1' });
    expect(ppString.data.code).toBe('2204');
    const jt = await prep({ ...p, job_type: 5 });
    expect(jt.data.code).toBe('2212');
    const cbUrl = await prep(p, { callback_url: 'ftp://example.com/cb' });
    expect(cbUrl.data.code).toBe('2204');
    const notJson = await api.post(`${sim.url}/v1/upload`, '{not json', { headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.data.code).toBe('2203');
    // job_type as a numeric string is accepted and echoed as sent
    const ok = await prep({ ...p, job_type: '4' });
    expect(ok.data.code).toBe('2202');
  });

  test('duplicate job_id → 2215; retry flag reuses the job only while no upload was received', async () => {
    const jobId = uid('job-');
    const userId = uid('retry-');
    const created = sim.stats().jobsCreated;
    const r1 = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect(r1.data.code).toBe('2202');
    const dup = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect(dup.status).toBe(400);
    expect(dup.data).toEqual({ error: 'Job already exists. Did you mean to set the retry flag to true?', code: '2215' });
    const r2 = await prep({ job_id: jobId, user_id: userId, job_type: 4, retry: 'true' });
    expect(r2.status).toBe(200);
    expect(r2.data.code).toBe('2202');
    expect(r2.data.smile_job_id).toBe(r1.data.smile_job_id);
    expect(r2.data.upload_url).not.toBe(r1.data.upload_url);
    expect(r2.data.ref_id).not.toBe(r1.data.ref_id);
    expect(sim.stats().jobsCreated).toBe(created + 1);
    expect(sim.stats().jobsCreatedByJobId[jobId]).toBe(1);
    expect(sim.stats().prepUploads[jobId]).toBe(3);
    // retry for the same job_id but another user is refused
    const other = await prep({ job_id: jobId, user_id: uid('someone-'), job_type: 4, retry: true });
    expect(other.data.code).toBe('2215');
    expect((await put(r2.data.upload_url, await selfieZip())).status).toBe(200);
    await waitFor(() => callbacksFor(jobId).length === 1);
    const r3 = await prep({ job_id: jobId, user_id: userId, job_type: 4, retry: true });
    expect(r3.status).toBe(400);
    expect(r3.data.code).toBe('2215');
    expect(sim.stats().jobsCreatedByJobId[jobId]).toBe(1);
    // both forms of the flag are read; the request record says which arrived
    const retryTypes = sim.requests.filter((r) => r.path === '/v1/upload' && r.body?.partner_params?.job_id === jobId)
      .map((r) => r.retry_flag_type);
    expect(retryTypes).toEqual([undefined, undefined, 'string', 'boolean', 'boolean']);
  });
});

describe('SmartSelfie Registration (4) and Authentication (2)', () => {
  test('register → 0840 and enrolled; register again → 2209; authenticate → 0820; unknown user → 2210', async () => {
    const userId = uid('reg-');
    const reg = await runSelfieJob(4, userId);
    const cb = reg.callbacks[0].body;
    expect(cb).toMatchObject({ ResultCode: '0840', ResultText: 'Enroll User', IsFinalResult: 'true', SmileJobID: reg.prep.smile_job_id });
    expect(cb.Actions.Register_Selfie).toBe('Approved');
    expect(cb.Actions.Liveness_Check).toBe('Passed');
    expect(verifies(cb)).toBe(true);
    expect(sim.users.has(userId)).toBe(true);

    const again = await prep({ job_id: uid('job-'), user_id: userId, job_type: 4 });
    expect(again.status).toBe(400);
    expect(again.data.code).toBe('2209');

    const auth = await runSelfieJob(2, userId);
    expect(auth.callbacks[0].body).toMatchObject({ ResultCode: '0820', ResultText: 'Authenticate User' });
    expect(auth.callbacks[0].body.Actions.Selfie_To_Registered_Selfie_Compare).toBe('Completed');

    const unknown = await prep({ job_id: uid('job-'), user_id: uid('ghost-'), job_type: 2 });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toEqual({ code: '2210', error: 'Error - No enrolled user found' });
  });

  test('rejected- authentication → 0821', async () => {
    const userId = uid('rejected-');
    sim.enroll(userId);
    const auth = await runSelfieJob(2, userId);
    expect(auth.callbacks[0].body.ResultCode).toBe('0821');
  });

  test('provisional- registration: 0844 (IsFinalResult false) then 1240; job_status follows', async () => {
    const userId = uid('provisional-');
    const { jobId, callbacks } = await runSelfieJob(4, userId, 1);
    expect(callbacks[0].body).toMatchObject({ ResultCode: '0844', IsFinalResult: 'false' });
    const mid = await jobStatus(jobId, userId, { history: true });
    expect(mid.data).toMatchObject({ code: '2302', job_complete: false, job_success: false });
    expect(mid.data.result.ResultCode).toBe('0844');
    expect(sim.users.has(userId)).toBe(false);

    await waitFor(() => callbacksFor(jobId).length === 2);
    const fin = callbacksFor(jobId)[1].body;
    expect(fin).toMatchObject({ ResultCode: '1240', ResultText: 'Enroll User', IsFinalResult: 'true' });
    expect(verifies(fin)).toBe(true);
    const end = await jobStatus(jobId, userId, { history: 'true' });
    expect(end.data).toMatchObject({ job_complete: true, job_success: true });
    expect(end.data.result.ResultCode).toBe('1240');
    expect(end.data.history.map((/** @type {any} */ h) => h.ResultCode)).toEqual(['1240', '0844']);
    expect(sim.users.has(userId)).toBe(true);
  });

  test('never- scenario: accepted upload, no callback, job never completes', async () => {
    const userId = uid('never-');
    const jobId = uid('job-');
    const r = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect((await put(r.data.upload_url, await selfieZip())).status).toBe(200);
    await waitFor(() => sim.jobs.get(jobId).status === 'never'); // zip checked, nothing scheduled
    await new Promise((res) => setTimeout(res, 200)); // well past callbackDelayMs
    expect(callbacksFor(jobId)).toHaveLength(0);
    expect(sim.jobs.get(jobId).results).toHaveLength(0);
    const s = await jobStatus(jobId, userId);
    expect(s.data).toMatchObject({ code: '2302', job_complete: false, job_success: false, result: 'Job is not complete' });
  });
});

describe('job_status errors', () => {
  test('2305 bad signature, 2313 missing fields, 2304 unknown job or wrong user', async () => {
    const userId = uid('js-');
    const { jobId } = await runSelfieJob(4, userId);
    const bad = await jobStatus(jobId, userId, { signature: 'x' + sign().signature.slice(1) });
    expect(bad.status).toBe(401);
    expect(bad.data.code).toBe('2305');
    const missing = await api.post(`${sim.url}/v1/job_status`, { partner_id: PARTNER, job_id: jobId, ...sign() });
    expect(missing.data.code).toBe('2313');
    const unknown = await jobStatus(uid('nojob-'), userId);
    expect(unknown.data.code).toBe('2304');
    expect(unknown.data.error).toBe('Job not found');
    const wrongUser = await jobStatus(jobId, uid('other-'));
    expect(wrongUser.data.code).toBe('2304');
  });
});

describe('SmartSelfie Compare (/v2/smart-selfie-compare)', () => {
  /**
   * @param {{ userId: string, jobId?: string, frames?: number, allowNewEnroll?: string, omit?: string[], callback?: boolean, headers?: Record<string,string> }} o
   */
  async function compare(o) {
    const form = new FormData();
    const jobId = o.jobId || uid('cmp-job-');
    const omit = o.omit || [];
    /** @param {string} n @param {string} v */
    const text = (n, v) => { if (!omit.includes(n)) form.append(n, v); };
    /** @param {string} n @param {Buffer} b @param {string} f */
    const file = (n, b, f) => { if (!omit.includes(n)) form.append(n, new Blob([b], { type: 'image/jpeg' }), f); };
    text('user_id', o.userId);
    file('selfie_image', jpeg('cmp-selfie'), 'selfie.jpg');
    file('comparison_image', jpeg('cmp-id'), 'id.jpg');
    text('comparison_image_type', 'ID_PHOTO');
    for (let i = 0; i < (o.frames ?? 8); i++) file('liveness_images', jpeg('cmp-l' + i), `liveness_${i}.jpg`);
    text('partner_params', JSON.stringify({ job_id: jobId, user_id: o.userId, tag: 'cmp' }));
    if (o.allowNewEnroll !== undefined) text('allow_new_enroll', o.allowNewEnroll);
    if (o.callback !== false) text('callback_url', `${cbBase}/compare-cb`);
    const s = sign();
    const res = await fetch(`${sim.url}/v2/smart-selfie-compare`, {
      method: 'POST',
      body: form,
      headers: { 'SmileID-Partner-ID': PARTNER, 'SmileID-Timestamp': s.timestamp, 'SmileID-Request-Signature': s.signature, ...(o.headers || {}) },
    });
    return { status: res.status, data: await res.json(), jobId };
  }

  test('3 liveness frames → 400 2413; 9 → 2413; missing selfie → "selfie_image is required."', async () => {
    const few = await compare({ userId: uid('cmp-'), frames: 3 });
    expect(few.status).toBe(400);
    expect(few.data).toMatchObject({ code: '2413', success: false });
    expect(few.data.error).toMatch(/liveness_images/);
    const many = await compare({ userId: uid('cmp-'), frames: 9 });
    expect(many.data.code).toBe('2413');
    const noSelfie = await compare({ userId: uid('cmp-'), omit: ['selfie_image'] });
    expect(noSelfie.data).toEqual({ code: '2413', error: 'selfie_image is required.', success: false });
    const noFrames = await compare({ userId: uid('cmp-'), frames: 0 });
    expect(noFrames.data.error).toBe('liveness_images is required.');
    expect(sim.jobs.has(few.jobId)).toBe(false);
  });

  test('bad signature → 401 2205', async () => {
    const r = await compare({ userId: uid('cmp-'), headers: { 'SmileID-Request-Signature': 'bm9wZQ==' } });
    expect(r.status).toBe(401);
    expect(r.data.code).toBe('2205');
  });

  test('success 0840 (sync) + signed callback; enrols; 2209 without allow_new_enroll; 2215 duplicate', async () => {
    const userId = uid('cmp-');
    const r = await compare({ userId });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      code: '0840', job_type: 'smart_selfie_compare', message: 'Match', status: 'approved', user_id: userId, partner_id: PARTNER,
      partner_params: { job_id: r.jobId, user_id: userId, tag: 'cmp' },
    });
    expect(r.data.job_id).toMatch(/^\d{10}$/);
    expect(Date.parse(r.data.created_at)).not.toBeNaN();
    expect(Date.parse(r.data.updated_at)).not.toBeNaN();
    await waitFor(() => callbacksFor(r.jobId).length === 1);
    const cb = callbacksFor(r.jobId)[0];
    expect(cb.path).toBe('/compare-cb');
    expect(cb.body).toMatchObject({ ResultCode: '0840', IsFinalResult: 'true', SmileJobID: r.data.job_id });
    expect(verifies(cb.body)).toBe(true);
    expect(sim.users.has(userId)).toBe(true);
    const job = sim.getJob(r.jobId);
    expect(job.upload.images.filter((/** @type {any} */ i) => i.role === 'liveness')).toHaveLength(8);

    const again = await compare({ userId });
    expect(again.status).toBe(400);
    expect(again.data.code).toBe('2209');
    const allowed = await compare({ userId, allowNewEnroll: 'True', callback: false });
    expect(allowed.data.code).toBe('0840');
    const dup = await compare({ userId, jobId: r.jobId, allowNewEnroll: 'true' });
    expect(dup.data.code).toBe('2215');

    // job_status works for compare jobs too
    const s = await jobStatus(r.jobId, userId);
    expect(s.data).toMatchObject({ code: '2302', job_complete: true, job_success: true });
  });

  test('rejected- → 0841 rejected, not enrolled', async () => {
    const userId = uid('rejected-cmp-');
    const r = await compare({ userId, callback: false });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ code: '0841', status: 'rejected' });
    expect(sim.users.has(userId)).toBe(false);
  });

  test('hand-built multipart is parsed the same way', async () => {
    const boundary = '----simtestboundary7MA4YWxk';
    const userId = uid('cmp-raw-');
    const jobId = uid('cmp-job-');
    /** @type {Buffer[]} */
    const chunks = [];
    /** @param {string} name @param {string | Buffer} value @param {string} [filename] */
    const part = (name, value, filename) => {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: image/jpeg` : ''}\r\n\r\n`));
      chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(value));
      chunks.push(Buffer.from('\r\n'));
    };
    part('user_id', userId);
    part('selfie_image', jpeg('raw-s'), 's.jpg');
    part('comparison_image', jpeg('raw-c'), 'c.jpg');
    part('comparison_image_type', 'PORTRAIT');
    for (let i = 0; i < 4; i++) part('liveness_images', jpeg('raw-l' + i), `l${i}.jpg`);
    part('partner_params', JSON.stringify({ job_id: jobId, user_id: userId }));
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const s = sign();
    const r = await api.post(`${sim.url}/v2/smart-selfie-compare`, Buffer.concat(chunks), {
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'SmileID-Partner-ID': PARTNER, 'SmileID-Timestamp': s.timestamp, 'SmileID-Request-Signature': s.signature },
      transformRequest: [(d) => d],
    });
    expect(r.status).toBe(200);
    expect(r.data.code).toBe('0840');
    expect(sim.jobs.get(jobId).comparison_image_type).toBe('PORTRAIT');
  });
});

describe('ID number rate limit reset', () => {
  test('200 success; 2205 bad signature; 2213 missing field', async () => {
    const body = { partner_id: PARTNER, ...sign(), country: 'NG', id_type: 'NIN', id_number: '00000000000' };
    const ok = await api.post(`${sim.url}/v1/id_number_rate_limit_reset`, body);
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ message: 'Rate limit reset successful', success: 'true' });
    const bad = await api.post(`${sim.url}/v1/id_number_rate_limit_reset`, { ...body, signature: 'x' });
    expect(bad.status).toBe(401);
    expect(bad.data.code).toBe('2205');
    const { id_number, ...noNumber } = body;
    const missing = await api.post(`${sim.url}/v1/id_number_rate_limit_reset`, { ...noNumber, ...sign() });
    expect(missing.status).toBe(400);
    expect(missing.data.code).toBe('2213');
    expect(sim.rateLimitResets.at(-1)).toMatchObject({ country: 'NG', id_type: 'NIN', id_number: '00000000000' });
  });
});

describe('fault modes', () => {
  test('fault5xx-: first prep 500 without creating a job, the retry succeeds (2 prep calls, 1 job)', async () => {
    const jobId = uid('job-');
    const userId = uid('fault5xx-');
    const created = sim.stats().jobsCreated;
    const r1 = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect(r1.status).toBe(500);
    expect(sim.jobs.has(jobId)).toBe(false);
    expect(sim.stats().jobsCreated).toBe(created);
    const r2 = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect(r2.status).toBe(200);
    expect(r2.data.code).toBe('2202');
    const st = sim.stats();
    expect(st.prepUploads[jobId]).toBe(2);
    expect(st.jobsCreatedByJobId[jobId]).toBe(1);
    expect(st.jobsCreated).toBe(created + 1);
  });

  test('faultdrop-: first prep connection destroyed, no job; second succeeds', async () => {
    const jobId = uid('job-');
    const userId = uid('faultdrop-');
    await expect(prep({ job_id: jobId, user_id: userId, job_type: 4 })).rejects.toThrow();
    expect(sim.jobs.has(jobId)).toBe(false);
    const r2 = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect(r2.data.code).toBe('2202');
    expect(sim.stats().prepUploads[jobId]).toBe(2);
    expect(sim.stats().jobsCreatedByJobId[jobId]).toBe(1);
  });

  test('faultslow-: the job is created although the client timed out; plain resubmit → 2215, retry flag → same job', async () => {
    const jobId = uid('job-');
    const userId = uid('faultslow-');
    await expect(prep({ job_id: jobId, user_id: userId, job_type: 4 }, {}, { timeout: 100 })).rejects.toThrow();
    expect(sim.jobs.has(jobId)).toBe(true);
    const again = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    expect(again.data.code).toBe('2215');
    const retried = await prep({ job_id: jobId, user_id: userId, job_type: 4, retry: true });
    expect(retried.data.code).toBe('2202');
    expect(retried.data.smile_job_id).toBe(sim.jobs.get(jobId).smile_job_id);
    expect(sim.stats().jobsCreatedByJobId[jobId]).toBe(1);
  });

  test('fault429- → 429 2222 every time, no job', async () => {
    const jobId = uid('job-');
    const p = { job_id: jobId, user_id: uid('fault429-'), job_type: 4 };
    for (let i = 0; i < 2; i++) {
      const r = await prep(p);
      expect(r.status).toBe(429);
      expect(r.data).toEqual({ code: '2222', error: 'This ID number has been blocked due to multiple submissions. Please use the designated endpoint to reactivate it.' });
    }
    expect(sim.jobs.has(jobId)).toBe(false);
  });

  test('faultjson- → 200 with an unparseable body (job created)', async () => {
    const jobId = uid('job-');
    const r = await api.post(`${sim.url}/v1/upload`, prepBody({ job_id: jobId, user_id: uid('faultjson-'), job_type: 4 }), { responseType: 'text', transformResponse: [(d) => d] });
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.data)).toThrow();
    expect(sim.jobs.has(jobId)).toBe(true);
  });

  test('faultput-: first PUT 500, second PUT succeeds and the job completes', async () => {
    const jobId = uid('job-');
    const userId = uid('faultput-');
    const r = await prep({ job_id: jobId, user_id: userId, job_type: 4 });
    const zip = await selfieZip();
    const p1 = await put(r.data.upload_url, zip);
    expect(p1.status).toBe(500);
    expect(sim.jobs.get(jobId).upload_received).toBe(false);
    const p2 = await put(r.data.upload_url, zip);
    expect(p2.status).toBe(200);
    await waitFor(() => callbacksFor(jobId).length === 1);
    expect(callbacksFor(jobId)[0].body.ResultCode).toBe('0840');
    expect(sim.stats().putAttempts[jobId]).toBe(2);
    expect(sim.stats().uploads[jobId]).toBe(1);
  });

  test('faultputtls-: the job exists, and its upload URL fails in the TLS handshake', async () => {
    const jobId = uid('job-');
    const r = await prep({ job_id: jobId, user_id: uid('faultputtls-'), job_type: 4 });
    expect(r.data.code).toBe('2202');
    expect(r.data.upload_url.startsWith(`${sim.url.replace('http://', 'https://')}/__upload/`)).toBe(true);
    await expect(put(r.data.upload_url, await selfieZip())).rejects.toMatchObject({ code: 'EPROTO' });
    expect(sim.stats().jobsCreatedByJobId[jobId]).toBe(1);
    expect(sim.stats().putAttempts[jobId]).toBeUndefined();
  });

  test('faultstatus5xx-: job_status answers 500 every time', async () => {
    const userId = uid('faultstatus5xx-');
    const { jobId } = await runSelfieJob(4, userId);
    for (let i = 0; i < 2; i++) expect((await jobStatus(jobId, userId)).status).toBe(500);
  });

  test('POST /__sim/fault: next 2 prep uploads answer 503, regardless of user_id', async () => {
    const set = await api.post(`${sim.url}/__sim/fault`, { endpoint: 'upload', type: 'status', status: 503, count: 2 });
    expect(set.status).toBe(200);
    const jobId = uid('job-');
    const p = { job_id: jobId, user_id: uid('plain-'), job_type: 4 };
    expect((await prep(p)).status).toBe(503);
    expect((await prep(p)).status).toBe(503);
    expect(sim.jobs.has(jobId)).toBe(false);
    expect((await prep(p)).data.code).toBe('2202');
    expect(sim.stats().prepUploads[jobId]).toBe(3);
    expect(sim.stats().jobsCreatedByJobId[jobId]).toBe(1);
    // drop fault for job_status, scoped to a job_id
    await api.post(`${sim.url}/__sim/fault`, { endpoint: 'job_status', type: 'drop', job_id: jobId });
    await expect(jobStatus(jobId, p.user_id)).rejects.toThrow();
    expect((await jobStatus(jobId, p.user_id)).data.code).toBe('2302');
    const bad = await api.post(`${sim.url}/__sim/fault`, { type: 'bogus' });
    expect(bad.status).toBe(400);
  });
});

describe('callbacks: retries, replay and forgery', () => {
  test('a failing callback endpoint is retried and the attempts are recorded', async () => {
    flaky['/flaky'] = 2;
    const jobId = uid('job-');
    const r = await prep({ job_id: jobId, user_id: uid('cbretry-'), job_type: 4, callback_url: `${cbBase}/flaky` });
    await put(r.data.upload_url, await selfieZip());
    await waitFor(() => callbacksFor(jobId).length === 1);
    // the receiver may see the body before the simulator has read the response
    await waitFor(() => sim.jobs.get(jobId).callbacks[0].status !== 'pending');
    const cbs = sim.getJob(jobId).callbacks;
    expect(cbs[0].status).toBe('delivered');
    expect(cbs[0].attempts.map((/** @type {any} */ a) => a.status)).toEqual([500, 500, 200]);
  });

  test('an unreachable callback endpoint ends as failed after a bounded number of attempts', async () => {
    const dead = http.createServer();
    await new Promise((res) => dead.listen(0, '127.0.0.1', () => res(undefined)));
    const port = /** @type {import('net').AddressInfo} */ (dead.address()).port;
    await new Promise((res) => dead.close(() => res(undefined)));
    const jobId = uid('job-');
    const r = await prep({ job_id: jobId, user_id: uid('cbdead-'), job_type: 4, callback_url: `http://127.0.0.1:${port}/gone` });
    await put(r.data.upload_url, await selfieZip());
    await waitFor(() => sim.jobs.get(jobId).callbacks[0] && sim.jobs.get(jobId).callbacks[0].status === 'failed');
    expect(sim.jobs.get(jobId).callbacks[0].attempts).toHaveLength(4);
    // the result is still available through job_status
    expect(sim.jobs.get(jobId).job_complete).toBe(true);
  });

  test('POST /__sim/callback/:job_id replays the last callback; overrides allow forgery tests', async () => {
    const userId = uid('replay-');
    const { jobId, callbacks } = await runSelfieJob(4, userId);
    const original = callbacks[0].body;
    const replay = await api.post(`${sim.url}/__sim/callback/${encodeURIComponent(jobId)}`, {});
    expect(replay.status).toBe(200);
    expect(replay.data.ok).toBe(true);
    await waitFor(() => callbacksFor(jobId).length === 2);
    expect(callbacksFor(jobId)[1].body).toEqual(original);

    await api.post(`${sim.url}/__sim/callback/${encodeURIComponent(jobId)}`, { ResultCode: '0841', signature: 'forged-signature' });
    await waitFor(() => callbacksFor(jobId).length === 3);
    const forged = callbacksFor(jobId)[2].body;
    expect(forged.ResultCode).toBe('0841');
    expect(verifies(forged)).toBe(false);

    await api.post(`${sim.url}/__sim/callback/${encodeURIComponent(jobId)}`, { _resign: true, ResultText: 'resigned' });
    await waitFor(() => callbacksFor(jobId).length === 4);
    const resigned = callbacksFor(jobId)[3].body;
    expect(resigned.ResultText).toBe('resigned');
    expect(verifies(resigned)).toBe(true);
    expect(sim.getJob(jobId).callbacks.filter((/** @type {any} */ c) => c.replay)).toHaveLength(3);
  });
});

describe('signing clock: timestamp forms, skew and one signing moment', () => {
  const control = (/** @type {any} */ spec) => api.post(`${sim.url}/__sim/signing-clock`, spec);
  afterAll(async () => {
    await control({});
  });

  test.each([
    ['zoneless', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/],
    ['ruby', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/],
    ['iso', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/],
  ])('form %s: callbacks and job status answers are signed over that text', async (form, pattern) => {
    const set = await control({ form });
    expect(set.status).toBe(200);
    expect(set.data.signingClock).toEqual({ form, offsetMs: 0, frozen: null });
    const userId = uid('approved-');
    const { jobId, callbacks } = await runSelfieJob(4, userId);
    expect(callbacks[0].body.timestamp).toMatch(pattern);
    expect(verifies(callbacks[0].body)).toBe(true);
    const status = await jobStatus(jobId, userId);
    expect(status.data.timestamp).toMatch(pattern);
    expect(verifies(status.data)).toBe(true);
    // zone-less and Ruby forms are UTC
    const read = Date.parse(`${callbacks[0].body.timestamp.replace(' +0000', 'Z').replace(/(\.\d{3})\d{3}$/, '$1Z')}`);
    expect(Math.abs(read - Date.now())).toBeLessThan(5000);
  });

  test('offsetMs signs with a clock that is off by that much', async () => {
    await control({ offsetMs: -2 * 3600_000 });
    const userId = uid('approved-');
    const { jobId } = await runSelfieJob(4, userId);
    const status = await jobStatus(jobId, userId);
    expect(Date.now() - Date.parse(status.data.timestamp)).toBeGreaterThan(2 * 3600_000 - 5000);
    expect(verifies(status.data)).toBe(true);
  });

  test('freeze: two jobs and a provisional then final result all share one timestamp and signature', async () => {
    const set = await control({ freeze: true });
    const frozen = set.data.signingClock.frozen;
    expect(frozen).toMatch(/Z$/);
    const a = await runSelfieJob(4, uid('approved-'));
    const b = await runSelfieJob(4, uid('approved-'));
    const p = await runSelfieJob(4, uid('provisional-'), 2);
    const bodies = [a.callbacks[0].body, b.callbacks[0].body, ...p.callbacks.map((/** @type {any} */ c) => c.body)];
    expect(bodies.map((x) => x.timestamp)).toEqual([frozen, frozen, frozen, frozen]);
    expect(new Set(bodies.map((x) => x.signature)).size).toBe(1);
    expect(bodies.every(verifies)).toBe(true);
    expect(p.callbacks.map((/** @type {any} */ c) => c.body.IsFinalResult)).toEqual(['false', 'true']);
  });

  test('an unknown form or a non-numeric offset is refused; reset() restores the real clock', async () => {
    expect((await control({ form: 'rfc2822' })).status).toBe(400);
    expect((await control({ offsetMs: 'soon' })).status).toBe(400);
    const other = await startSimulator({ port: 0, host: '127.0.0.1', partnerId: PARTNER, apiKey: API_KEY });
    try {
      expect(other.setSigningClock({ form: 'ruby', freeze: true }).frozen).toMatch(/ \+0000$/);
      other.reset();
      expect((await api.get(`${other.url}/__sim/signing-clock`)).data.signingClock).toEqual({ form: 'iso', offsetMs: 0, frozen: null });
    } finally {
      await other.stop();
    }
  });
});

describe('HTTP control API', () => {
  test('stats, requests, jobs, enroll, 404s', async () => {
    const st = await api.get(`${sim.url}/__sim/stats`);
    expect(st.status).toBe(200);
    expect(st.data.jobsCreated).toBeGreaterThan(0);
    expect(typeof st.data.rejectedBeforeJob).toBe('number');
    const reqs = await api.get(`${sim.url}/__sim/requests?path=/v1/job_status`);
    expect(reqs.data.length).toBeGreaterThan(0);
    expect(reqs.data.every((/** @type {any} */ r) => r.path === '/v1/job_status')).toBe(true);
    expect(reqs.data[0]).toHaveProperty('headers');
    expect(reqs.data[0]).toHaveProperty('body');
    expect(reqs.data[0]).toHaveProperty('at');
    const userId = uid('http-enrol-');
    expect((await api.post(`${sim.url}/__sim/enroll`, { user_id: userId })).status).toBe(200);
    const auth = await prep({ job_id: uid('job-'), user_id: userId, job_type: 2 });
    expect(auth.data.code).toBe('2202');
    expect((await api.get(`${sim.url}/__sim/jobs/does-not-exist`)).status).toBe(404);
    expect((await api.get(`${sim.url}/__images/does-not-exist/selfie_image.jpg`)).status).toBe(404);
    expect((await api.get(`${sim.url}/v1/nothing-here`)).status).toBe(404);
  });

  test('POST /__sim/reset clears jobs, users, counters and requests (separate instance)', async () => {
    const other = await startSimulator({ port: 0, partnerId: PARTNER, apiKey: API_KEY, callbackDelayMs: 5 });
    try {
      const jobId = uid('job-');
      const r = await api.post(`${other.url}/v1/upload`, prepBody({ job_id: jobId, user_id: uid('u-'), job_type: 4 }));
      expect(r.data.code).toBe('2202');
      other.enroll('someone');
      expect(other.stats().jobsCreated).toBe(1);
      expect((await api.post(`${other.url}/__sim/reset`)).status).toBe(200);
      expect(other.jobs.size).toBe(0);
      expect(other.users.size).toBe(0);
      expect(other.requests).toHaveLength(0);
      const st = (await api.get(`${other.url}/__sim/stats`)).data;
      expect(st).toMatchObject({ jobsCreated: 0, requests: 0, prepUploads: {} });
      // the same job_id can be used again after a reset
      const again = await api.post(`${other.url}/v1/upload`, prepBody({ job_id: jobId, user_id: uid('u-'), job_type: 4 }));
      expect(again.data.code).toBe('2202');
      expect(again.data.smile_job_id).not.toBe(r.data.smile_job_id);
    } finally {
      await other.stop();
    }
  });
});

describe('TLS', () => {
  test('serves HTTPS when given a key and certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smile-sim-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
        '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    } catch {
      console.warn('openssl not available: TLS test skipped');
      return;
    }
    const tlsSim = await startSimulator({
      port: 0, partnerId: PARTNER, apiKey: API_KEY,
      tls: { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') },
    });
    try {
      expect(tlsSim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const https = require('https');
      const r = await api.post(`${tlsSim.url}/v1/upload`, prepBody({ job_id: uid('job-'), user_id: uid('tls-'), job_type: 4 }), {
        httpsAgent: new https.Agent({ rejectUnauthorized: false }),
      });
      expect(r.data.code).toBe('2202');
      expect(r.data.upload_url.startsWith(tlsSim.url)).toBe(true);
    } finally {
      await tlsSim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sample images', () => {
  test('serves JPEG samples that meet the document minimums, 404 for unknown names', async () => {
    const { readJpegSize } = require('../../dist/nodes/SmileId/core/imageChecks');
    const sim = await startSimulator({ port: 0 });
    try {
      const front = await fetch(`${sim.url}/__samples/id_card_front.jpg`);
      expect(front.status).toBe(200);
      expect(front.headers.get('content-type')).toBe('image/jpeg');
      const bytes = Buffer.from(await front.arrayBuffer());
      expect(bytes.length).toBe(700 * 1024);
      expect(readJpegSize(bytes)).toEqual({ width: 2400, height: 1500 });
      const liveness = await fetch(`${sim.url}/__samples/liveness_8.jpg`);
      expect(liveness.status).toBe(200);
      expect((await fetch(`${sim.url}/__samples/liveness_9.jpg`)).status).toBe(404);
    } finally {
      await sim.stop();
    }
  });
});

describe('Smile Links', () => {
  /** @param {Record<string, any>} [override] */
  const createBody = (override = {}) => ({
    ...sign(),
    partner_id: PARTNER,
    name: 'Onboarding',
    company_name: 'Acme Ltd',
    id_types: [{ country: 'NG', id_type: 'PASSPORT', verification_method: 'doc_verification' }],
    callback_url: `${cbBase}/link-cb`,
    is_single_use: true,
    user_id: uid('cust-'),
    ...override,
  });
  const signedQuery = () => new URLSearchParams({ partner_id: PARTNER, ...sign() }).toString();

  test('create → hosted page → completion → signed callback naming the link; a used single-use link is refused', async () => {
    const before = sim.stats();
    const body = createBody();
    const created = await api.post(`${sim.url}/v1/smile_links`, body);
    expect(created.status).toBe(200);
    expect(Object.keys(created.data).sort()).toEqual(['link', 'ref_id', 'success']);
    const { link, ref_id: ref } = created.data;
    expect(link).toBe(`${sim.url}/__links/${ref}`);

    const page = await api.get(link);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.data).toContain('Acme Ltd asks you to verify your identity.');
    expect(page.data).toContain('NG PASSPORT (doc_verification)');

    const done = await api.post(link, 'id_type_index=0', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    const jobId = `link-${ref}-1`;
    expect(done.data).toContain(`<span data-test-id="job-id">${jobId}</span>`);
    const [cb] = await waitFor(() => (callbacksFor(jobId).length ? callbacksFor(jobId) : null));
    expect(cb.path).toBe('/link-cb');
    expect(cb.body.PartnerParams).toEqual({ job_id: jobId, user_id: body.user_id, job_type: 6, smile_link_id: ref });
    expect(cb.body.ResultCode).toBe('0810');
    expect(cb.body.IDType).toBe('PASSPORT');
    expect(verifies(cb.body)).toBe(true);

    const again = await api.post(link, 'id_type_index=0', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(again.status).toBe(410);
    expect(again.data).toContain('This link has already been used.');
    expect((await api.get(link)).status).toBe(410);
    const after = sim.stats();
    expect(after.smileLinksCreated - before.smileLinksCreated).toBe(1);
    expect(after.smileLinkCompletions - before.smileLinkCompletions).toBe(1);
    expect(after.smileLinkRefusals - before.smileLinkRefusals).toBe(1);
    expect(after.jobsCreated - before.jobsCreated).toBe(1);
  });


  test('a link created with partner_params returns them in its job\'s PartnerParams (docs: partner params come back with the result)', async () => {
    const body = createBody({ partner_params: { crm_id: 'c-42' } });
    const created = await api.post(`${sim.url}/v1/smile_links`, body);
    expect(created.status).toBe(200);
    const { link, ref_id: ref } = created.data;
    const done = await api.post(link, 'id_type_index=0', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    const jobId = `link-${ref}-1`;
    const [cb] = await waitFor(() => (callbacksFor(jobId).length ? callbacksFor(jobId) : null));
    expect(cb.body.PartnerParams).toEqual({ crm_id: 'c-42', job_id: jobId, user_id: body.user_id, job_type: 6, smile_link_id: ref });
  });
  test('get one, get all (signed in the query), update: disable refuses the page, enable reopens it', async () => {
    const { data } = await api.post(`${sim.url}/v1/smile_links`, createBody({ is_single_use: false, user_id: undefined }));
    const one = await api.get(`${sim.url}/v1/smile_links/${data.ref_id}?${signedQuery()}`);
    expect(one.status).toBe(200);
    expect(one.data).toMatchObject({ ref_id: data.ref_id, is_single_use: false, user_id: null, is_disabled: false, job_ids: [] });
    expect(Date.parse(one.data.expires_at) - Date.now()).toBeGreaterThan(89 * 24 * 3600 * 1000);
    const all = await api.get(`${sim.url}/v1/smile_links?${signedQuery()}`);
    expect(all.data.links.map((/** @type {any} */ l) => l.ref_id)).toContain(data.ref_id);
    expect((await api.get(`${sim.url}/v1/smile_links/${data.ref_id}`)).status).toBe(401);

    const disabled = await api.put(`${sim.url}/v1/smile_links/${data.ref_id}`, { ...sign(), partner_id: PARTNER, is_disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.data.is_disabled).toBe(true);
    const refused = await api.get(data.link);
    expect(refused.status).toBe(410);
    expect(refused.data).toContain('This link has been disabled.');
    await api.put(`${sim.url}/v1/smile_links/${data.ref_id}`, { ...sign(), partner_id: PARTNER, is_disabled: false });
    expect((await api.get(data.link)).status).toBe(200);
    // A multi-use link takes the customer's reference as user_id and stays open.
    const done = await api.post(data.link, { id_type_index: 0, user_id: 'rejected-cust-9' });
    expect(done.status).toBe(200);
    const [cb] = await waitFor(() => (callbacksFor(`link-${data.ref_id}-1`).length ? callbacksFor(`link-${data.ref_id}-1`) : null));
    expect(cb.body.PartnerParams.user_id).toBe('rejected-cust-9');
    expect(cb.body.ResultCode).toBe('0811');
    expect((await api.get(data.link)).status).toBe(200);
  });

  test('the documented rules: no ID types, an unknown method, two methods for one ID type, a past expiry, a bad signature', async () => {
    const before = sim.stats().smileLinksCreated;
    const cases = [
      [{ id_types: [] }, 'Error - id_types must be a non-empty list'],
      [{ id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'smart_selfie' }] }, 'Error - unknown verification_method smart_selfie'],
      [{ id_types: [
        { country: 'ZA', id_type: 'NATIONAL_ID', verification_method: 'doc_verification' },
        { country: 'ZA', id_type: 'NATIONAL_ID', verification_method: 'biometric_kyc' },
      ] }, 'Error - only one verification method per ID type (ZA/NATIONAL_ID)'],
      [{ expires_at: '2020-01-01T00:00:00Z' }, 'Error - expires_at is in the past'],
      [{ user_id: '' }, 'Error - user_id is required for a single-use link'],
    ];
    for (const [override, error] of cases) {
      const r = await api.post(`${sim.url}/v1/smile_links`, createBody(/** @type {any} */ (override)));
      expect([r.status, r.data]).toEqual([400, { code: '2213', error }]);
    }
    const badSig = await api.post(`${sim.url}/v1/smile_links`, createBody({ signature: 'x' }));
    expect(badSig.status).toBe(401);
    expect(sim.stats().smileLinksCreated).toBe(before);
  });

  test('a second usable single-use link for one user_id is refused with 2215; once the first is disabled it is made', async () => {
    const body = createBody();
    const first = await api.post(`${sim.url}/v1/smile_links`, body);
    const again = await api.post(`${sim.url}/v1/smile_links`, { ...body, ...sign() });
    expect([again.status, again.data]).toEqual([400, { code: '2215', error: 'Error - An active link already exists for this user_id' }]);
    await api.put(`${sim.url}/v1/smile_links/${first.data.ref_id}`, { ...sign(), partner_id: PARTNER, is_disabled: true });
    expect((await api.post(`${sim.url}/v1/smile_links`, { ...body, ...sign() })).status).toBe(200);
  });

  test('faultlost-: the first create makes the link and loses its answer; fault5xx- and faultdrop- make none', async () => {
    for (const [prefix, made] of [['faultlost-', 1], ['fault5xx-', 0], ['faultdrop-', 0]]) {
      const before = sim.stats().smileLinksCreated;
      const body = createBody({ user_id: uid(String(prefix)) });
      const first = await api.post(`${sim.url}/v1/smile_links`, body).catch((/** @type {any} */ e) => ({ status: e.code }));
      expect(first.status).toBe(prefix === 'fault5xx-' ? 500 : 'ECONNRESET');
      expect(sim.stats().smileLinksCreated - before).toBe(made);
      const [listed] = (await api.get(`${sim.url}/v1/smile_links?${signedQuery()}`)).data.links.filter((/** @type {any} */ l) => l.user_id === body.user_id);
      expect(Boolean(listed)).toBe(made === 1);
      if (listed) expect(Math.abs(Date.parse(listed.created_at) - Date.now())).toBeLessThan(5000);
    }
  });

  test('options: linksPageSize pages the list (page, per_page, total, next); linkCreateAnswer full carries expires_at', async () => {
    const paged = await startSimulator({ partnerId: PARTNER, apiKey: API_KEY, linksPageSize: 2, linkCreateAnswer: 'full' });
    try {
      const refs = [];
      for (let i = 0; i < 3; i++) {
        const r = await api.post(`${paged.url}/v1/smile_links`, createBody({ is_single_use: false, user_id: undefined, ...sign() }));
        expect(Date.parse(r.data.expires_at) - Date.now()).toBeGreaterThan(89 * 24 * 3600 * 1000);
        refs.push(r.data.ref_id);
      }
      const one = (await api.get(`${paged.url}/v1/smile_links?${signedQuery()}`)).data;
      expect({ ...one, links: one.links.map((/** @type {any} */ l) => l.ref_id) }).toEqual({ links: refs.slice(0, 2), page: 1, per_page: 2, total: 3, next: '/v1/smile_links?page=2' });
      const two = (await api.get(`${paged.url}/v1/smile_links?page=2&${signedQuery()}`)).data;
      expect({ ...two, links: two.links.map((/** @type {any} */ l) => l.ref_id) }).toEqual({ links: refs.slice(2), page: 2, per_page: 2, total: 3, next: null });
    } finally {
      await paged.stop();
    }
  });
});
