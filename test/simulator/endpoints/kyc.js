// @ts-check
'use strict';

/**
 * The ID-number products and the live lists: POST /v1/id_verification (Enhanced KYC,
 * synchronous), /v1/async_id_verification (the same, answered { success: true } and then
 * by callback), POST /v2/verify and /v2/verify_async (Basic KYC, likewise; signed in the
 * body, docs' Basic KYC page), /v1/aml (AML check), GET /v1/services, POST
 * /v1/valid_documents and /v1/products_config. Scenarios and faults come from the user_id
 * prefixes as elsewhere.
 */

const crypto = require('crypto');
const R = require('../results');
const { ERR, isObj, isNonEmptyString, isHttpUrl, nowIso } = require('../util');
const { parseUserId } = require('../scenarios');
const { takeFault } = require('../faults');
const { sendJson, applyImmediateFault, finish } = require('../responses');
const { newSmileJobId } = require('../jobs');
const { queueCallback } = require('../callbacks');
const IDS = require('../idTypes');
const { tinyJpeg } = require('../../fixtures/jpeg');

/** @param {Buffer} raw @returns {any} */
function parseJson(raw) {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A finished v1 job record, so /v1/job_status answers for lookups and screenings too. */
function storeJob(ctx, /** @type {any} */ pp, /** @type {number} */ jobType, /** @type {any} */ result, /** @type {boolean} */ final,
  success = final && result.ResultCode !== '1013') {
  const job = {
    kind: 'v1', job_id: String(pp.job_id), user_id: String(pp.user_id), job_type: jobType, product: R.PRODUCT_BY_JOB_TYPE[jobType],
    smile_job_id: result.SmileJobID, partner_params: pp, callback_url: '', scenario: parseUserId(pp.user_id).scenario,
    created_at: nowIso(), updated_at: nowIso(), status: final ? 'complete' : 'pending', upload_received: true, results: final ? [result] : [],
    job_complete: final, job_success: success, callbacks: [], ref_ids: [], put_attempts: [],
  };
  ctx.jobs.set(job.job_id, job);
  ctx.counters.jobsCreated += 1;
  ctx.counters.jobsCreatedByJobId[job.job_id] = (ctx.counters.jobsCreatedByJobId[job.job_id] || 0) + 1;
  return job;
}

/**
 * An async job's result: stored and posted to its callback after the simulator's delay (longer
 * for `provisional-`), never for `never-`.
 */
function completeLater(ctx, /** @type {any} */ job, /** @type {string} */ callbackUrl, /** @type {any} */ result, /** @type {string} */ scenario, /** @type {boolean} */ success) {
  job.callback_url = callbackUrl;
  if (scenario === 'never') return;
  const delay = ctx.opts.callbackDelayMs + (scenario === 'provisional' ? ctx.opts.provisionalDelayMs : 0);
  ctx.later(delay, () => {
    job.results.push(result);
    job.job_complete = true;
    job.job_success = success;
    job.status = 'complete';
    job.updated_at = nowIso();
    queueCallback(ctx, job, result);
  });
}

/** Enhanced KYC's answer for a scenario (docs' result-code page). */
function lookupResult(ctx, /** @type {any} */ body, /** @type {any} */ pp, /** @type {string} */ scenario, /** @type {boolean} */ isAsync) {
  const smileJobId = newSmileJobId(ctx);
  /** @type {Record<string, any>} */
  const base = {
    SmileJobID: smileJobId, PartnerParams: { ...pp, job_type: 5 }, IsFinalResult: 'true',
    Country: body.country, IDType: body.id_type, IDNumber: body.id_number,
  };
  if (scenario === 'rejected') {
    return { ...base, ResultType: 'ID Verification', ResultCode: '1013', ResultText: 'Unable to Validate ID',
      Actions: { Verify_ID_Number: 'Not Verified', Return_Personal_Info: 'Not Returned' } };
  }
  if ((scenario === 'provisional' || scenario === 'never') && !isAsync) {
    return { ...base, ResultType: 'ID Verification', ResultCode: '1015', ResultText: 'Error - Queried Database Unavailable',
      Actions: { Verify_ID_Number: 'Issuer Unavailable', Return_Personal_Info: 'Not Returned' } };
  }
  const p = R.personalInfo(String(pp.job_id), false);
  return {
    ...base, ResultType: 'ID Verification', ResultCode: '1012', ResultText: 'Valid ID',
    Actions: { Verify_ID_Number: 'Verified', Return_Personal_Info: 'Returned' },
    FullName: p.FullName, DOB: p.DOB, Gender: p.Gender, PhoneNumber: '08000000000', PhoneNumber2: 'Not Available',
    ExpirationDate: 'Not Available', Address: 'Not Available', Photo: tinyJpeg(`authority-${pp.job_id}`).toString('base64'),
    FullData: { firstName: 'Joe', middleName: 'Leo', lastName: 'Doe', dateOfBirth: p.DOB, bvn: body.id_number },
    Source: 'ID API',
  };
}

/**
 * Basic KYC's answer for a scenario: the entered details compared with the record, field by
 * field ("Not Provided" where nothing was entered), codes from the docs' result-code page.
 */
function basicKycResult(ctx, /** @type {any} */ body, /** @type {any} */ pp, /** @type {string} */ scenario, /** @type {boolean} */ isAsync) {
  /** @type {Record<string, any>} */
  const base = {
    SmileJobID: newSmileJobId(ctx), PartnerParams: { ...pp, job_type: 5 }, IsFinalResult: 'true', ResultType: 'ID Verification',
    Country: body.country, IDType: body.id_type, IDNumber: body.id_number,
    ...(isNonEmptyString(body.secondary_id_number) ? { SecondaryIDNumber: body.secondary_id_number } : {}),
  };
  const entered = (/** @type {string[]} */ keys) => keys.some((k) => isNonEmptyString(body[k]));
  const actions = (/** @type {string} */ verified, /** @type {string} */ names, /** @type {string} */ others) => ({
    Verify_ID_Number: verified,
    Return_Personal_Info: 'Not Applicable',
    ID_Verification: verified,
    Names: entered(['first_name', 'middle_name', 'last_name']) ? names : 'Not Provided',
    DOB: entered(['dob']) ? others : 'Not Provided',
    Gender: entered(['gender']) ? others : 'Not Provided',
    Phone_Number: entered(['phone_number']) ? others : 'Not Provided',
  });
  if (scenario === 'notfound') {
    return { ...base, ResultCode: '1023', ResultText: 'Not Found', Actions: actions('Not Verified', 'Not Applicable', 'Not Applicable') };
  }
  if (scenario === 'rejected') {
    return { ...base, ResultCode: '1022', ResultText: 'No Match', Actions: actions('Verified', 'No Match', 'No Match') };
  }
  if ((scenario === 'provisional' || scenario === 'never') && !isAsync) {
    return { ...base, ResultCode: '1015', ResultText: 'Error - Queried Database Unavailable', Actions: actions('Issuer Unavailable', 'Not Applicable', 'Not Applicable') };
  }
  if (scenario === 'attention') {
    return { ...base, ResultCode: '1021', ResultText: 'Partial Match', Actions: actions('Verified', 'Partial Match', 'Exact Match') };
  }
  return { ...base, ResultCode: '1020', ResultText: 'Exact Match', Actions: actions('Verified', 'Exact Match', 'Exact Match') };
}

/**
 * What sets Enhanced KYC (v1) and Basic KYC (/v2/verify) apart; the checks, faults, job
 * records and callbacks are shared.
 */
const ID_PRODUCTS = {
  enhanced_kyc: {
    counter: /** @type {const} */ ('idVerificationCalls'), fault: /** @type {const} */ ('id_verification'), types: IDS.ID_NUMBER_TYPES,
    consent: true, result: lookupResult, success: (/** @type {string} */ code, /** @type {boolean} */ isAsync) => (isAsync ? code === '1012' : code !== '1013'),
  },
  basic_kyc: {
    counter: /** @type {const} */ ('basicKycCalls'), fault: /** @type {const} */ ('basic_kyc'), types: IDS.BASIC_KYC_TYPES,
    consent: false, result: basicKycResult, success: (/** @type {string} */ code) => code === '1020' || code === '1021',
  },
};

/** @param {boolean} isAsync @param {keyof typeof ID_PRODUCTS} [product] */
function idVerificationHandler(isAsync, product = 'enhanced_kyc') {
  /** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
  const spec = ID_PRODUCTS[product];
  return async function handleIdVerification(ctx, req, res, raw, record) {
    ctx.counters[spec.counter] += 1;
    const body = parseJson(raw);
    record.body = body ?? raw.toString('utf8').slice(0, 2000);
    const reject = (/** @type {number} */ status, /** @type {any} */ err, /** @type {string} */ reason) => {
      record.reason = reason;
      return sendJson(res, record, status, isAsync ? { ...err, success: false } : err);
    };
    if (!isObj(body)) return reject(400, ERR.invalidJson, 'request body is not a JSON object');
    const pp = isObj(body.partner_params) ? body.partner_params : {};
    const fault = takeFault(ctx, spec.fault, { job_id: pp.job_id, user_id: pp.user_id });
    if (applyImmediateFault(fault, req, res, record, isAsync ? 'json-success' : 'json')) return;
    for (const k of ['partner_id', 'signature', 'timestamp']) {
      if (isNonEmptyString(body[k])) continue;
      const inHeaders = req.headers['smileid-request-signature'] !== undefined;
      return reject(400, ERR.missing, `${k} is missing from the body${inHeaders ? ' (SmileID-* headers do not sign this endpoint)' : ''}`);
    }
    const authErr = ctx.authFailure(body.partner_id, body.timestamp, body.signature);
    if (authErr) return reject(401, ERR.unauthorised, authErr);
    for (const k of ['job_id', 'user_id']) {
      if (!isNonEmptyString(pp[k])) return reject(400, ERR.missing, `partner_params.${k} is missing`);
    }
    if (String(pp.job_type) !== '5') return reject(400, ERR.invalidJobType, `partner_params.job_type ${pp.job_type} is not 5`);
    for (const k of ['country', 'id_type', 'id_number']) {
      if (!isNonEmptyString(body[k])) return reject(400, ERR.missing, `${k} is missing`);
    }
    if (isAsync && !isHttpUrl(body.callback_url)) return reject(400, ERR.missing, 'callback_url is missing (async)');
    if (ctx.jobs.has(String(pp.job_id))) return reject(400, ERR.jobExists, 'job_id was used before');
    const rules = /** @type {Record<string, any>} */ (spec.types)[body.country]?.id_types[body.id_type];
    /** @type {Record<string, any> | undefined} */
    let early;
    if (!rules) {
      early = { ResultCode: '1016', ResultText: 'Error - Need to Activate Product' };
    } else if (!new RegExp(rules.id_number_regex).test(body.id_number)) {
      early = { ResultCode: '1014', ResultText: 'Error - Unsupported ID number format' };
    } else {
      const missing = rules.required_fields.find((/** @type {string} */ f) => !isNonEmptyString(body[f]));
      if (missing) return reject(400, ERR.missing, `${missing} is required for ${body.id_type}`);
      const needsConsent = (IDS.CONSENT_REQUIRED[/** @type {'NG'} */ (body.country)] || []).includes(body.id_type);
      const consented = isObj(body.consent_information) && isObj(body.consent_information.consented);
      if (spec.consent && needsConsent && !consented) return reject(400, { code: '2213', error: 'Error - consent_information is required for this ID type' }, 'consent missing');
    }
    const scenario = parseUserId(pp.user_id).scenario;
    const result = early
      ? { SmileJobID: newSmileJobId(ctx), PartnerParams: { ...pp, job_type: 5 }, IsFinalResult: 'true', ResultType: 'ID Verification', Actions: { Verify_ID_Number: 'Not Done' }, ...early }
      : spec.result(ctx, body, pp, scenario, isAsync);
    record.job_id = pp.job_id;
    if (!isAsync) {
      storeJob(ctx, pp, 5, result, true, spec.success(result.ResultCode, false));
      return finish(ctx, fault, res, record, 200, { ...result, ...ctx.signNow() });
    }
    completeLater(ctx, storeJob(ctx, pp, 5, result, false), body.callback_url, result, scenario, spec.success(result.ResultCode, true));
    return finish(ctx, fault, res, record, 200, { success: true });
  };
}

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
async function handleAml(ctx, req, res, raw, record) {
  ctx.counters.amlCalls += 1;
  const body = parseJson(raw);
  record.body = body ?? raw.toString('utf8').slice(0, 2000);
  const reject = (/** @type {number} */ status, /** @type {any} */ err, /** @type {string} */ reason) => {
    record.reason = reason;
    return sendJson(res, record, status, err);
  };
  if (!isObj(body)) return reject(400, ERR.invalidJson, 'request body is not a JSON object');
  const fault = takeFault(ctx, 'aml', { job_id: body.job_id, user_id: body.user_id });
  if (applyImmediateFault(fault, req, res, record, 'json')) return;
  for (const k of ['partner_id', 'signature', 'timestamp', 'job_id', 'user_id']) {
    if (!isNonEmptyString(body[k])) return reject(400, ERR.missing, `${k} is missing`);
  }
  const authErr = ctx.authFailure(body.partner_id, body.timestamp, body.signature);
  if (authErr) return reject(401, ERR.unauthorised, authErr);
  if (!body.search_existing_user) {
    if (!isNonEmptyString(body.full_name)) return reject(400, ERR.missing, 'full_name is missing');
    if (!Array.isArray(body.countries) || body.countries.length === 0) return reject(400, ERR.missing, 'countries is missing');
  }
  if (body.countries !== undefined && (!Array.isArray(body.countries) || body.countries.some((/** @type {any} */ c) => typeof c !== 'string'))) {
    return reject(400, ERR.wrongType, 'countries must be an array of strings');
  }
  if (body.birth_year !== undefined && !/^\d{4}$/.test(String(body.birth_year))) return reject(400, ERR.wrongType, 'birth_year must be yyyy');
  if (ctx.jobs.has(String(body.job_id))) return reject(400, ERR.jobExists, 'job_id was used before');
  const pp = { ...(isObj(body.partner_params) ? body.partner_params : {}), job_id: body.job_id, user_id: body.user_id, job_type: 10 };
  const scenario = parseUserId(body.user_id).scenario;
  const listed = scenario === 'rejected' || scenario === 'attention';
  const people = listed
    ? [{
        name: String(body.full_name || 'Joe Leo Doe'),
        aliases: ['J. L. Doe'],
        addresses: ['Lagos'],
        dates_of_birth: [String(body.birth_year || '1984')],
        nationalities: Array.isArray(body.countries) ? body.countries : [],
        sanctions: scenario === 'rejected' ? [{ source: { name: 'Simulated Sanctions List', url: 'https://example.invalid/list' }, date_of_birth: String(body.birth_year || '') }] : [],
        pep: scenario === 'attention' ? { political_positions: ['Member of Parliament'], pep_level: 2 } : {},
        adverse_media: [],
        id: crypto.createHash('sha256').update(String(body.job_id)).digest('hex').slice(0, 12),
      }]
    : [];
  const result = {
    SmileJobID: newSmileJobId(ctx),
    PartnerParams: pp,
    Actions: { Listed: listed ? 'Listed' : 'Not Listed' },
    no_of_persons_found: people.length,
    people,
  };
  storeJob(ctx, pp, 10, result, true);
  record.job_id = body.job_id;
  return finish(ctx, fault, res, record, 200, { ...result, ...ctx.signNow() });
}

