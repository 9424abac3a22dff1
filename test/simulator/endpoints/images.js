// @ts-check
'use strict';

/** GET /__images/… (a job's stored images, for image links) and GET /__samples/… (sample JPEGs). */

const { makeJpeg } = require('../../fixtures/jpeg');
const { sendS3Error } = require('../responses');


/**
 * Sample JPEGs for example workflows and manual tries (`GET /__samples/<name>.jpg`): the ID
 * images meet the documented minimums, passports included (2400 px, over 600 KB), so they
 * raise no warnings.
 */
const SAMPLE_IMAGES = {
  selfie: { width: 720, height: 960, bytes: 120 * 1024 },
  id_card_front: { width: 2400, height: 1500, bytes: 700 * 1024 },
  id_card_back: { width: 2400, height: 1500, bytes: 650 * 1024 },
  portrait: { width: 600, height: 800, bytes: 90 * 1024 },
  ...Object.fromEntries(
    Array.from({ length: 8 }, (_, i) => [`liveness_${i + 1}`, { width: 320, height: 480, bytes: 20 * 1024 }]),
  ),
};
const sampleCache = new Map();
function sampleImage(name) {
  const spec = SAMPLE_IMAGES[name];
  if (!spec) return undefined;
  if (!sampleCache.has(name)) sampleCache.set(name, makeJpeg({ ...spec, seed: `sample-${name}` }));
  return sampleCache.get(name);
}

/** @param {import('http').ServerResponse} res @param {any} record @param {URL} url */
function handleImage(ctx, res, record, url) {
  const m = /^\/__images\/([^/]+)\/([a-z_]+?)(?:_(\d+))?\.jpg$/.exec(url.pathname);
  const store = m ? ctx.imageStore.get(decodeURIComponent(m[1])) : undefined;
  /** @type {Buffer | undefined} */
  let bytes;
  if (m && store) {
    if (m[2] === 'liveness' && m[3] !== undefined) bytes = store.liveness[Number(m[3])];
    else if (m[3] === undefined) bytes = store[m[2]];
  }
  if (!bytes) return sendS3Error(res, record, 404, 'NoSuchKey', 'The specified key does not exist.');
  record.status = 200;
  res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': bytes.length });
  res.end(bytes);
}

module.exports = { SAMPLE_IMAGES, sampleImage, handleImage };
