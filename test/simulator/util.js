// @ts-check
'use strict';

/** Small pure helpers shared by the simulator's modules: signing, type checks, Smile ID error bodies. */

const crypto = require('crypto');
const { referenceSignature } = require('../fixtures/signing');

const ERR = {
  invalidJson: { code: '2203', error: 'Error - Invalid JSON' },
  wrongType: { code: '2204', error: 'Error - A parameter is of the wrong data type' },
  unauthorised: { code: '2205', error: 'Error - You are not authorised to do that.' },
  alreadyEnrolledReg: { code: '2209', error: 'Error - User is already enrolled' },
  alreadyEnrolledDv: { code: '2209', error: 'Error - Wrong user id. This user is already enrolled with user_id' },
  noEnrolledUser: { code: '2210', error: 'Error - No enrolled user found' },
  invalidJobType: { code: '2212', error: 'Error - Invalid job type' },
  missing: { code: '2213', error: 'Error - A required parameter is missing' },
  jobExists: { code: '2215', error: 'Job already exists. Did you mean to set the retry flag to true?' },
  rateLimited: { code: '2222', error: 'This ID number has been blocked due to multiple submissions. Please use the designated endpoint to reactivate it.' },
  system: { code: '2201', error: 'System Error' },
};

/**
 * Smile ID signature (test/fixtures/signing.js). Kept with this argument order because
 * bench/client.mjs imports it so.
 * @param {string} apiKey
 * @param {string} timestamp
 * @param {string} partnerId
 */
function computeSignature(apiKey, timestamp, partnerId) {
  return referenceSignature({ apiKey, partnerId: String(partnerId), timestamp: String(timestamp) });
}

/** @param {unknown} v @returns {v is Record<string, any>} */
function isObj(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** @param {unknown} v */
function isNonEmptyString(v) {
  return typeof v === 'string' && v.length > 0;
}
/** @param {Buffer} b */
function sha256(b) {
  return crypto.createHash('sha256').update(b).digest('hex');
}
/** @param {Buffer} b */
function isJpeg(b) {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}
/** @param {unknown} v @returns {boolean | null} null = invalid */
function parseBoolFlag(v) {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false' || s === '') return false;
  }
  return null;
}
/** @param {unknown} v */
function isHttpUrl(v) {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}
/** @param {string} s */
function xmlEscape(s) {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] || c);
}
/** Strict base64 (standard alphabet, optional padding, whitespace tolerated). @param {string} s */
function decodeStrictBase64(s) {
  const clean = s.replace(/\s+/g, '');
  if (!clean || clean.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}

const nowIso = () => new Date().toISOString();

module.exports = {
  ERR, computeSignature, isObj, isNonEmptyString, sha256, isJpeg, parseBoolFlag, isHttpUrl, xmlEscape, decodeStrictBase64, nowIso,
};