/** @param {'services'|'valid_documents'|'products_config'} list */
function listHandler(list) {
  /** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
  return async function handleList(ctx, req, res, raw, record) {
    ctx.counters.listCalls += 1;
    // Only queued faults (/__sim/fault with endpoint services, products_config or
    // valid_documents): these calls carry no user_id for a prefix.
    const fault = takeFault(ctx, list, {});
    if (applyImmediateFault(fault, req, res, record, 'json')) return;
    if (list === 'services') return finish(ctx, fault, res, record, 200, IDS.services());
    const body = parseJson(raw);
    record.body = body;
    if (!isObj(body)) return sendJson(res, record, 400, ERR.invalidJson);
    const authErr = ctx.authFailure(body.partner_id, body.timestamp, body.signature);
    if (authErr) {
      record.reason = authErr;
      return sendJson(res, record, 401, ERR.unauthorised);
    }
    return finish(ctx, fault, res, record, 200, list === 'valid_documents' ? { valid_documents: IDS.VALID_DOCUMENTS } : IDS.productsConfig());
  };
}

/** path -> { method, handle }: index.js routes these with one lookup. */
const KYC_ROUTES = {
  '/v1/id_verification': { method: 'POST', handle: idVerificationHandler(false) },
  '/v1/async_id_verification': { method: 'POST', handle: idVerificationHandler(true) },
  '/v2/verify': { method: 'POST', handle: idVerificationHandler(false, 'basic_kyc') },
  '/v2/verify_async': { method: 'POST', handle: idVerificationHandler(true, 'basic_kyc') },
  '/v1/aml': { method: 'POST', handle: handleAml },
  '/v1/services': { method: 'GET', handle: listHandler('services') },
  '/v1/valid_documents': { method: 'POST', handle: listHandler('valid_documents') },
  '/v1/products_config': { method: 'POST', handle: listHandler('products_config') },
};

module.exports = { KYC_ROUTES, storeJob, completeLater, parseJson };
