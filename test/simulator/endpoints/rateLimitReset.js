// @ts-check
'use strict';

/** POST /v1/id_number_rate_limit_reset. */

const { ERR, isObj, nowIso } = require('../util');
const { takeFault } = require('../faults');
const { sendJson, applyImmediateFault, finish } = require('../responses');

/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {Buffer} raw @param {any} record */
async function handleRateLimitReset(ctx, req, res, raw, record) {
  let body;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    record.body = raw.toString('utf8').slice(0, 2000);
    return sendJson(res, record, 400, ERR.invalidJson);
  }
  record.body = body;
  if (!isObj(body)) return sendJson(res, record, 400, ERR.invalidJson);
  const fault = takeFault(ctx, 'rate_limit_reset', {});
  if (applyImmediateFault(fault, req, res, record, 'json')) return;
  for (const k of ['partner_id', 'signature', 'timestamp']) {
    if (body[k] === undefined || body[k] === null || body[k] === '') {
      record.reason = `${k} is missing`;
      return sendJson(res, record, 400, ERR.missing);
    }
  }
  const authErr = ctx.authFailure(body.partner_id, body.timestamp, body.signature);
  if (authErr) {
    record.reason = authErr;
    return sendJson(res, record, 401, ERR.unauthorised);
  }
  for (const k of ['country', 'id_type', 'id_number']) {
    if (body[k] === undefined || body[k] === null || body[k] === '') {
      record.reason = `${k} is missing`;
      return sendJson(res, record, 400, ERR.missing);
    }
    if (typeof body[k] !== 'string') {
      record.reason = `${k} must be a string`;
      return sendJson(res, record, 400, ERR.wrongType);
    }
  }
  ctx.counters.rateLimitResets += 1;
  ctx.rateLimitResets.push({ at: nowIso(), country: body.country, id_type: body.id_type, id_number: body.id_number });
  return finish(ctx, fault, res, record, 200, { message: 'Rate limit reset successful', success: 'true' });
}

module.exports = { handleRateLimitReset };
