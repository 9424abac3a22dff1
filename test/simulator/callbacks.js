// @ts-check
'use strict';

/** Signed result callbacks: delivery with bounded retries, and replays asked for through the control API. */

const https = require('https');
const axios = require('axios').default || require('axios');
const { isHttpUrl, nowIso } = require('./util');

/** @param {any} job @param {Record<string, any>} result */
function queueCallback(ctx, job, result) {
  if (!job.callback_url) return;
  const payload = { ...result, ...ctx.signNow() };
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
  ctx.counters.callbacksScheduled += 1;
  deliver(ctx, cb).catch(() => {});
}

/** POST a callback, retrying a bounded number of times. @param {any} cb */
async function deliver(ctx, cb) {
  const total = 1 + Math.max(0, Number(ctx.opts.callbackRetries) || 0);
  for (let attempt = 1; attempt <= total && !ctx.stopped; attempt++) {
    const started = Date.now();
    const ac = new AbortController();
    ctx.aborters.add(ac);
    /** @type {any} */
    const rec = { attempt, at: nowIso(), status: null, error: null, duration_ms: 0 };
    cb.attempts.push(rec);
    ctx.counters.callbackAttempts += 1;
    try {
      const resp = await axios.post(cb.url, cb.payload, {
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'SmileID-Simulator/1.0' },
        timeout: ctx.opts.callbackTimeoutMs,
        maxRedirects: 0,
        validateStatus: () => true,
        signal: ac.signal,
        proxy: false,
        httpsAgent: new https.Agent({ rejectUnauthorized: !!ctx.opts.callbackRejectUnauthorized }),
        transformResponse: [(d) => d],
      });
      rec.status = resp.status;
      if (resp.status >= 200 && resp.status < 300) {
        rec.duration_ms = Date.now() - started;
        cb.status = 'delivered';
        cb.delivered_at = nowIso();
        ctx.counters.callbacksDelivered += 1;
        return cb;
      }
      rec.error = `HTTP ${resp.status}`;
    } catch (e) {
      rec.error = /** @type {any} */ (e).code || /** @type {any} */ (e).message || String(e);
    } finally {
      ctx.aborters.delete(ac);
      rec.duration_ms = Date.now() - started;
    }
    if (attempt < total && !ctx.stopped) await ctx.delay(ctx.opts.callbackRetryDelayMs * attempt);
  }
  cb.status = 'failed';
  ctx.counters.callbacksFailed += 1;
  ctx.log(`callback to ${cb.url} failed after ${cb.attempts.length} attempt(s)`);
  return cb;
}

/**
 * Re-send the last callback of a job (replay), optionally overriding fields.
 * Special override keys: `_resign: true` → fresh timestamp + signature (after overrides),
 * `_url` → send to a different URL.
 * @param {string} jobId @param {Record<string, any>} [overrides]
 */
async function resendCallback(ctx, jobId, overrides = {}) {
  const job = ctx.jobs.get(jobId);
  if (!job) throw Object.assign(new Error('job not found'), { statusCode: 404 });
  const last = job.callbacks[job.callbacks.length - 1];
  const basePayload = last ? last.payload : job.results.length ? { ...job.results[job.results.length - 1], ...ctx.signNow() } : null;
  if (!basePayload) throw Object.assign(new Error('job has no result to send yet'), { statusCode: 409 });
  const { _resign, _url, ...fields } = overrides || {};
  let payload = { ...basePayload, ...fields };
  if (_resign) payload = { ...payload, ...ctx.signNow() };
  const url = _url || job.callback_url;
  if (!isHttpUrl(url)) throw Object.assign(new Error('job has no callback_url (pass _url)'), { statusCode: 409 });
  const cb = { index: job.callbacks.length, url, payload, is_final: payload.IsFinalResult === 'true', replay: true,
    created_at: nowIso(), attempts: /** @type {any[]} */ ([]), status: 'pending' };
  job.callbacks.push(cb);
  ctx.counters.callbacksScheduled += 1;
  return deliver(ctx, cb);
}

module.exports = { queueCallback, resendCallback };
