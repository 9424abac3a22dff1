// @ts-check
'use strict';

/** Faults: the ones posted to /__sim/fault (or sim.addFault) and the ones a user_id prefix asks for. */

const crypto = require('crypto');
const { parseUserId } = require('./scenarios');

/**
 * Normalise a fault spec posted to /__sim/fault or passed to sim.addFault().
 * @param {Record<string, any>} spec
 */
function normaliseFault(spec) {
  const aliases = /** @type {Record<string, Record<string, any>>} */ ({
    '5xx': { type: 'status', status: 500 },
    '500': { type: 'status', status: 500 },
    '503': { type: 'status', status: 503 },
    '429': { type: 'rate_limit' },
    ratelimit: { type: 'rate_limit' },
    json: { type: 'invalid_json' },
    invalidjson: { type: 'invalid_json' },
    timeout: { type: 'slow' },
  });
  const rawType = String(spec.type || 'status').toLowerCase();
  const base = aliases[rawType] || { type: rawType };
  const type = base.type;
  if (!['status', 'drop', 'slow', 'rate_limit', 'invalid_json', 'lost'].includes(type)) {
    throw new Error('unknown fault type: ' + spec.type);
  }
  const endpointAliases = /** @type {Record<string, string>} */ ({
    prep: 'upload', prep_upload: 'upload', '/v1/upload': 'upload', upload: 'upload',
    put: 'put', zip: 'put', '/v1/job_status': 'job_status', job_status: 'job_status', status: 'job_status',
    compare: 'compare', '/v2/smart-selfie-compare': 'compare', smart_selfie_compare: 'compare',
    rate_limit_reset: 'rate_limit_reset', '/v1/id_number_rate_limit_reset': 'rate_limit_reset', any: 'any',
    id_verification: 'id_verification', '/v1/id_verification': 'id_verification', '/v1/async_id_verification': 'id_verification',
    aml: 'aml', '/v1/aml': 'aml',
    services: 'services', '/v1/services': 'services',
    products_config: 'products_config', '/v1/products_config': 'products_config',
    valid_documents: 'valid_documents', '/v1/valid_documents': 'valid_documents',
    basic_kyc: 'basic_kyc', '/v2/verify': 'basic_kyc', '/v2/verify_async': 'basic_kyc',
    smile_links: 'smile_links', '/v1/smile_links': 'smile_links', link_create: 'smile_links',
    smile_links_list: 'smile_links_list', link_list: 'smile_links_list',
    business_verification: 'business_verification', '/v1/business_verification': 'business_verification', '/v1/async_business_verification': 'business_verification',
    phone_verification: 'phone_verification', '/v2/verify-phone': 'phone_verification', '/v2/async-verify-phone': 'phone_verification',
    address_verification: 'address_verification', '/v2/verify-address': 'address_verification', '/v2/async-verify-address': 'address_verification',
  });
  const endpoint = endpointAliases[String(spec.endpoint || 'upload').toLowerCase()];
  if (!endpoint) throw new Error('unknown fault endpoint: ' + spec.endpoint);
  let count = spec.count === undefined ? 1 : spec.count;
  if (count === 'always' || count === -1 || count === Infinity) count = Infinity;
  count = Number(count);
  if (!(count > 0)) throw new Error('fault count must be a positive number, -1 or "always"');
  return {
    type,
    endpoint,
    count,
    status: Number(spec.status || base.status || 500),
    body: spec.body,
    ms: spec.ms !== undefined ? Number(spec.ms) : spec.slowMs !== undefined ? Number(spec.slowMs) : undefined,
    job_id: spec.job_id !== undefined ? String(spec.job_id) : undefined,
    user_id: spec.user_id !== undefined ? String(spec.user_id) : undefined,
    createJob: spec.createJob === undefined ? true : !!spec.createJob,
  };
}


/**
 * Take (consume) a fault matching this request, from /__sim/fault or from a user_id prefix.
 * @param {'upload'|'put'|'job_status'|'compare'|'rate_limit_reset'|'id_verification'|'aml'|'services'|'products_config'|'valid_documents'|'basic_kyc'|'smile_links'|'smile_links_list'|'business_verification'|'phone_verification'|'address_verification'} endpoint
 * @param {{ job_id?: string, user_id?: string }} ids
 */
function takeFault(ctx, endpoint, ids) {
  for (const f of ctx.faults) {
    if (f.count <= 0) continue;
    if (f.endpoint !== 'any' && f.endpoint !== endpoint) continue;
    if (f.job_id !== undefined && f.job_id !== ids.job_id) continue;
    if (f.user_id !== undefined && f.user_id !== ids.user_id) continue;
    f.count -= 1;
    f.triggered = (f.triggered || 0) + 1;
    ctx.faults = ctx.faults.filter((x) => x.count > 0);
    countFault(ctx, f.type);
    return f;
  }
  const { faults: prefixes } = parseUserId(ids.user_id);
  if (!prefixes.length) return null;
  /** @param {string} kind */
  const once = (kind) => {
    const key = `${kind}:${endpoint}:${ids.job_id}`;
    if (ctx.prefixFaultsUsed.has(key)) return false;
    ctx.prefixFaultsUsed.add(key);
    return true;
  };
  /** @type {any} */
  let f = null;
  if (['upload', 'compare', 'id_verification', 'aml', 'basic_kyc', 'business_verification', 'phone_verification', 'address_verification'].includes(endpoint)) {
    if (prefixes.includes('fault429')) f = { type: 'rate_limit' };
    else if (prefixes.includes('fault5xx') && once('fault5xx')) f = { type: 'status', status: 500 };
    else if (prefixes.includes('faultdrop') && once('faultdrop')) f = { type: 'drop' };
    else if (prefixes.includes('faultslow') && once('faultslow')) f = { type: 'slow', ms: ctx.opts.slowMs };
    else if (prefixes.includes('faultjson') && once('faultjson')) f = { type: 'invalid_json', createJob: true };
  } else if (endpoint === 'put') {
    if (prefixes.includes('faultput') && once('faultput')) f = { type: 'status', status: 500 };
  } else if (endpoint === 'smile_links') {
    // Create a Smile Link; the key is the single-use link's user_id (ids.job_id = "link:<user_id>").
    if (prefixes.includes('fault5xx') && once('fault5xx')) f = { type: 'status', status: 500 };
    else if (prefixes.includes('faultdrop') && once('faultdrop')) f = { type: 'drop' };
    else if (prefixes.includes('faultlost') && once('faultlost')) f = { type: 'lost' };
  } else if (endpoint === 'job_status') {
    if (prefixes.includes('faultstatus5xx')) f = { type: 'status', status: 500 };
  }
  if (f) countFault(ctx, f.type);
  return f;
}
/** @param {string} type */
function countFault(ctx, type) {
  ctx.counters.faultsTriggered[type] = (ctx.counters.faultsTriggered[type] || 0) + 1;
}


/** @param {Record<string, any>} spec */
function addFault(ctx, spec) {
  const f = { id: crypto.randomBytes(4).toString('hex'), ...normaliseFault(spec || {}), triggered: 0 };
  ctx.faults.push(f);
  return { ...f, count: f.count === Infinity ? 'always' : f.count };
}

module.exports = { normaliseFault, takeFault, addFault };
