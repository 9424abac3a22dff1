// @ts-check
'use strict';
const crypto = require('crypto');
const { verifyCallback } = require('../../../dist/nodes/SmileId/core/callback');
const { mulberry32 } = require('../../fixtures/random');
const { sign, NOW, WINDOW, MESSAGES, referenceDigest } = require('../../fixtures/callback');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const UNICODE_KEYS = ['ключ-api', '🔑secret🔑', '鍵キー', 'clé', 'ÄÖÜß', 'k e y', '\t'];

function pick(rng, list) {
	return list[Math.floor(rng() * list.length)];
}

function randInt(rng, lo, hi) {
	return lo + Math.floor(rng() * (hi - lo + 1));
}

function randomKey(rng) {
	const r = rng();
	if (r < 0.15) return pick(rng, UNICODE_KEYS) + randInt(rng, 0, 999);
	const bytes = Buffer.alloc(randInt(rng, 8, 48));
	for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rng() * 256);
	return r < 0.6 ? bytes.toString('hex') : bytes.toString('base64');
}

function randomPartner(rng) {
	const r = rng();
	if (r < 0.3) return String(randInt(rng, 0, 999)).padStart(3, '0'); // "085", "007"...
	if (r < 0.8) return String(randInt(rng, 1, 99999));
	return pick(rng, ['085', '0', '00', 'partner', 'pärtner', '085-sandbox']);
}

/**
 * Text for an instant in the forms Smile ID's clients sign: ISO with "Z" or a numeric offset,
 * zone-less with microseconds (Python), Ruby's Time#to_s; `ms` is what the text says.
 */
function signedText(rng, ms) {
	const r = rng();
	if (r < 0.1)
		return {
			text: `${new Date(ms).toISOString().slice(0, 23)}${String(randInt(rng, 0, 999)).padStart(3, '0')}`,
			ms,
		};
	if (r < 0.2) {
		const whole = Math.floor(ms / 1000) * 1000;
		return {
			text: `${new Date(whole).toISOString().slice(0, 19).replace('T', ' ')} +0000`,
			ms: whole,
		};
	}
	return { text: isoText(rng, ms), ms };
}

