// @ts-check
'use strict';

/** The simulator's other endpoints: SmartSelfie Compare, the ID number rate limit reset, TLS, sample images, Smile Links. */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { startSimulator } = require('./index');
const { describe, test, expect, beforeAll, afterAll, jest: jestApi } = require('@jest/globals');
const harness = require('./harness');
const {
  PARTNER,
  API_KEY,
  sign,
  verifies,
  jpeg,
  uid,
  waitFor,
  callbacksFor,
  api,
  prepBody,
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
