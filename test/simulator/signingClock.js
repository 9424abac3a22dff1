// @ts-check
'use strict';

/**
 * How the simulator writes the timestamps it signs (callbacks and job status answers). Smile
 * ID's own clients sign several forms (../shared/reference/MORE-PRODUCTS.md, "Timestamps seen
 * in the wild"); a test chooses one, moves the clock, or freezes it so that several messages
 * share one signing moment (one timestamp, hence one signature).
 */

/** @type {Record<string, (ms: number) => string>} */
const TIMESTAMP_FORMS = {
  /** Node's toISOString(): 2024-05-01T10:00:00.123Z */
  iso: (ms) => new Date(ms).toISOString(),
  /** Python's datetime.now().isoformat(), the docs' example: 2021-08-12T17:57:00.614879 (UTC) */
  zoneless: (ms) => `${new Date(ms).toISOString().slice(0, 23)}000`,
  /** Ruby's Time#to_s: 2024-05-01 10:00:00 +0000 */
  ruby: (ms) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000`,
};

/** @returns {{form: string, offsetMs: number, frozen: string | null}} */
function defaultSigningClock() {
  return { form: 'iso', offsetMs: 0, frozen: null };
}

/**
 * @param {{signingClock: ReturnType<typeof defaultSigningClock>}} ctx
 * @param {{form?: string, offsetMs?: number, freeze?: boolean}} spec
 */
function setSigningClock(ctx, spec = {}) {
  const form = spec.form ?? 'iso';
  if (!Object.hasOwn(TIMESTAMP_FORMS, form)) {
    throw Object.assign(new Error(`form must be one of ${Object.keys(TIMESTAMP_FORMS).join(', ')}`), { statusCode: 400 });
  }
  const offsetMs = Number(spec.offsetMs ?? 0);
  if (!Number.isFinite(offsetMs)) throw Object.assign(new Error('offsetMs must be a number'), { statusCode: 400 });
  ctx.signingClock = { form, offsetMs, frozen: spec.freeze ? TIMESTAMP_FORMS[form](Date.now() + offsetMs) : null };
  return { ...ctx.signingClock };
}

/** @param {{signingClock: ReturnType<typeof defaultSigningClock>}} ctx */
function signingTimestamp(ctx) {
  const clock = ctx.signingClock;
  return clock.frozen ?? TIMESTAMP_FORMS[clock.form](Date.now() + clock.offsetMs);
}

module.exports = { defaultSigningClock, setSigningClock, signingTimestamp };
