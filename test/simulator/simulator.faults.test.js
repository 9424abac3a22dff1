// @ts-check
'use strict';

/** The simulator under faults: fault modes, callback retries, replay and forgery, the signing clock, the HTTP control API. */
const http = require('http');
const { startSimulator } = require('./index');
const { describe, test, expect, beforeAll, afterAll, jest: jestApi } = require('@jest/globals');
const harness = require('./harness');
const {
  PARTNER,
  API_KEY,
  verifies,
  uid,
  flaky,
  waitFor,
  callbacksFor,
  api,
  prepBody,
  prep,
  put,
  selfieZip,
  runSelfieJob,
  jobStatus,
} = harness;

jestApi.setTimeout(15000);

/** @type {Awaited<ReturnType<typeof harness.start>>['sim']} */
let sim;
let cbBase = '';

beforeAll(async () => {
  ({ sim, cbBase } = await harness.start());
});

afterAll(async () => {
  await harness.stop();
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
