// @ts-check
'use strict';

/**
 * A small, strict multipart/form-data parser (RFC 7578) for the Smile ID simulator.
 * No dependencies. It works on a fully buffered body, which is fine for a simulator.
 *
 * @typedef {{ name: string, filename: string | undefined, contentType: string | undefined,
 *             headers: Record<string, string>, data: Buffer }} MultipartPart
 */

/**
 * Extract the boundary from a Content-Type header value.
 * @param {string | undefined} contentType
 * @returns {string | null}
 */
function getBoundary(contentType) {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'multipart/form-data') return null;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (key !== 'boundary') continue;
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!value || value.length > 200) return null;
    return value;
  }
  return null;
}

/**
 * Parse header parameters such as `form-data; name="a"; filename="b.jpg"`.
 * @param {string} value
 * @returns {{ value: string, params: Record<string, string> }}
 */
function parseHeaderParams(value) {
  const params = /** @type {Record<string, string>} */ ({});
  let i = value.indexOf(';');
  const main = (i === -1 ? value : value.slice(0, i)).trim().toLowerCase();
  if (i === -1) return { value: main, params };
  const rest = value.slice(i + 1);
  const re = /\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*(?:;|$)/g;
  let m;
  while ((m = re.exec(rest)) !== null) {
    if (m[0] === '') break;
    const key = m[1].toLowerCase();
    const v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] || '').trim();
    params[key] = v;
  }
  // RFC 5987 filename*=UTF-8''...
  if (params['filename*'] && !params.filename) {
    const star = params['filename*'];
    const q = star.indexOf("''");
    try {
      params.filename = decodeURIComponent(q === -1 ? star : star.slice(q + 2));
    } catch {
      params.filename = star;
    }
  }
  return { value: main, params };
}

/**
 * Parse a buffered multipart/form-data body.
 * Throws an Error with a human readable message when the body is malformed.
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @returns {MultipartPart[]}
 */
function parseMultipart(body, contentType) {
  const boundary = getBoundary(contentType);
  if (!boundary) throw new Error('Content-Type must be multipart/form-data with a boundary');
  const delimiter = Buffer.from('--' + boundary, 'latin1');
  const crlfDelimiter = Buffer.from('\r\n--' + boundary, 'latin1');
  /** @type {MultipartPart[]} */
  const parts = [];

  let pos = body.indexOf(delimiter);
  if (pos === -1) throw new Error('multipart body has no boundary delimiter');
  pos += delimiter.length;
  for (;;) {
    // After a delimiter: either "--" (close) or CRLF then headers.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    // tolerate transport padding (spaces/tabs) before CRLF
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new Error('malformed multipart delimiter line');
    pos += 2;
    let headerText = '';
    let dataStart = pos + 2;
    if (!(body[pos] === 0x0d && body[pos + 1] === 0x0a)) {
      const headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
      if (headerEnd === -1) throw new Error('multipart part without header terminator');
      headerText = body.slice(pos, headerEnd).toString('utf8');
      dataStart = headerEnd + 4;
    }
    const next = body.indexOf(crlfDelimiter, dataStart);
    if (next === -1) throw new Error('multipart body is not terminated by the closing boundary');
    /** @type {Record<string, string>} */
    const headers = {};
    for (const line of headerText.split('\r\n')) {
      if (!line) continue;
      const c = line.indexOf(':');
      if (c === -1) throw new Error('malformed part header: ' + line.slice(0, 80));
      headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
    }
    const disp = headers['content-disposition'];
    if (!disp) throw new Error('multipart part without Content-Disposition');
    const parsed = parseHeaderParams(disp);
    if (parsed.value !== 'form-data' || parsed.params.name === undefined) {
      throw new Error('multipart part without form-data name');
    }
    parts.push({
      name: parsed.params.name,
      filename: parsed.params.filename,
      contentType: headers['content-type'],
      headers,
      data: body.slice(dataStart, next),
    });
    pos = next + crlfDelimiter.length;
  }
}

module.exports = { parseMultipart, getBoundary };
