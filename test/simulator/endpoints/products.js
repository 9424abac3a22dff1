// @ts-check
'use strict';

/**
 * Business Verification (KYB: POST /v1/business_verification, /v1/async_business_verification;
 * signed in the body, job type 7), Phone Number Verification (/v2/verify-phone,
 * /v2/async-verify-phone) and Digital Address Verification (/v2/async-verify-address), both
 * signed in SmileID-* headers. The docs' sandbox test numbers (zeros, then a final digit)
 * answer as the docs' test-data tables say; any other number follows the user_id prefixes.
 */

const { ERR, isObj, isNonEmptyString, isHttpUrl } = require('../util');
const { parseUserId } = require('../scenarios');
const { takeFault } = require('../faults');
const { sendJson, applyImmediateFault, finish } = require('../responses');
const { newSmileJobId } = require('../jobs');
const { storeJob, completeLater, parseJson } = require('./kyc');
const P = require('./productResults');

/**
 * @typedef {{ counter: 'businessVerificationCalls'|'phoneVerificationCalls'|'addressVerificationCalls',
 *   fault: 'business_verification'|'phone_verification'|'address_verification', signedIn: 'body'|'headers', jobType?: number,
 *   check: (body: any) => ({ status: number, err: any, reason: string } | { result: Record<string, any> } | undefined),
 *   result: (body: any, scenario: string, digit: string | undefined, isAsync: boolean) => Record<string, any>,
 *   success: (code: string) => boolean }} ProductSpec
 */

/** @param {ProductSpec} spec @param {boolean} isAsync */
function productHandler(spec, isAsync) {
  /** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
  return async function handleProduct(ctx, req, res, raw, record) {
    ctx.counters[spec.counter] += 1;
    const body = parseJson(raw);
    record.body = body ?? raw.toString('utf8').slice(0, 2000);
    const reject = (/** @type {number} */ status, /** @type {any} */ err, /** @type {string} */ reason) => {
      record.reason = reason;
      return sendJson(res, record, status, isAsync || spec.signedIn === 'headers' ? { ...err, success: false } : err);
    };
    if (!isObj(body)) return reject(400, ERR.invalidJson, 'request body is not a JSON object');
    const pp = isObj(body.partner_params) ? body.partner_params : {};
    const fault = takeFault(ctx, spec.fault, { job_id: pp.job_id, user_id: pp.user_id });
    if (applyImmediateFault(fault, req, res, record, isAsync ? 'json-success' : 'json')) return;
    const h = req.headers;
    const auth = spec.signedIn === 'headers'
      ? { partnerId: h['smileid-partner-id'], timestamp: h['smileid-timestamp'], signature: h['smileid-request-signature'] }
      : { partnerId: body.partner_id, timestamp: body.timestamp, signature: body.signature };
    if (!isNonEmptyString(auth.partnerId) || !isNonEmptyString(auth.timestamp) || !isNonEmptyString(auth.signature)) {
      return reject(spec.signedIn === 'headers' ? 401 : 400, spec.signedIn === 'headers' ? ERR.unauthorised : ERR.missing,
        spec.signedIn === 'headers' ? 'missing SmileID-* auth headers (this endpoint is signed in headers)' : 'partner_id, signature or timestamp is missing from the body');
    }
    const authErr = ctx.authFailure(auth.partnerId, auth.timestamp, auth.signature);
    if (authErr) return reject(401, ERR.unauthorised, authErr);
    for (const k of ['job_id', 'user_id']) {
      if (!isNonEmptyString(pp[k])) return reject(400, ERR.missing, `partner_params.${k} is missing`);
    }
    if (spec.jobType !== undefined && pp.job_type !== undefined && String(pp.job_type) !== String(spec.jobType)) {
      return reject(400, ERR.invalidJobType, `partner_params.job_type ${pp.job_type} is not ${spec.jobType}`);
    }
    if (isAsync && !isHttpUrl(body.callback_url)) return reject(400, ERR.missing, 'callback_url is missing (async)');
    const checked = spec.check(body);
    if (checked && 'status' in checked) return reject(checked.status, checked.err, checked.reason);
    if (ctx.jobs.has(String(pp.job_id))) return reject(400, ERR.jobExists, 'job_id was used before');
    const scenario = parseUserId(pp.user_id).scenario;
    const fullPp = spec.jobType === undefined ? pp : { ...pp, job_type: spec.jobType };
    const answer = checked && 'result' in checked ? checked.result : spec.result(body, scenario, P.testDigitOf(P.testNumber(body)), isAsync);
    const result = { SmileJobID: newSmileJobId(ctx), PartnerParams: fullPp, IsFinalResult: 'true', ...answer };
    record.job_id = pp.job_id;
    if (!isAsync) {
      storeJob(ctx, fullPp, spec.jobType, result, true, spec.success(result.ResultCode));
      return finish(ctx, fault, res, record, 200, { ...result, ...ctx.signNow() });
    }
    completeLater(ctx, storeJob(ctx, fullPp, spec.jobType, result, false), body.callback_url, result, scenario, spec.success(result.ResultCode));
    return finish(ctx, fault, res, record, 200, { success: true });
  };
}

/** @type {ProductSpec} */
const BUSINESS = {
  counter: 'businessVerificationCalls', fault: 'business_verification', signedIn: 'body', jobType: 7,
  check: P.checkBusiness, result: P.businessResult, success: (code) => code === '1012',
};

/** The docs give phone and address verification no job type: their results carry none. */
/** @type {ProductSpec} */
const PHONE = {
  counter: 'phoneVerificationCalls', fault: 'phone_verification', signedIn: 'headers',
  check: P.checkPhone, result: P.phoneResult, success: (code) => code === '1020' || code === '1021',
};

/** @type {ProductSpec} */
const ADDRESS = {
  counter: 'addressVerificationCalls', fault: 'address_verification', signedIn: 'headers',
  check: P.checkAddress, result: P.addressResult, success: (code) => code === '1020' || code === '1021',
};

/** path -> { method, handle }: index.js routes these with one lookup. */
const PRODUCT_ROUTES = {
  '/v1/business_verification': { method: 'POST', handle: productHandler(BUSINESS, false) },
  '/v1/async_business_verification': { method: 'POST', handle: productHandler(BUSINESS, true) },
  '/v2/verify-phone': { method: 'POST', handle: productHandler(PHONE, false) },
  // Smile ID's Go SDK posts the synchronous phone check here; the docs page names /v2/verify-phone.
  '/v2/verify-phone-number': { method: 'POST', handle: productHandler(PHONE, false) },
  '/v2/async-verify-phone': { method: 'POST', handle: productHandler(PHONE, true) },
  '/v2/async-verify-address': { method: 'POST', handle: productHandler(ADDRESS, true) },
};

module.exports = { PRODUCT_ROUTES };