/** ISO text for an instant, in UTC ("Z") or with a random numeric offset. */
function isoText(rng, ms) {
	if (rng() < 0.75) return new Date(ms).toISOString();
	const offsetMin = randInt(rng, -12, 14) * 60 + pick(rng, [0, 0, 30, 45]);
	const local = new Date(ms + offsetMin * 60000).toISOString().slice(0, 23);
	const sign = offsetMin < 0 ? '-' : '+';
	const abs = Math.abs(offsetMin);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${local}${sign}${hh}${rng() < 0.5 ? ':' : ''}${mm}`;
}

function makeValid(rng) {
	const apiKey = randomKey(rng);
	const partnerId = randomPartner(rng);
	const { text: timestamp, ms: timestampMs } = signedText(rng, NOW + randInt(rng, -WINDOW, WINDOW));
	const jobId = `job-${randInt(rng, 1, 1e9)}`;
	const body = {
		ResultCode: '0810',
		ResultText: 'Document Verified',
		IsFinalResult: 'true',
		SmileJobID: String(randInt(rng, 1e9, 9e9)).padStart(10, '0'),
		PartnerParams: { job_id: jobId, user_id: `user-${randInt(rng, 1, 1e6)}`, job_type: 6 },
		Actions: { Verify_Document: 'Passed' },
		timestamp,
		signature: sign(apiKey, partnerId, timestamp),
	};
	return { body, secrets: { apiKey, partnerId }, timestampMs };
}

const HOMOGLYPHS = {
	A: 'А', // Cyrillic
	B: 'В',
	C: 'С',
	E: 'Е',
	H: 'Н',
	K: 'К',
	M: 'М',
	O: 'О',
	P: 'Р',
	T: 'Т',
	X: 'Х',
	a: 'а',
	c: 'с',
	e: 'е',
	o: 'о',
	p: 'р',
	x: 'х',
	y: 'у',
	0: '０', // full width
	1: 'ｌ',
	'+': '＋',
	'/': '／',
	l: 'ⅼ',
	I: 'Ι', // Greek
	N: 'Ν',
	Z: 'Ζ',
};

/**
 * Each mutator takes a valid callback and returns a bad one plus the reason it must get.
 * `null` as reason means "any rejection" (only where more than one is right).
 */

/** A valid callback with another timestamp, signed correctly, and the refusal expected. */
const resigned = (v, timestamp, reason) => ({
	body: { ...v.body, timestamp, signature: sign(v.secrets.apiKey, v.secrets.partnerId, timestamp) },
	reason,
});
const MUTATORS = {
	'signature char replaced': (rng, v) => {
		const s = v.body.signature;
		const i = randInt(rng, 0, 42);
		let c;
		do c = pick(rng, [...B64]);
		while (c === s[i]);
		return {
			body: { ...v.body, signature: s.slice(0, i) + c + s.slice(i + 1) },
			reason: 'signature_mismatch',
		};
	},
	'signature last char spare bits': (rng, v) => {
		const s = v.body.signature;
		const twin = B64[B64.indexOf(s[42]) ^ randInt(rng, 1, 3)];
		return {
			body: { ...v.body, signature: `${s.slice(0, 42)}${twin}=` },
			reason: 'signature_mismatch',
		};
	},
	'signature case swapped': (rng, v) => {
		const s = v.body.signature;
		const letters = [...s].map((c, i) => (/[A-Za-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
		const i = pick(rng, letters);
		const c = s[i] === s[i].toUpperCase() ? s[i].toLowerCase() : s[i].toUpperCase();
		const all = rng() < 0.2;
		return {
			body: { ...v.body, signature: all ? swapAllCase(s) : s.slice(0, i) + c + s.slice(i + 1) },
			reason: 'signature_mismatch',
		};
	},
	'signature truncated': (rng, v) => {
		const s = v.body.signature;
		const len = randInt(rng, 1, 43);
		return { body: { ...v.body, signature: s.slice(0, len) }, reason: 'malformed_signature' };
	},
	'signature extended': (rng, v) => {
		const s = v.body.signature;
		const extra = Array.from({ length: randInt(rng, 1, 8) }, () => pick(rng, [...B64, '='])).join(
			'',
		);
		return {
			body: { ...v.body, signature: rng() < 0.5 ? s + extra : extra + s },
			reason: 'malformed_signature',
		};
	},
	'signature padding changed': (rng, v) => {
		const s = v.body.signature.slice(0, 43);
		const variant = pick(rng, [s, `${s}==`, `${s}===`, `${s}%3D`, `${s}.`, `${s}\u003d\u0000`]);
		return { body: { ...v.body, signature: variant }, reason: 'malformed_signature' };
	},
	'signature URL-safe alphabet': (rng, v) => {
		const s = v.body.signature;
		let url = s.replace(/\+/g, '-').replace(/\//g, '_');
		if (url === s) {
			// no + or / in this one: force a URL-safe character in
			const i = randInt(rng, 0, 42);
			url = s.slice(0, i) + pick(rng, ['-', '_']) + s.slice(i + 1);
		}
		if (rng() < 0.5) url = url.replace(/=+$/, '');
		return { body: { ...v.body, signature: url }, reason: 'malformed_signature' };
	},
	'signature with whitespace': (rng, v) => {
		const s = v.body.signature;
		const ws = pick(rng, [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\ufeff', '\u200b']);
		const where = randInt(rng, 0, 2);
		const i = randInt(rng, 1, 43);
		const sig = where === 0 ? ws + s : where === 1 ? s + ws : s.slice(0, i) + ws + s.slice(i);
		return { body: { ...v.body, signature: sig }, reason: 'malformed_signature' };
	},
	'signature unicode look-alike': (rng, v) => {
		const s = v.body.signature;
		const candidates = [...s].map((c, i) => (HOMOGLYPHS[c] ? i : -1)).filter((i) => i >= 0);
		const i = candidates.length > 0 ? pick(rng, candidates) : 0;
		const glyph = HOMOGLYPHS[s[i]] ?? 'А';
		return {
			body: { ...v.body, signature: s.slice(0, i) + glyph + s.slice(i + 1) },
			reason: 'malformed_signature',
		};
	},
	'signature other encodings': (rng, v) => {
		const mac = crypto
			.createHmac('sha256', Buffer.from(v.secrets.apiKey, 'utf8'))
			.update(`${v.body.timestamp}${v.secrets.partnerId}sid_request`, 'utf8')
			.digest();
		const variant = pick(rng, [
			mac.toString('hex'),
			mac.toString('hex').toUpperCase(),
			mac.toString('base64url'),
			mac.toString('latin1'),
			mac.toString('binary'),
			Buffer.from(mac.toString('base64')).toString('base64'),
			Buffer.from(mac.toString('hex')).toString('base64'),
			encodeURIComponent(mac.toString('base64')),
			`sha256=${mac.toString('base64')}`,
			`"${mac.toString('base64')}"`,
		]);
		return { body: { ...v.body, signature: variant }, reason: 'malformed_signature' };
	},
	'signature other algorithm': (rng, v) => {
		const msg = `${v.body.timestamp}${v.secrets.partnerId}sid_request`;
		const algo = pick(rng, ['sha1', 'sha512', 'md5', 'sha384']);
		const sig = crypto.createHmac(algo, v.secrets.apiKey).update(msg).digest('base64');
		return { body: { ...v.body, signature: sig }, reason: 'malformed_signature' };
	},
	'signature over the wrong message': (rng, v) => {
		const { apiKey, partnerId } = v.secrets;
		const ts = v.body.timestamp;
		const message = pick(rng, [
			`${partnerId}${ts}sid_request`,
			`${ts}${partnerId}`,
			`${ts}:${partnerId}:sid_request`,
			`${ts}${partnerId}sid_request\n`,
			`${ts}${partnerId}SID_REQUEST`,
			`${Date.parse(ts)}${partnerId}sid_request`,
		]);
		const sig = crypto
			.createHmac('sha256', Buffer.from(apiKey, 'utf8'))
			.update(message)
			.digest('base64');
		return { body: { ...v.body, signature: sig }, reason: 'signature_mismatch' };
	},
	'plain sha256 instead of HMAC': (rng, v) => {
		const { apiKey, partnerId } = v.secrets;
		const sig = crypto
			.createHash('sha256')
			.update(`${apiKey}${v.body.timestamp}${partnerId}sid_request`)
			.digest('base64');
		return { body: { ...v.body, signature: sig }, reason: 'signature_mismatch' };
	},
	'signature of another callback': (rng, v) => {
		const other = makeValid(rng);
		return { body: { ...v.body, signature: other.body.signature }, reason: 'signature_mismatch' };
	},
	'wrong api key': (rng, v) => {
		const variants = [
			`${v.secrets.apiKey} `,
			v.secrets.apiKey.slice(1),
			randomKey(rng),
			v.secrets.apiKey.toUpperCase() + 'X',
		];
		return {
			body: v.body,
			secrets: { ...v.secrets, apiKey: pick(rng, variants) },
			reason: 'signature_mismatch',
		};
	},
	'wrong partner id': (rng, v) => {
		const p = v.secrets.partnerId;
		const variants = [
			`0${p}`,
			`${p} `,
			` ${p}`,
			`${p}0`,
			p.replace(/^0+/, '') === p ? `${p}1` : p.replace(/^0+/, ''),
		];
		return {
			body: v.body,
			secrets: { ...v.secrets, partnerId: pick(rng, variants) },
			reason: 'signature_mismatch',
		};
	},
	'timestamp changed after signing': (rng, v) => {
		const delta = randInt(rng, 1, 60000) * (rng() < 0.5 ? -1 : 1);
		const ms = Math.min(Math.max(v.timestampMs + delta, NOW - WINDOW), NOW + WINDOW);
		const moved = ms === v.timestampMs ? ms + (ms > NOW ? -1 : 1) : ms;
		return {
			body: { ...v.body, timestamp: new Date(moved).toISOString() },
			reason: 'signature_mismatch',
		};
	},
	'same instant, other text': (rng, v) => {
		const iso = new Date(v.timestampMs).toISOString();
		const variants = [
			iso.replace('Z', '+00:00'),
			iso.replace('Z', '+0000'),
			iso.replace('Z', '-00:00'),
			iso.replace(/\.(\d{3})Z$/, '.$1000Z'),
			iso.replace(/\.(\d{3})Z$/, '.$1000000Z'),
		].filter((t) => t !== v.body.timestamp);
		return { body: { ...v.body, timestamp: pick(rng, variants) }, reason: 'signature_mismatch' };
	},
	'timestamp too old (signed)': (rng, v) => {
		const ms = NOW - WINDOW - randInt(rng, 1, rng() < 0.5 ? 1000 : 400 * 86400000);
		const timestamp = isoText(rng, ms);
		return resigned(v, timestamp, 'timestamp_too_old');
	},
	'timestamp in future (signed)': (rng, v) => {
		const ms = NOW + WINDOW + randInt(rng, 1, rng() < 0.5 ? 1000 : 400 * 86400000);
		const timestamp = isoText(rng, ms);
		return resigned(v, timestamp, 'timestamp_in_future');
	},
	'timestamp unreadable (signed)': (rng, v) => {
		const d = new Date(v.timestampMs);
		const iso = d.toISOString();
		const timestamp = pick(rng, [
			d.toUTCString(),
			d.toString(),
			iso.slice(0, 10),
			`${iso} `,
			` ${iso}`,
			`${iso}\n`,
			iso.replace(/\.\d{3}Z/, '.0123456789Z'),
			iso.replace('Z', ' EST'),
			`+00${iso}`,
			iso.replace(/-/g, '/'),
			iso.replace(/:/g, ''),
			iso.padStart(41, '0'),
			iso.replace(/\d/, '٢'),
			String(Math.floor(v.timestampMs / 100)),
		]);
		return resigned(v, timestamp, 'timestamp_unreadable');
	},
	'timestamp over 100 characters (signed)': (rng, v) => {
		const timestamp = v.body.timestamp.padStart(randInt(rng, 101, 5000), '0');
		return resigned(v, timestamp, 'malformed_timestamp');
	},
	'timestamp impossible date (signed)': (rng, v) => {
		const timestamp = pick(rng, [
			'2025-13-01T00:00:00.000Z',
			'2025-00-10T00:00:00.000Z',
			'2025-05-32T00:00:00.000Z',
			'2025-05-23T25:00:00.000Z',
			'2025-05-23T11:60:00.000Z',
			'2025-05-23T11:40:61.000Z',
			'2025-05-23T11:40:07.809+25:00',
		]);
		return resigned(v, timestamp, 'timestamp_unreadable');
	},
	'timestamp wrong type': (rng, v) => {
		const timestamp = pick(rng, [
			null,
			undefined,
			true,
			[v.body.timestamp],
			{ iso: v.body.timestamp },
			[],
			{},
			Number.NaN,
		]);
		const absent = timestamp === null || timestamp === undefined;
		return {
			body: { ...v.body, timestamp },
			reason: absent ? 'missing_timestamp' : 'malformed_timestamp',
		};
	},
	'timestamp turned into a number (signature over the text)': (rng, v) => {
		const timestamp = pick(rng, [
			v.timestampMs,
			v.timestampMs / 1000,
			Math.floor(v.timestampMs / 1000),
			0,
		]);
		return { body: { ...v.body, timestamp }, reason: 'signature_mismatch' };
	},
	'signature wrong type': (rng, v) => {
		const signature = pick(rng, [
			null,
			undefined,
			42,
			true,
			false,
			[v.body.signature],
			{ signature: v.body.signature },
			[],
			{},
			'',
		]);
		const absent = signature === null || signature === undefined || signature === '';
		return {
			body: { ...v.body, signature },
			reason: absent ? 'missing_signature' : 'malformed_signature',
		};
	},
	'fields missing or renamed': (rng, v) => {
		const { signature, timestamp, ...rest } = v.body;
		const variant = randInt(rng, 0, 5);
		if (variant === 0) return { body: { ...rest, timestamp }, reason: 'missing_signature' };
		if (variant === 1) return { body: { ...rest, signature }, reason: 'missing_timestamp' };
		if (variant === 2) return { body: rest, reason: 'missing_signature' };
		if (variant === 3)
			return {
				body: { ...rest, Signature: signature, Timestamp: timestamp },
				reason: 'missing_signature',
			};
		if (variant === 4)
			return { body: { ...rest, sec_key: signature, timestamp }, reason: 'missing_signature' };
		return { body: { ...rest, signature, TimeStamp: timestamp }, reason: 'missing_timestamp' };
	},
	'fields nested instead of top level': (rng, v) => {
		const { signature, timestamp, ...rest } = v.body;
		const container = pick(rng, ['data', 'result', 'headers', 'PartnerParams']);
		return {
			body: { ...rest, [container]: { signature, timestamp } },
			reason: 'missing_signature',
		};
	},
	'body wrong type': (rng, v) => {
		const body = pick(rng, [
			[v.body],
			[],
			JSON.stringify(v.body),
			'',
			null,
			undefined,
			0,
			42,
			true,
			Symbol('body'),
			BigInt(7),
		]);
		return { body, reason: 'not_an_object' };
	},
};

function swapAllCase(s) {
	return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

function describeBody(body) {
	try {
		return JSON.stringify(body, (_k, x) =>
			typeof x === 'bigint' || typeof x === 'symbol' ? String(x) : x,
		).slice(0, 300);
	} catch {
		return String(body);
	}
}

// ---- generation (at load time so the counts can go into test names) ----
const rng = mulberry32(0xc0ffee);
const names = Object.keys(MUTATORS);
const BAD = [];
// Every character position of the signature replaced once, for 60 different callbacks.
for (let n = 0; n < 60; n++) {
	const v = makeValid(rng);
	for (let i = 0; i < 44; i++) {
		const s = v.body.signature;
		let c;
		do c = pick(rng, [...B64, '=']);
		while (c === s[i]);
		const mutated = s.slice(0, i) + c + s.slice(i + 1);
		// Position 43 is the "=" pad: any base64 char there is malformed. A "=" at 0..42 is malformed too.
		const reason = i === 43 || c === '=' ? 'malformed_signature' : 'signature_mismatch';
		BAD.push({
			group: 'every position flipped',
			body: { ...v.body, signature: mutated },
			secrets: v.secrets,
			reason,
		});
	}
}
// Round robin over the mutators until there are more than 10,000 bad callbacks.
for (let i = 0; BAD.length < 12000; i++) {
	const name = names[i % names.length];
	const v = makeValid(rng);
	const out = MUTATORS[name](rng, v);
	BAD.push({ group: name, body: out.body, secrets: out.secrets ?? v.secrets, reason: out.reason });
}

const GOOD = Array.from({ length: 2000 }, () => makeValid(rng));

const GROUPS = [...new Set(BAD.map((b) => b.group))].map((group) => [
	group,
	BAD.filter((b) => b.group === group),
]);

describe('verifyCallback fuzz', () => {
	test(`generated ${BAD.length} bad callbacks (at least 10,000) in ${GROUPS.length} groups`, () => {
		expect(BAD.length).toBeGreaterThanOrEqual(10000);
		for (const [, cases] of GROUPS) expect(cases.length).toBeGreaterThanOrEqual(60);
	});

	test.each(GROUPS.map(([group, cases]) => [group, cases.length, cases]))(
		'%s: all %i rejected with the expected reason, none throws',
		(_group, _count, cases) => {
			const failures = [];
			for (const c of cases) {
				let verdict;
				try {
					verdict = verifyCallback(c.body, c.secrets, WINDOW, NOW);
				} catch (error) {
					failures.push(`threw ${error} for ${describeBody(c.body)}`);
					continue;
				}
				if (verdict.accepted) {
					failures.push(`accepted ${describeBody(c.body)} with ${JSON.stringify(c.secrets)}`);
				} else if (c.reason !== null && verdict.reason !== c.reason) {
					failures.push(`reason ${verdict.reason}, expected ${c.reason}: ${describeBody(c.body)}`);
				} else if (verdict.message !== MESSAGES[verdict.reason]) {
					failures.push(`message "${verdict.message}" for ${verdict.reason}`);
				}
			}
			expect(failures.slice(0, 10)).toEqual([]);
		},
	);

	test(`all ${BAD.length} bad callbacks rejected in one pass (total count)`, () => {
		let rejected = 0;
		for (const c of BAD) {
			const verdict = verifyCallback(c.body, c.secrets, WINDOW, NOW);
			if (!verdict.accepted) rejected++;
		}
		expect(rejected).toBe(BAD.length);
	});

	test(`all ${GOOD.length} valid generated callbacks (random partners, keys, timestamps in the window) accepted`, () => {
		const failures = [];
		const replayKeys = new Set();
		for (const v of GOOD) {
			const verdict = verifyCallback(v.body, v.secrets, WINDOW, NOW);
			if (!verdict.accepted) {
				failures.push(`${verdict.reason}: ${describeBody(v.body)} ${JSON.stringify(v.secrets)}`);
				continue;
			}
			if (verdict.replayKey !== referenceDigest(v.body))
				failures.push(`replayKey ${verdict.replayKey}`);
			if (
				verdict.result.outcome !== 'approved' ||
				verdict.result.jobId !== v.body.PartnerParams.job_id
			) {
				failures.push(`result ${JSON.stringify(verdict.result)}`);
			}
			replayKeys.add(verdict.replayKey);
		}
		expect(failures.slice(0, 10)).toEqual([]);
		expect(replayKeys.size).toBe(GOOD.length);
	});

	test('valid set covers leading-zero partners, unicode keys, offset, zone-less and Ruby timestamps and both window edges', () => {
		expect(GOOD.some((v) => /^0\d/.test(v.secrets.partnerId))).toBe(true);
		expect(GOOD.some((v) => /[^\x00-\x7f]/.test(v.secrets.apiKey))).toBe(true);
		expect(GOOD.some((v) => /T[\d:.]+[+-]\d{2}:?\d{2}$/.test(v.body.timestamp))).toBe(true);
		expect(GOOD.some((v) => /T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(v.body.timestamp))).toBe(true);
		expect(GOOD.some((v) => / \d{2}:\d{2}:\d{2} \+0000$/.test(v.body.timestamp))).toBe(true);
		expect(GOOD.some((v) => v.timestampMs < NOW - WINDOW * 0.9)).toBe(true);
		expect(GOOD.some((v) => v.timestampMs > NOW + WINDOW * 0.9)).toBe(true);
	});
});
