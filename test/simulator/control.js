// @ts-check
'use strict';

/** The control API (/__sim/*) and the state views and resets it shares with the JavaScript API. */

const { isObj, isNonEmptyString } = require('./util');
const { freshCounters } = require('./context');
const { addFault } = require('./faults');
const { sendJson } = require('./responses');
const { enrol, imageLinksFor } = require('./jobs');
const { resendCallback } = require('./callbacks');
const { defaultSigningClock, setSigningClock } = require('./signingClock');

/** Make a job JSON-friendly; `full` keeps base64 images inside info.json. @param {any} job @param {boolean} full */
function serialiseJob(ctx, job, full) {
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
  out.image_links = imageLinksFor(ctx, job);
  out.user_enrolled = ctx.users.has(job.user_id);
  return out;
}

function stats(ctx) {
  return {
    ...JSON.parse(JSON.stringify(ctx.counters)),
    jobs: ctx.jobs.size,
    enrolledUsers: ctx.users.size,
    pendingFaults: ctx.faults.length,
  };
}

function reset(ctx) {
  for (const t of ctx.timers) clearTimeout(t);
  ctx.timers.clear();
  for (const ac of ctx.aborters) ac.abort();
  ctx.aborters.clear();
  ctx.jobs.clear();
  ctx.users.clear();
  ctx.refs.clear();
  ctx.links.clear();
  ctx.imageStore.clear();
  ctx.requests.length = 0;
  ctx.faults = [];
  ctx.prefixFaultsUsed.clear();
  ctx.rateLimitResets.length = 0;
  ctx.counters = freshCounters();
  ctx.signingClock = defaultSigningClock();
}

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {URL} url */
async function handleControl(ctx, req, res, raw, url) {
  const p = url.pathname.replace(/\/+$/, '');
  const m = req.method || 'GET';
  /** @returns {any} */
  const parse = () => {
    if (!raw.length) return {};
    return JSON.parse(raw.toString('utf8'));
  };
  try {
    if (m === 'GET' && (p === '/__sim' || p === '/__sim/health')) return sendJson(res, null, 200, { ok: true, url: ctx.baseUrl, partner_id: ctx.opts.partnerId });
    if (m === 'GET' && p === '/__sim/stats') return sendJson(res, null, 200, stats(ctx));
    if (m === 'GET' && p === '/__sim/credentials') return sendJson(res, null, 200, credentialsOf(ctx));
    if (m === 'GET' && p === '/__sim/requests') {
      const prefix = url.searchParams.get('path');
      const jobId = url.searchParams.get('job_id');
      return sendJson(res, null, 200, ctx.requests.filter((r) => (!prefix || r.path.startsWith(prefix)) && (!jobId || r.job_id === jobId)));
    }
    if (m === 'GET' && p === '/__sim/jobs') {
      return sendJson(res, null, 200, [...ctx.jobs.values()].map((j) => ({ job_id: j.job_id, user_id: j.user_id, job_type: j.job_type, smile_job_id: j.smile_job_id,
        status: j.status, job_complete: j.job_complete, job_success: j.job_success, results: j.results.map((/** @type {any} */ r) => r.ResultCode) })));
    }
    if (m === 'GET' && p.startsWith('/__sim/jobs/')) {
      const id = decodeURIComponent(p.slice('/__sim/jobs/'.length));
      const job = ctx.jobs.get(id);
      if (!job) return sendJson(res, null, 404, { error: 'job not found', job_id: id });
      return sendJson(res, null, 200, serialiseJob(ctx, job, url.searchParams.get('full') === '1'));
    }
    if (m === 'GET' && p === '/__sim/users') return sendJson(res, null, 200, [...ctx.users.values()]);
    if (m === 'POST' && p === '/__sim/reset') {
      reset(ctx);
      return sendJson(res, null, 200, { ok: true });
    }
    if (m === 'POST' && p === '/__sim/enroll') {
      const b = parse();
      if (!isNonEmptyString(b.user_id)) return sendJson(res, null, 400, { error: 'user_id (string) is required' });
      enrol(ctx, b.user_id, 'manual', '');
      return sendJson(res, null, 200, { ok: true, user: ctx.users.get(b.user_id) });
    }
    if (m === 'POST' && p === '/__sim/unenroll') {
      const b = parse();
      return sendJson(res, null, 200, { ok: true, removed: ctx.users.delete(String(b.user_id)) });
    }
    if (m === 'GET' && p === '/__sim/signing-clock') return sendJson(res, null, 200, { signingClock: ctx.signingClock });
    if (m === 'POST' && p === '/__sim/signing-clock') return sendJson(res, null, 200, { ok: true, signingClock: setSigningClock(ctx, parse()) });
    if (m === 'POST' && p === '/__sim/fault') return sendJson(res, null, 200, { ok: true, fault: addFault(ctx, parse()) });
    if (m === 'GET' && p === '/__sim/faults') return sendJson(res, null, 200, ctx.faults.map((f) => ({ ...f, count: f.count === Infinity ? 'always' : f.count })));
    if ((m === 'DELETE' && p === '/__sim/faults') || (m === 'POST' && p === '/__sim/faults/clear')) {
      ctx.faults = [];
      return sendJson(res, null, 200, { ok: true });
    }
    if (m === 'POST' && p.startsWith('/__sim/callback/')) {
      const id = decodeURIComponent(p.slice('/__sim/callback/'.length));
      const cb = await resendCallback(ctx, id, parse());
      return sendJson(res, null, 200, { ok: cb.status === 'delivered', callback: cb });
    }
    return sendJson(res, null, 404, { error: 'unknown simulator control endpoint' });
  } catch (e) {
    const err = /** @type {any} */ (e);
    return sendJson(res, null, err.statusCode || 400, { error: err.message });
  }
}

/** The credentials to enter in n8n. */
function credentialsOf(ctx) {
  return { partnerId: ctx.opts.partnerId, apiKey: ctx.opts.apiKey, baseUrl: ctx.baseUrl };
}

module.exports = { serialiseJob, stats, reset, handleControl, credentialsOf };
