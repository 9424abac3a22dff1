// @ts-check
'use strict';

/**
 * The state every part of the simulator shares (jobs, users, faults, counters, timers) and the
 * clock and signing helpers that read it. Modules take this context as their first argument.
 */

const crypto = require('crypto');
const { referenceSignature } = require('../fixtures/signing');
const { defaultSigningClock, signingTimestamp } = require('./signingClock');

function freshCounters() {
  return {
    requests: 0,
    prepUploads: /** @type {Record<string, number>} */ ({}),
    prepUploadCalls: 0,
    putAttempts: /** @type {Record<string, number>} */ ({}),
    uploads: /** @type {Record<string, number>} */ ({}),
    compareCalls: /** @type {Record<string, number>} */ ({}),
    jobsCreated: 0,
    jobsCreatedByJobId: /** @type {Record<string, number>} */ ({}),
    retriesReused: 0,
    rejectedBeforeJob: 0,
    jobStatusCalls: 0,
    /** most Job Status requests being answered at the same moment (see resetJobStatusPeak) */
    jobStatusMaxInFlight: 0,
    rateLimitResets: 0,
    smileLinkRequests: 0, smileLinksCreated: 0, smileLinksRejected: 0, smileLinksUpdated: 0, smileLinkCompletions: 0, smileLinkRefusals: 0,
    /** POST /v1/id_verification and /v1/async_id_verification calls (every one, rejected included) */
    idVerificationCalls: 0,
    /** POST /v2/verify and /v2/verify_async calls, Basic KYC (every one, rejected included) */
    basicKycCalls: 0,
    /** POST /v1/aml calls (every one, rejected included) */
    amlCalls: 0,
    /** Business, phone and address verification calls, sync and async (every one, rejected included) */
    businessVerificationCalls: 0,
    phoneVerificationCalls: 0,
    addressVerificationCalls: 0,
    /** GET /v1/services, POST /v1/valid_documents and /v1/products_config calls */
    listCalls: 0,
    callbacksScheduled: 0,
    callbackAttempts: 0,
    callbacksDelivered: 0,
    callbacksFailed: 0,
    faultsTriggered: /** @type {Record<string, number>} */ ({}),
  };
}

/**
 * @param {import('./index').SimOptions} opts
 * @param {(...a: any[]) => void} log
 */
function createContext(opts, log) {
  const ctx = {
    opts,
    log,
    /** signs the presigned upload URLs */
    urlSecret: crypto.randomBytes(16),
    /** @type {Map<string, any>} */
    jobs: new Map(),
    /** @type {Map<string, any>} */
    users: new Map(),
    /** @type {Map<string, any>} Smile Links by ref_id (endpoints/smileLinks.js) */
    links: new Map(),
    /** @type {Map<string, string>} ref_id -> job_id */
    refs: new Map(),
    /** @type {Map<string, Record<string, any>>} job_id -> { selfie_image, id_card_image, id_card_back, liveness: [] } */
    imageStore: new Map(),
    /** @type {any[]} */
    requests: [],
    /** @type {any[]} */
    faults: [],
    /** @type {Set<string>} */
    prefixFaultsUsed: new Set(),
    /** @type {Set<NodeJS.Timeout>} */
    timers: new Set(),
    /** @type {Set<AbortController>} */
    aborters: new Set(),
    /** @type {any[]} */
    rateLimitResets: [],
    /** MD5 of each PUT body, taken while it arrives, as S3 does for the ETag. */
    bodyMd5: new WeakMap(),
    smileJobSeq: 0,
    requestSeq: 0,
    stopped: false,
    counters: freshCounters(),
    jobStatusInFlight: 0,
    baseUrl: '',
    /** the form, offset or frozen moment of the timestamps the simulator signs (signingClock.js) */
    signingClock: defaultSigningClock(),

    /** @param {number} ms @param {() => void} fn */
    later(ms, fn) {
      const t = setTimeout(() => {
        ctx.timers.delete(t);
        if (!ctx.stopped) fn();
      }, Math.max(0, ms));
      ctx.timers.add(t);
      return t;
    },
    /** @param {number} ms */
    delay(ms) {
      return new Promise((resolve) => ctx.later(ms, () => resolve(undefined)));
    },
    signNow() {
      const timestamp = signingTimestamp(ctx);
      return { timestamp, signature: referenceSignature({ apiKey: ctx.opts.apiKey, partnerId: ctx.opts.partnerId, timestamp }) };
    },
    /**
     * Check partner id, signature and timestamp freshness.
     * @param {unknown} partnerId @param {unknown} timestamp @param {unknown} signature
     * @returns {string | null} reason when rejected
     */
    authFailure(partnerId, timestamp, signature) {
      if (String(partnerId) !== ctx.opts.partnerId) return 'unknown partner id';
      if (typeof signature !== 'string') return 'signature is not a string';
      if (typeof timestamp !== 'string' && typeof timestamp !== 'number') return 'timestamp is not a string';
      const expected = Buffer.from(referenceSignature({ apiKey: ctx.opts.apiKey, partnerId: ctx.opts.partnerId, timestamp: String(timestamp) }));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'signature mismatch';
      const ms = typeof timestamp === 'number' ? (timestamp < 1e12 ? timestamp * 1000 : timestamp) : Date.parse(timestamp);
      if (Number.isNaN(ms)) return 'timestamp is not a parseable date';
      const window = Number(ctx.opts.timestampWindowMs);
      if (Number.isFinite(window) && Math.abs(Date.now() - ms) > window) return 'timestamp outside the accepted window';
      return null;
    },
  };
  return ctx;
}

/** @typedef {ReturnType<typeof createContext>} SimContext */

module.exports = { createContext, freshCounters };
