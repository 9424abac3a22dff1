// @ts-check
'use strict';

/** PUT to the presigned upload URL (S3-like), then the zip inspection that decides the job's results. */

const crypto = require('crypto');
const JSZip = require('jszip');
const R = require('../results');
const { isObj, isNonEmptyString, isJpeg, decodeStrictBase64, sha256, nowIso } = require('../util');
const { takeFault } = require('../faults');
const { sendS3Error, applyImmediateFault } = require('../responses');
const { emitResult } = require('../jobs');

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record @param {URL} url */
async function handlePut(ctx, req, res, raw, record, url) {
  const segs = url.pathname.split('/').filter(Boolean); // __upload, ref, file
  record.body = { bytes: raw.length, sha256: /** @type {string | null} */ (null) };
  // hashed once the answer is out: the request log is the simulator's, not part of the upload's latency
  res.once('close', () => {
    record.body.sha256 = sha256(raw);
  });
  const refId = segs[1] ? decodeURIComponent(segs[1]) : '';
  const jobId = ctx.refs.get(refId);
  const job = jobId !== undefined ? ctx.jobs.get(jobId) : undefined;
  if (!job || segs.length !== 3) return sendS3Error(res, record, 404, 'NoSuchUpload', 'The specified upload does not exist.');
  record.job_id = job.job_id;
  if (req.method !== 'PUT') return sendS3Error(res, record, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  ctx.counters.putAttempts[job.job_id] = (ctx.counters.putAttempts[job.job_id] || 0) + 1;
  const attempt = { at: nowIso(), ref_id: refId, bytes: raw.length, content_type: req.headers['content-type'] ?? null, status: 0, reason: '' };
  job.put_attempts.push(attempt);
  const answer = (/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ msg) => {
    attempt.status = status;
    attempt.reason = msg;
    sendS3Error(res, record, status, code, msg);
  };

  const fault = takeFault(ctx, 'put', { job_id: job.job_id, user_id: job.user_id });
  if (fault) {
    if (fault.type === 'slow') {
      record.fault = { type: 'slow', ms: fault.ms ?? ctx.opts.slowMs };
      await ctx.delay(fault.ms ?? ctx.opts.slowMs);
    } else {
      attempt.status = fault.type === 'drop' ? -1 : fault.type === 'rate_limit' ? 429 : fault.status;
      attempt.reason = 'fault: ' + fault.type;
      if (applyImmediateFault(fault.type === 'rate_limit' ? { type: 'status', status: 503 } : fault, req, res, record, 'xml')) return;
    }
  }
  const sigGiven = url.searchParams.get('Signature') || '';
  const expires = url.searchParams.get('Expires') || '';
  const sigExpected = crypto.createHmac('sha256', ctx.urlSecret).update(`${refId}\n${expires}`).digest('base64');
  if (sigGiven !== sigExpected || url.searchParams.get('Content-Type') !== 'application/zip') {
    return answer(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  if (Number(expires) * 1000 < Date.now()) return answer(403, 'AccessDenied', 'Request has expired');
  const ct = req.headers['content-type'];
  if (ct !== 'application/zip') {
    return answer(403, 'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method. (Content-Type must be exactly application/zip)');
  }
  ctx.counters.uploads[job.job_id] = (ctx.counters.uploads[job.job_id] || 0) + 1;
  attempt.status = 200;
  record.status = 200;
  const etag = '"' + (ctx.bodyMd5.get(req) ?? crypto.createHash('md5').update(raw)).digest('hex') + '"';
  res.writeHead(200, { ETag: etag, 'Content-Length': '0', 'x-amz-server-side-encryption': 'AES256' });
  res.end();
  if (job.upload_received) {
    job.extra_uploads += 1;
    attempt.reason = 'accepted but ignored: the job already received an upload';
    return;
  }
  job.upload_received = true;
  job.status = 'processing';
  processUpload(ctx, job, raw).catch((e) => {
    ctx.log('processing error', e);
  });
}

/**
 * Inspect the uploaded zip, record everything and schedule the scenario's results.
 * @param {any} job @param {Buffer} raw
 */
async function processUpload(ctx, job, raw) {
  /** @type {any} */
  const upload = { received_at: nowIso(), bytes: raw.length, sha256: sha256(raw), entries: [], info_json: null, info_json_error: null, images: [] };
  job.upload = upload;
  /** @type {Record<string, any>} */
  const store = { liveness: [] };
  ctx.imageStore.set(job.job_id, store);
  /** @type {{ code: string, text: string, reason: string } | null} */
  let failure = /** @type {any} */ (null);
  /** @param {string} code @param {string} text @param {string} reason */
  const fail = (code, text, reason) => {
    if (!failure) failure = { code, text, reason };
  };

  /** @type {Map<string, Buffer>} */
  const entries = new Map();
  let zip = null;
  if (!raw.length) fail('0903', 'Zip Corrupt', 'empty upload body');
  else {
    try {
      zip = await JSZip.loadAsync(raw, { checkCRC32: true });
    } catch (e) {
      fail('0903', 'Zip Corrupt', 'zip could not be read: ' + /** @type {any} */ (e).message);
    }
  }
  if (zip) {
    try {
      for (const f of Object.values(zip.files)) {
        if (f.dir) {
          upload.entries.push({ name: f.name, dir: true, size: 0, sha256: null });
          continue;
        }
        const data = await f.async('nodebuffer');
        entries.set(f.name, data);
        upload.entries.push({ name: f.name, dir: false, size: data.length, sha256: sha256(data) });
      }
    } catch (e) {
      fail('0903', 'Zip Corrupt', 'zip entry could not be extracted: ' + /** @type {any} */ (e).message);
    }
  }
  /** @type {any} */
  let info = null;
  if (!failure) {
    const infoBuf = entries.get('info.json');
    if (!infoBuf) {
      const nested = [...entries.keys()].find((n) => n.endsWith('/info.json'));
      fail('0001', 'Data Invalid', nested ? `info.json is inside a folder (${nested}); it must be at the zip root` : 'info.json is missing from the zip');
    } else {
      try {
        info = JSON.parse(infoBuf.toString('utf8'));
        upload.info_json = info;
      } catch (e) {
        upload.info_json_error = /** @type {any} */ (e).message;
        fail('2203', 'Error - Invalid JSON', 'info.json is not valid JSON: ' + /** @type {any} */ (e).message);
      }
    }
  }
  if (!failure && !isObj(info)) fail('2203', 'Error - Invalid JSON', 'info.json is not a JSON object');
  if (!failure && info.images === undefined) fail('2213', 'Error - A required parameter is missing', 'info.json has no images array');
  if (!failure && !Array.isArray(info.images)) fail('2204', 'Error - A parameter is of the wrong data type', 'info.json images is not an array');
  if (!failure) {
    info.images.forEach((/** @type {any} */ img, /** @type {number} */ i) => {
      if (failure) return;
      if (!isObj(img)) return fail('2204', 'Error - A parameter is of the wrong data type', `images[${i}] is not an object`);
      const t = img.image_type_id;
      if (t === undefined || t === null) return fail('2213', 'Error - A required parameter is missing', `images[${i}].image_type_id is missing`);
      if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 7) {
        return fail('2204', 'Error - A parameter is of the wrong data type', `images[${i}].image_type_id must be a number 0-7 (got ${JSON.stringify(t)})`);
      }
      const isFile = [0, 1, 4, 5].includes(t);
      /** @type {Buffer | null} */
      let bytes = null;
      if (isFile) {
        if (!isNonEmptyString(img.file_name)) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].file_name is empty for file type ${t}`);
        bytes = entries.get(img.file_name) || null;
        if (!bytes) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].file_name "${img.file_name}" is not in the zip`);
      } else {
        if (img.image !== undefined && img.image !== null && typeof img.image !== 'string') {
          return fail('2204', 'Error - A parameter is of the wrong data type', `images[${i}].image must be a base64 string`);
        }
        if (!isNonEmptyString(img.image)) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].image is empty for base64 type ${t}`);
        bytes = decodeStrictBase64(img.image);
        if (!bytes) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}].image is not valid base64`);
      }
      if (!isJpeg(bytes)) return fail('0001', 'Data Invalid - Images corrupt or not present', `images[${i}] (type ${t}) is not a JPEG`);
      const role = t === 0 || t === 2 ? 'selfie' : t === 1 || t === 3 ? 'id_card_front' : t === 5 || t === 7 ? 'id_card_back' : 'liveness';
      upload.images.push({ index: i, image_type_id: t, source: isFile ? 'file' : 'base64', file_name: isFile ? img.file_name : '', role, size: bytes.length, sha256: sha256(bytes) });
      if (role === 'selfie' && !store.selfie_image) store.selfie_image = bytes;
      else if (role === 'id_card_front' && !store.id_card_image) store.id_card_image = bytes;
      else if (role === 'id_card_back' && !store.id_card_back) store.id_card_back = bytes;
      else if (role === 'liveness') store.liveness.push(bytes);
    });
  }
  if (!failure) {
    const hasSelfie = !!store.selfie_image;
    const idInfo = isObj(info.id_info) ? info.id_info : {};
    if (job.job_type === 11 && !isNonEmptyString(idInfo.id_type)) {
      fail('2213', 'Error - A required parameter is missing', 'info.json id_info.id_type is missing (Enhanced Document Verification)');
    } else if (job.job_type === 1) {
      const missing = ['country', 'id_type', 'id_number'].find((k) => !isNonEmptyString(idInfo[k]));
      if (missing) fail('2213', 'Error - A required parameter is missing', `info.json id_info.${missing} is missing (Biometric KYC)`);
      else if (idInfo.entered !== true && idInfo.entered !== 'true' && !store.id_card_image) fail('0001', 'ID Card image not provided', 'id_info.entered is not true and no ID card image');
      else if (!hasSelfie) fail('0001', 'Data Invalid', 'no selfie image (type 0 or 2)');
    } else if (job.job_type === 6 || job.job_type === 11) {
      if (!isNonEmptyString(idInfo.country)) fail('2213', 'Error - A required parameter is missing', 'info.json id_info.country is missing');
      else if (!store.id_card_image) fail('0001', 'ID Card image not provided', 'no ID card front image (type 1 or 3)');
      else if (!hasSelfie && !job.use_enrolled_image) fail('0001', 'Data Invalid', 'no selfie image (type 0 or 2) and use_enrolled_image is not set');
    } else if (!hasSelfie) {
      fail('0001', 'Data Invalid', 'no selfie image (type 0 or 2)');
    }
  }

  job.failure = failure;
  // The zip is read asynchronously after the PUT is answered: readers wait for this flag.
  upload.checked = true;
  if (failure) {
    const f = /** @type {{ code: string, text: string, reason: string }} */ (failure);
    ctx.log(`job ${job.job_id}: upload invalid: ${f.reason}`);
    ctx.later(ctx.opts.callbackDelayMs, () => emitResult(ctx, job, R.failureStep(job.job_type, f.code, f.text)));
    return;
  }
  const steps = R.stepsFor(job.job_type, job.scenario, { liveness: store.liveness.length > 0, useEnrolledImage: !!job.use_enrolled_image });
  if (!steps.length) {
    job.status = 'never';
    return;
  }
  let t = ctx.opts.callbackDelayMs;
  steps.forEach((step, i) => {
    if (i > 0) t += ctx.opts.provisionalDelayMs;
    ctx.later(t, () => emitResult(ctx, job, step));
  });
}

module.exports = { handlePut };
