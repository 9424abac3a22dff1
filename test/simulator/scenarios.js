// @ts-check
'use strict';

/** The user_id prefixes that choose a job's scenario and its faults (see README.md). */

const SCENARIOS = ['approved', 'rejected', 'provisional', 'attention', 'never', 'notfound'];
const PREFIX_FAULTS = ['fault5xx', 'faultdrop', 'faultslow', 'fault429', 'faultput', 'faultputtls', 'faultjson', 'faultstatus5xx', 'faultlost'];


/**
 * Parse the user_id prefixes: leading dash-separated tokens that are known scenario or
 * fault names, e.g. "fault5xx-provisional-abc" → faults [fault5xx], scenario provisional.
 * @param {unknown} userId
 */
function parseUserId(userId) {
  const tokens = typeof userId === 'string' ? userId.split('-') : [];
  let scenario = 'approved';
  let scenarioSet = false;
  /** @type {string[]} */
  const faults = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i].toLowerCase();
    if (SCENARIOS.includes(t)) {
      if (!scenarioSet) {
        scenario = t;
        scenarioSet = true;
      }
    } else if (PREFIX_FAULTS.includes(t)) {
      if (!faults.includes(t)) faults.push(t);
    } else break;
  }
  return { scenario, faults };
}

module.exports = { SCENARIOS, PREFIX_FAULTS, parseUserId };
