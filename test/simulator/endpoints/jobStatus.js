// @ts-check
'use strict';

/** POST /v1/job_status. */

const { isObj, parseBoolFlag } = require('../util');
const { takeFault } = require('../faults');
const { sendJson, applyImmediateFault, finish } = require('../responses');
const { imageLinksFor } = require('../jobs');

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
async function handleJobStatus(ctx, req, res, raw, record) {
  ctx.counters.jobStatusCalls += 1;
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
  const known = jobId !== undefined ? ctx.jobs.get(jobId) : undefined;
  const userForFault = typeof body.user_id === 'string' ? body.user_id : known && known.user_id;
  const fault = takeFault(ctx, 'job_status', { job_id: jobId, user_id: userForFault });
  if (applyImmediateFault(fault, req, res, record, 'json')) return;
  const signature = body.signature !== undefined ? body.signature : body.sec_key;
  for (const [k, v] of [['partner_id', body.partner_id], ['job_id', body.job_id], ['user_id', body.user_id], ['timestamp', body.timestamp], ['signature', signature]]) {
    if (v === undefined || v === null || v === '') {
      record.reason = `${k} is missing`;
      return sendJson(res, record, 400, { code: '2313', error: 'Missing required parameters' });
    }
  }
  const authErr = ctx.authFailure(body.partner_id, body.timestamp, signature);
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
    ...ctx.signNow(),
    job_complete: !!job.job_complete,
    job_success: !!job.job_success,
    code: '2302',
    result: latest || (job.upload_received ? 'Job is not complete' : 'No zip file received'),
  };
  if (wantHistory) out.history = [...job.results].reverse();
  if (wantImages) out.image_links = imageLinksFor(ctx, job);
  return finish(ctx, fault, res, record, 200, out);
}

module.exports = { handleJobStatus };
