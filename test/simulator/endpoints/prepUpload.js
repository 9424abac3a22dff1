// @ts-check
'use strict';

/** POST /v1/upload: the prep upload that creates a job (or reuses it on retry) and hands out the upload URL. */

const R = require('../results');
const { ERR, isObj, isNonEmptyString, isHttpUrl, parseBoolFlag, nowIso } = require('../util');
const { parseUserId } = require('../scenarios');
const { takeFault } = require('../faults');
const { sendJson, applyImmediateFault, finish } = require('../responses');
const { newSmileJobId, newUploadUrl } = require('../jobs');

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
async function handlePrepUpload(ctx, req, res, raw, record) {
  ctx.counters.prepUploadCalls += 1;
  /** @param {number} status @param {any} body @param {string} reason */
  const reject = (status, body, reason) => {
    ctx.counters.rejectedBeforeJob += 1;
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
  if (jobId !== undefined) ctx.counters.prepUploads[jobId] = (ctx.counters.prepUploads[jobId] || 0) + 1;

  const fault = takeFault(ctx, 'upload', { job_id: jobId, user_id: userId });
  if (applyImmediateFault(fault, req, res, record, 'json')) {
    ctx.counters.rejectedBeforeJob += 1;
    return;
  }

  for (const k of ['signature', 'timestamp', 'smile_client_id']) {
    if (body[k] === undefined || body[k] === null || body[k] === '') return reject(400, ERR.missing, `${k} is missing`);
  }
  const authErr = ctx.authFailure(body.smile_client_id, body.timestamp, body.signature);
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
  if (![1, 2, 4, 6, 11].includes(jobType)) return reject(400, ERR.invalidJobType, `job_type ${pp.job_type} is not 1, 2, 4, 6 or 11`);
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
  // Smile ID's SDKs send a JSON boolean; a string "true" is accepted too. Which one came is kept.
  if (body.retry !== undefined) record.retry_flag_type = typeof body.retry;
  if (retry === null) return reject(400, ERR.wrongType, 'retry must be a boolean');

  const existing = ctx.jobs.get(/** @type {string} */ (jobId));
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
    ctx.counters.retriesReused += 1;
    const { refId, uploadUrl } = newUploadUrl(ctx, existing);
    record.job_id = jobId;
    record.reason = 'retry of a job without upload: same smile_job_id, new upload URL';
    ctx.log(`prep upload retry ${jobId} -> ${existing.smile_job_id}`);
    return finish(ctx, fault, res, record, 200, { upload_url: uploadUrl, ref_id: refId, smile_job_id: existing.smile_job_id, camera_config: 'null', code: '2202' });
  }
  const userIdStr = /** @type {string} */ (userId);
  if (jobType === 4 && ctx.users.has(userIdStr)) return reject(400, ERR.alreadyEnrolledReg, 'user already enrolled');
  if (jobType === 2 && !ctx.users.has(userIdStr)) return reject(400, ERR.noEnrolledUser, 'user not enrolled');
  if ((jobType === 6 || jobType === 11) && useEnrolled && !ctx.users.has(userIdStr)) return reject(400, ERR.noEnrolledUser, 'use_enrolled_image for a user that is not enrolled');
  if ((jobType === 6 || jobType === 11) && !useEnrolled && ctx.users.has(userIdStr)) return reject(400, ERR.alreadyEnrolledDv, 'user already enrolled (set use_enrolled_image or use a new user_id)');

  if (fault && fault.type === 'invalid_json' && fault.createJob === false) {
    ctx.counters.rejectedBeforeJob += 1;
    return finish(ctx, fault, res, record, 200, { code: '2202' });
  }
  const parsed = parseUserId(userIdStr);
  const job = {
    kind: 'v1',
    job_id: /** @type {string} */ (jobId),
    user_id: userIdStr,
    job_type: jobType,
    product: R.PRODUCT_BY_JOB_TYPE[jobType],
    smile_job_id: newSmileJobId(ctx),
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
  ctx.jobs.set(jid, job);
  ctx.counters.jobsCreated += 1;
  ctx.counters.jobsCreatedByJobId[jid] = (ctx.counters.jobsCreatedByJobId[jid] || 0) + 1;
  const { refId, uploadUrl } = newUploadUrl(ctx, job);
  record.job_id = jobId;
  ctx.log(`prep upload ${jobId} (job_type ${jobType}, scenario ${job.scenario}) -> ${job.smile_job_id}`);
  return finish(ctx, fault, res, record, 200, { upload_url: uploadUrl, ref_id: refId, smile_job_id: job.smile_job_id, camera_config: 'null', code: '2202' });
}

module.exports = { handlePrepUpload };
