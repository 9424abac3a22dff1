// @ts-check
'use strict';

/** Job records: Smile job IDs, presigned upload URLs, enrolment, image links and emitting a scenario's results. */

const crypto = require('crypto');
const R = require('./results');
const { tinyJpeg } = require('../fixtures/jpeg');
const { isObj, nowIso } = require('./util');
const { queueCallback } = require('./callbacks');

function newSmileJobId(ctx) {
  ctx.smileJobSeq += 1;
  return String(ctx.smileJobSeq).padStart(10, '0');
}
/** @param {any} job */
function newUploadUrl(ctx, job) {
  const refId = `${ctx.opts.partnerId}-${job.smile_job_id}-${crypto.randomBytes(15).toString('hex')}`;
  ctx.refs.set(refId, job.job_id);
  const expires = Math.floor((Date.now() + ctx.opts.uploadUrlTtlMs) / 1000);
  const sig = crypto.createHmac('sha256', ctx.urlSecret).update(`${refId}\n${expires}`).digest('base64');
  const q = new URLSearchParams({
    AWSAccessKeyId: 'SIMULATORACCESSKEY',
    'Content-Type': 'application/zip',
    Expires: String(expires),
    Signature: sig,
    'x-amz-server-side-encryption': 'AES256',
  });
  // faultputtls-: https:// on the plain-HTTP server, so the PUT fails in the TLS handshake,
  // a network error that is not a timeout or a reset.
  const tlsBroken = job.fault_prefixes?.includes('faultputtls') && ctx.baseUrl.startsWith('http://');
  const base = tlsBroken ? `https://${ctx.baseUrl.slice('http://'.length)}` : ctx.baseUrl;
  const uploadUrl = `${base}/__upload/${encodeURIComponent(refId)}/${encodeURIComponent(job.file_name)}?${q.toString()}`;
  job.ref_ids.push(refId);
  job.ref_id = refId;
  job.upload_url = uploadUrl;
  return { refId, uploadUrl };
}
/** @param {string} userId @param {string} via @param {string} jobId */
function enrol(ctx, userId, via, jobId) {
  ctx.users.set(userId, { user_id: userId, enrolled_at: nowIso(), via, job_id: jobId });
}
/** @param {string} jobId @param {string} name */
function imageUrl(ctx, jobId, name) {
  return `${ctx.baseUrl}/__images/${encodeURIComponent(jobId)}/${name}.jpg`;
}
/** @param {any} job */
function imageLinksFor(ctx, job) {
  const store = ctx.imageStore.get(job.job_id) || {};
  /** @type {Record<string, string>} */
  const links = {};
  for (const name of ['id_card_back', 'id_card_image', 'selfie_image']) {
    if (store[name]) links[name] = imageUrl(ctx, job.job_id, name);
  }
  return links;
}

/**
 * Build the result object (callback body minus timestamp/signature) for a step.
 * @param {any} job @param {import('./results').Step} step
 */
function buildResult(ctx, job, step) {
  /** @type {Record<string, any>} */
  const r = {
    Actions: step.actions,
    ResultCode: step.code,
    ResultText: step.text,
    SmileJobID: job.smile_job_id,
    PartnerParams: job.partner_params,
    IsFinalResult: step.final ? 'true' : 'false',
  };
  if (job.job_type === 1) {
    const info = job.upload && isObj(job.upload.info_json) && isObj(job.upload.info_json.id_info) ? job.upload.info_json.id_info : {};
    r.Country = String(info.country ?? '');
    r.IDType = String(info.id_type ?? '');
    r.IDNumber = String(info.id_number ?? '');
    if (step.personalInfo === 'full') {
      const p = R.personalInfo(job.job_id, false);
      Object.assign(r, { FullName: p.FullName, DOB: p.DOB, Gender: p.Gender, PhoneNumber: p.PhoneNumber, ExpirationDate: 'Not Available' });
    }
  } else if (job.job_type === 6 || job.job_type === 11) {
    const info = job.upload && isObj(job.upload.info_json) && isObj(job.upload.info_json.id_info) ? job.upload.info_json.id_info : {};
    r.Country = typeof info.country === 'string' ? info.country : 'Not Available';
    r.IDType = typeof info.id_type === 'string' && info.id_type ? info.id_type : 'NATIONAL_ID';
    if (step.personalInfo === 'full') {
      Object.assign(r, R.personalInfo(job.job_id, !!step.expired));
      const store = ctx.imageStore.get(job.job_id) || {};
      const front = store.id_card_image;
      r.Document = (front && front.length <= 200 * 1024 ? front : tinyJpeg('document')).toString('base64');
    }
    if (step.personalInfo !== 'none') r.ImageLinks = imageLinksFor(ctx, job);
  } else if (step.confidence !== undefined) {
    r.ConfidenceValue = step.confidence;
    r.Source = 'WebAPI';
  }
  return r;
}

/** @param {any} job @param {import('./results').Step} step */
function emitResult(ctx, job, step) {
  const result = buildResult(ctx, job, step);
  job.results.push(result);
  job.updated_at = nowIso();
  job.job_complete = step.final;
  job.job_success = step.final && step.success;
  job.status = step.final ? 'complete' : 'pending_review';
  if (step.final && step.success && step.enrol) enrol(ctx, job.user_id, job.product, job.job_id);
  ctx.log(`job ${job.job_id}: result ${step.code} ${step.text}${step.final ? '' : ' (not final)'}`);
  queueCallback(ctx, job, result);
}

module.exports = { newSmileJobId, newUploadUrl, enrol, imageLinksFor, emitResult };
