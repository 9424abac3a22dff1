// @ts-check
'use strict';

/** Writing answers: JSON, S3-style XML errors, dropped connections and the faults that shape an answer. */

const crypto = require('crypto');
const { ERR, xmlEscape } = require('./util');

/**
 * @param {import('http').ServerResponse} res @param {any} record @param {number} status @param {any} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, record, status, body, headers = {}) {
  const text = JSON.stringify(body);
  if (record) {
    record.status = status;
    record.response = body;
  }
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
/** @param {import('http').ServerResponse} res @param {any} record @param {number} status @param {string} code @param {string} message */
function sendS3Error(res, record, status, code, message) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>` +
    `<RequestId>${crypto.randomBytes(8).toString('hex').toUpperCase()}</RequestId><HostId>smile-id-simulator</HostId></Error>`;
  if (record) {
    record.status = status;
    record.response = { s3_error: code, message };
  }
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}
/** @param {import('http').IncomingMessage} req @param {any} record */
function dropConnection(req, record) {
  record.status = 'dropped';
  req.socket.destroy();
}
/**
 * Apply an immediate fault (status / drop / rate_limit).
 * @returns {boolean} true when the request has been answered by the fault
 */
function applyImmediateFault(/** @type {any} */ f, /** @type {import('http').IncomingMessage} */ req, /** @type {import('http').ServerResponse} */ res,
  /** @type {any} */ record, /** @type {'json'|'json-success'|'xml'} */ style) {
  if (!f) return false;
  record.fault = { type: f.type, status: f.status };
  if (f.type === 'drop') {
    dropConnection(req, record);
    return true;
  }
  if (f.type === 'rate_limit') {
    sendJson(res, record, 429, style === 'json-success' ? { ...ERR.rateLimited, success: false } : ERR.rateLimited);
    return true;
  }
  if (f.type === 'status') {
    if (style === 'xml') sendS3Error(res, record, f.status, f.status === 503 ? 'SlowDown' : 'InternalError', 'We encountered an internal error. Please try again.');
    else sendJson(res, record, f.status, f.body !== undefined ? f.body : style === 'json-success' ? { ...ERR.system, success: false } : ERR.system);
    return true;
  }
  return false;
}
/** Send a response, honouring deferred faults (slow / invalid_json). */
async function finish(ctx, /** @type {any} */ f, /** @type {import('http').ServerResponse} */ res, /** @type {any} */ record, /** @type {number} */ status, /** @type {any} */ body) {
  if (f && f.type === 'slow') {
    record.fault = { type: 'slow', ms: f.ms ?? ctx.opts.slowMs };
    await ctx.delay(f.ms ?? ctx.opts.slowMs);
  }
  if (f && f.type === 'invalid_json') {
    record.fault = { type: 'invalid_json' };
    record.status = status;
    record.response = '<invalid json>';
    const text = JSON.stringify(body).slice(0, 40) + '<html>502 Bad Gateway';
    if (!res.writableEnded && !res.destroyed) {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    }
    return;
  }
  sendJson(res, record, status, body);
}

module.exports = { sendJson, sendS3Error, applyImmediateFault, finish };
