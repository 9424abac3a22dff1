// @ts-check
'use strict';

/**
 * End-to-end tests of the offline Smile ID simulator, driven with plain HTTP.
 * Signatures are computed here with node:crypto and zips are built here with jszip,
 * independently of the package's own code.
 */
const { describe, test, expect, beforeAll, afterAll, jest: jestApi } = require('@jest/globals');
const harness = require('./harness');
const {
  PARTNER,
  API_KEY,
  sign,
  verifies,
  jpeg,
  sha,
  uid,
  received,
  waitFor,
  callbacksFor,
  api,
  prep,
  put,
  makeZip,
  infoJson,
  selfieZip,
  runSelfieJob,
  jobStatus,
} = harness;

jestApi.setTimeout(15000);

/** @type {Awaited<ReturnType<typeof harness.start>>['sim']} */
let sim;

beforeAll(async () => {
  ({ sim } = await harness.start());
});

afterAll(async () => {
  await harness.stop();
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
