// @ts-check
'use strict';

/** POST /v2/smart-selfie-compare: multipart request, synchronous answer, optional callback. */

const { parseMultipart } = require('../multipart');
const R = require('../results');
const { ERR, isObj, isNonEmptyString, isJpeg, isHttpUrl, parseBoolFlag, sha256, nowIso } = require('../util');
const { parseUserId } = require('../scenarios');
const { takeFault } = require('../faults');
const { sendJson, applyImmediateFault, finish } = require('../responses');
const { newSmileJobId, enrol } = require('../jobs');
const { queueCallback } = require('../callbacks');

const COMPARISON_IMAGE_TYPES = ['ID_PHOTO', 'PORTRAIT', 'DOCUMENT'];

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
async function handleCompare(ctx, req, res, raw, record) {
  /** @param {number} status @param {any} body @param {string} reason */
  const reject = (status, body, reason) => {
    ctx.counters.rejectedBeforeJob += 1;
    record.reason = reason;
    sendJson(res, record, status, body);
  };
  const e2413 = (/** @type {string} */ msg) => reject(400, { code: '2413', error: msg, success: false }, msg);
  /** @type {import('../multipart').MultipartPart[]} */
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
  /** @type {Record<string, import('../multipart').MultipartPart[]>} */
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
  if (jobId !== undefined) ctx.counters.compareCalls[jobId] = (ctx.counters.compareCalls[jobId] || 0) + 1;
  const fault = takeFault(ctx, 'compare', { job_id: jobId, user_id: userId });
  if (applyImmediateFault(fault, req, res, record, 'json-success')) {
    ctx.counters.rejectedBeforeJob += 1;
    return;
  }
  const h = req.headers;
  const pid = h['smileid-partner-id'];
  const ts = h['smileid-timestamp'];
  const sig = h['smileid-request-signature'];
  if (!pid || !ts || !sig) return reject(401, { ...ERR.unauthorised, success: false }, 'missing SmileID-* auth headers');
  const authErr = ctx.authFailure(pid, ts, sig);
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
  if (ctx.jobs.has(pp.job_id)) return reject(400, ERR.jobExists, 'duplicate job_id');
  if (ctx.users.has(userId) && !allowNew) {
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
    smile_job_id: newSmileJobId(ctx),
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
  ctx.jobs.set(pp.job_id, job);
  ctx.imageStore.set(pp.job_id, { selfie_image: byName.selfie_image[0].data, comparison_image: byName.comparison_image[0].data, liveness: frames.map((p) => p.data) });
  ctx.counters.jobsCreated += 1;
  ctx.counters.jobsCreatedByJobId[pp.job_id] = (ctx.counters.jobsCreatedByJobId[pp.job_id] || 0) + 1;
  record.job_id = pp.job_id;
  if (outcome.success) enrol(ctx, userId, 'smart_selfie_compare', pp.job_id);
  const result = {
    Actions: outcome.actions,
    ResultCode: outcome.code,
    ResultText: outcome.text,
    SmileJobID: job.smile_job_id,
    PartnerParams: pp,
    IsFinalResult: 'true',
  };
  job.results.push(result);
  if (job.callback_url) ctx.later(ctx.opts.callbackDelayMs, () => queueCallback(ctx, job, result));
  ctx.log(`compare ${pp.job_id} -> ${outcome.code}`);
  return finish(ctx, fault, res, record, 200, {
    code: outcome.code,
    created_at: created,
    job_type: 'smart_selfie_compare',
    message: outcome.message,
    job_id: job.smile_job_id,
    user_id: userId,
    partner_id: ctx.opts.partnerId,
    partner_params: pp,
    updated_at: nowIso(),
    status: outcome.status,
  });
}

module.exports = { handleCompare };
