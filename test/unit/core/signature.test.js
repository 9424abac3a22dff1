// @ts-check
'use strict';
const crypto = require('crypto');
const {
	computeSignature,
	createTimestamp,
	signRequest,
	verifySignature,
} = require('../../../dist/nodes/SmileId/core/signature');
const { referenceSignature } = require('../../fixtures/signing');
const { mulberry32 } = require('../../fixtures/random');

const MESSAGES = {
	missing_signature: 'The signature is missing',
	missing_timestamp: 'The timestamp is missing',
	malformed_signature: 'The signature is not a base64 HMAC-SHA256 value',
	malformed_timestamp: 'The timestamp is not a text or number of at most 100 characters',
	signature_mismatch: 'The signature does not match this partner ID and API key',
	timestamp_unreadable:
		'The signature holds, but the time in the timestamp cannot be read, so its freshness cannot be checked (a freshness window of 0 accepts it)',
	timestamp_too_old:
		"The signature holds, but the timestamp is older than the allowed window: check this machine's clock, or whether the message was held up or replayed",
	timestamp_in_future:
		"The signature holds, but the timestamp is further in the future than the allowed window: check this machine's clock",
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const KEY = 'sk_test_0123456789abcdef';
const PARTNER = '085';
const NOW = Date.parse('2025-05-23T11:40:07.809Z');
const WINDOW = 5 * 60 * 1000;
const TS = new Date(NOW).toISOString();
const SIG = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: TS });

function verify(overrides = {}) {
	return verifySignature({
		apiKey: KEY,
		partnerId: PARTNER,
		signature: SIG,
		timestamp: TS,
		windowMs: WINDOW,
		nowMs: NOW,
		...overrides,
	});
}

function expectRejected(verdict, reason) {
	expect(verdict).toEqual({ valid: false, reason, message: MESSAGES[reason] });
}

describe('computeSignature', () => {
	test('matches the known vector from the reference notes', () => {
		expect(computeSignature('apikey', 'partner', '2023-03-09T21:35:00.279Z')).toBe(
			'+S/hVtmFwynoroXQQbjOQ3/l+a5zshNldrQh/iBdxRQ=',
		);
	});

	test('argument order is (apiKey, partnerId, timestamp)', () => {
		const sig = computeSignature('apikey', 'partner', '2023-03-09T21:35:00.279Z');
		expect(computeSignature('apikey', '2023-03-09T21:35:00.279Z', 'partner')).not.toBe(sig);
		expect(computeSignature('partner', 'apikey', '2023-03-09T21:35:00.279Z')).not.toBe(sig);
	});

	test('signs exactly timestamp + partnerId + "sid_request" (no separators, no other order)', () => {
		const ts = '2023-03-09T21:35:00.279Z';
		const sig = computeSignature('apikey', 'partner', ts);
		const hmac = (msg) => crypto.createHmac('sha256', 'apikey').update(msg).digest('base64');
		expect(sig).toBe(hmac(`${ts}partnersid_request`));
		expect(sig).not.toBe(hmac(`partner${ts}sid_request`));
		expect(sig).not.toBe(hmac(`${ts}partner`));
		expect(sig).not.toBe(hmac(`${ts}:partner:sid_request`));
	});

	test('keeps the partner ID as text: "085" and "85" sign differently', () => {
		expect(computeSignature(KEY, '085', TS)).not.toBe(computeSignature(KEY, '85', TS));
	});

	test('uses the API key as UTF-8 bytes (unicode key)', () => {
		const key = 'ключ-🔑-鍵';
		const expected = crypto
			.createHmac('sha256', Buffer.from(key, 'utf8'))
			.update(`${TS}${PARTNER}sid_request`)
			.digest('base64');
		expect(computeSignature(key, PARTNER, TS)).toBe(expected);
		// latin1 interpretation of the same key would give a different HMAC
		const latin1 = crypto
			.createHmac('sha256', Buffer.from(key, 'latin1'))
			.update(`${TS}${PARTNER}sid_request`)
			.digest('base64');
		expect(computeSignature(key, PARTNER, TS)).not.toBe(latin1);
	});

	test('output is always 43 base64 characters plus "="', () => {
		const rng = mulberry32(1);
		for (let i = 0; i < 500; i++) {
			const key = crypto.randomBytes(1 + Math.floor(rng() * 64)).toString('hex');
			const sig = computeSignature(key, String(Math.floor(rng() * 1e4)), TS);
			expect(sig).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		}
	});
});

describe('createTimestamp / signRequest', () => {
	test('createTimestamp is ISO 8601 with milliseconds and Z', () => {
		expect(createTimestamp(new Date(Date.UTC(2025, 4, 23, 11, 40, 7, 809)))).toBe(
			'2025-05-23T11:40:07.809Z',
		);
		expect(createTimestamp(new Date(Date.UTC(2025, 0, 1, 0, 0, 0, 0)))).toBe('2025-01-01T00:00:00.000Z');
		expect(createTimestamp()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
	});

	test('createTimestamp without argument is "now"', () => {
		const before = Date.now();
		const ts = Date.parse(createTimestamp());
		const after = Date.now();
		expect(ts).toBeGreaterThanOrEqual(before);
		expect(ts).toBeLessThanOrEqual(after);
	});

	test('signRequest returns the timestamp it signed', () => {
		const now = new Date('2023-03-09T21:35:00.279Z');
		expect(signRequest('apikey', 'partner', now)).toEqual({
			timestamp: '2023-03-09T21:35:00.279Z',
			signature: '+S/hVtmFwynoroXQQbjOQ3/l+a5zshNldrQh/iBdxRQ=',
		});
	});

	test('signRequest without a date signs a fresh timestamp that verifies', () => {
		const { timestamp, signature } = signRequest(KEY, PARTNER);
		expect(verifySignature({ apiKey: KEY, partnerId: PARTNER, signature, timestamp, windowMs: 1000 })).toEqual(
			{ valid: true, timestampMs: Date.parse(timestamp) },
		);
	});
});

describe('sign / verify round trips', () => {
	const rng = mulberry32(0x5eed);
	const unicodeKeys = ['ключ', '🔑🔑🔑', '鍵キー', 'clé-àéîõü', 'key with spaces', '', '\u0000nul', 'a'.repeat(200)];
	const partners = ['085', '0', '007', '1', '2300', '99999999', 'partner', ' 085', 'ünï', '085 '];
	const cases = [];
	for (let i = 0; i < 400; i++) {
		const key =
			i % 3 === 0
				? unicodeKeys[i % unicodeKeys.length]
				: crypto.createHash('sha256').update(`key${i}`).digest(i % 2 ? 'hex' : 'base64');
		const partner =
			i % 2 === 0 ? partners[i % partners.length] : String(Math.floor(rng() * 10000)).padStart(3, '0');
		const ms = NOW + Math.floor((rng() * 2 - 1) * WINDOW);
		cases.push({ key, partner, ms });
	}

	test(`${cases.length} random key/partner/timestamp triples verify`, () => {
		for (const { key, partner, ms } of cases) {
			const { timestamp, signature } = signRequest(key, partner, new Date(ms));
			expect(signature).toBe(referenceSignature({ apiKey: key, partnerId: partner, timestamp: timestamp }));
			const verdict = verifySignature({
				apiKey: key,
				partnerId: partner,
				signature,
				timestamp,
				windowMs: WINDOW,
				nowMs: NOW,
			});
			expect(verdict).toEqual({ valid: true, timestampMs: ms });
		}
	});

	test('partner "085" signature does not verify for partner "85"', () => {
		const { timestamp, signature } = signRequest(KEY, '085', new Date(NOW));
		expectRejected(
			verifySignature({ apiKey: KEY, partnerId: '85', signature, timestamp, windowMs: WINDOW, nowMs: NOW }),
			'signature_mismatch',
		);
	});

	test('a timestamp with an explicit offset verifies (the signature covers the text as sent)', () => {
		const timestamp = '2025-05-23T13:40:07.809+02:00'; // same instant as NOW
		const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
		expect(verify({ signature, timestamp })).toEqual({ valid: true, timestampMs: NOW });
		const noColon = '2025-05-23T06:40:07.809-0500';
		expect(verify({ signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: noColon }), timestamp: noColon })).toEqual({
			valid: true,
			timestampMs: NOW,
		});
	});

	test('the same instant written differently does not verify with the other text\'s signature', () => {
		expectRejected(verify({ timestamp: '2025-05-23T11:40:07.809+00:00' }), 'signature_mismatch');
		expectRejected(verify({ timestamp: '2025-05-23T13:40:07.809+02:00' }), 'signature_mismatch');
		expectRejected(verify({ timestamp: '2025-05-23T11:40:07.8090Z' }), 'signature_mismatch');
	});

	test('valid verdict carries the parsed timestamp', () => {
		expect(verify()).toEqual({ valid: true, timestampMs: NOW });
	});
});

describe('verifySignature rejections (one reason each)', () => {
	test('wrong key', () => {
		expectRejected(verify({ apiKey: `${KEY}x` }), 'signature_mismatch');
	});

	test('wrong key that differs only in case', () => {
		expectRejected(verify({ apiKey: KEY.toUpperCase() }), 'signature_mismatch');
	});

	test('wrong partner', () => {
		expectRejected(verify({ partnerId: '086' }), 'signature_mismatch');
	});

	test('timestamp altered by 1 ms', () => {
		expectRejected(verify({ timestamp: new Date(NOW + 1).toISOString() }), 'signature_mismatch');
		expectRejected(verify({ timestamp: new Date(NOW - 1).toISOString() }), 'signature_mismatch');
	});

	test('expired: 1 ms beyond the window in the past', () => {
		const timestamp = new Date(NOW - WINDOW - 1).toISOString();
		expectRejected(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) }), 'timestamp_too_old');
	});

	test('exactly at the window edge in the past is accepted', () => {
		const timestamp = new Date(NOW - WINDOW).toISOString();
		expect(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) })).toEqual({
			valid: true,
			timestampMs: NOW - WINDOW,
		});
	});

	test('future: 1 ms beyond the window ahead', () => {
		const timestamp = new Date(NOW + WINDOW + 1).toISOString();
		expectRejected(
			verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) }),
			'timestamp_in_future',
		);
	});

	test('exactly at the window edge in the future is accepted', () => {
		const timestamp = new Date(NOW + WINDOW).toISOString();
		expect(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) })).toEqual({
			valid: true,
			timestampMs: NOW + WINDOW,
		});
	});

	test('expired by days', () => {
		const timestamp = '2020-01-01T00:00:00.000Z';
		expectRejected(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) }), 'timestamp_too_old');
	});

	test('without nowMs the current clock is used', () => {
		const timestamp = new Date(Date.now() - 2 * WINDOW).toISOString();
		const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
		expectRejected(
			verifySignature({ apiKey: KEY, partnerId: PARTNER, signature, timestamp, windowMs: WINDOW }),
			'timestamp_too_old',
		);
		const fresh = new Date().toISOString();
		expect(
			verifySignature({
				apiKey: KEY,
				partnerId: PARTNER,
				signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: fresh }),
				timestamp: fresh,
				windowMs: WINDOW,
			}).valid,
		).toBe(true);
	});

	test('empty signature', () => {
		expectRejected(verify({ signature: '' }), 'missing_signature');
	});

	test.each([
		['undefined', undefined],
		['null', null],
	])('missing signature: %s', (_label, signature) => {
		expectRejected(verify({ signature }), 'missing_signature');
	});

	test.each([
		['number', 12345],
		['boolean', true],
		['array', [SIG]],
		['object', { value: SIG }],
		['Buffer', Buffer.from(SIG)],
	])('signature of the wrong type is malformed: %s', (_label, signature) => {
		expectRejected(verify({ signature }), 'malformed_signature');
	});

	test('empty timestamp', () => {
		expectRejected(verify({ timestamp: '' }), 'missing_timestamp');
	});

	test.each([
		['undefined', undefined],
		['null', null],
	])('missing timestamp: %s', (_label, timestamp) => {
		expectRejected(verify({ timestamp }), 'missing_timestamp');
	});

	test.each([
		['array', [TS]],
		['object', { value: TS }],
		['Date object', new Date(NOW)],
	])('timestamp of the wrong type is malformed: %s', (_label, timestamp) => {
		expectRejected(verify({ timestamp }), 'malformed_timestamp');
	});

	test('a JSON number timestamp is signed as its decimal text and read as Unix time', () => {
		expect(verify({ timestamp: NOW, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: String(NOW) }) })).toEqual({
			valid: true,
			timestampMs: NOW,
		});
		const seconds = NOW / 1000; // 1748000407.809
		expect(verify({ timestamp: seconds, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: String(seconds) }) })).toEqual({
			valid: true,
			timestampMs: NOW,
		});
		// the signature over the ISO text does not cover the number
		expectRejected(verify({ timestamp: NOW }), 'signature_mismatch');
	});

	test.each([
		['NaN', Number.NaN],
		['Infinity', Infinity],
		['boolean', true],
	])('a timestamp that is not a text or a finite number is malformed: %s', (_label, timestamp) => {
		expectRejected(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: String(timestamp) }) }), 'malformed_timestamp');
	});

	test('a negative or NaN window fails closed instead of turning the check off', () => {
		const timestamp = new Date(NOW - 1000).toISOString();
		const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
		expectRejected(verify({ timestamp, signature, windowMs: -1 }), 'timestamp_too_old');
		expectRejected(verify({ timestamp, signature, windowMs: Number.NaN }), 'timestamp_too_old');
	});

	test('epoch milliseconds or seconds as a string verify and are read', () => {
		for (const timestamp of [String(NOW), String(NOW / 1000), String(Math.floor(NOW / 1000))]) {
			expect(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) })).toEqual({
				valid: true,
				timestampMs: timestamp.includes('.') || timestamp.length === 13 ? NOW : NOW - 809,
			});
		}
	});

	test('missing signature is reported before missing timestamp', () => {
		expectRejected(verify({ signature: undefined, timestamp: undefined }), 'missing_signature');
	});

	test.each([
		['"!"', '!'],
		['"-" (URL-safe alphabet)', '-'],
		['"_" (URL-safe alphabet)', '_'],
		['space', ' '],
		['"."', '.'],
		['Cyrillic А', 'А'],
	])('non-base64 character %s', (_label, ch) => {
		const signature = `${ch}${SIG.slice(1)}`;
		expectRejected(verify({ signature }), 'malformed_signature');
	});

	test('wrong length: 42 characters + "="', () => {
		expectRejected(verify({ signature: `${SIG.slice(0, 42)}=` }), 'malformed_signature');
	});

	test('wrong length: 43 characters without padding', () => {
		expectRejected(verify({ signature: SIG.slice(0, 43) }), 'malformed_signature');
	});

	test('wrong length: 45 characters', () => {
		expectRejected(verify({ signature: `${SIG}=` }), 'malformed_signature');
		expectRejected(verify({ signature: `A${SIG}` }), 'malformed_signature');
	});

	test('wrong encoding: the 32 raw digest bytes', () => {
		const raw = crypto.createHmac('sha256', KEY).update(`${TS}${PARTNER}sid_request`).digest();
		expectRejected(verify({ signature: raw.toString('latin1') }), 'malformed_signature');
		expectRejected(verify({ signature: raw.toString('utf8') }), 'malformed_signature');
	});

	test('wrong encoding: hex digest', () => {
		const hex = crypto.createHmac('sha256', KEY).update(`${TS}${PARTNER}sid_request`).digest('hex');
		expectRejected(verify({ signature: hex }), 'malformed_signature');
	});

	test('wrong encoding: URL-safe base64 without padding', () => {
		const url = crypto.createHmac('sha256', KEY).update(`${TS}${PARTNER}sid_request`).digest('base64url');
		expectRejected(verify({ signature: url }), 'malformed_signature');
	});

	test('whitespace around a correct signature', () => {
		expectRejected(verify({ signature: ` ${SIG}` }), 'malformed_signature');
		expectRejected(verify({ signature: `${SIG}\n` }), 'malformed_signature');
		expectRejected(verify({ signature: `${SIG}\r\n` }), 'malformed_signature');
	});

	test('base64 text that differs only in the unused low bits of the last character is rejected', () => {
		const last = SIG[42];
		const index = B64.indexOf(last);
		// 32 bytes = 256 bits; 43 characters carry 258, so the last character has 2 spare bits.
		for (const spare of [1, 2, 3]) {
			const twin = `${SIG.slice(0, 42)}${B64[index ^ spare]}=`;
			expect(twin).not.toBe(SIG);
			expect(Buffer.from(twin, 'base64').equals(Buffer.from(SIG, 'base64'))).toBe(true);
			expectRejected(verify({ signature: twin }), 'signature_mismatch');
		}
	});

	test('same digest with a different case letter is rejected', () => {
		const i = [...SIG].findIndex((c) => /[a-zA-Z]/.test(c));
		const c = SIG[i];
		const swapped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
		expectRejected(verify({ signature: SIG.slice(0, i) + swapped + SIG.slice(i + 1) }), 'signature_mismatch');
	});

	test.each([
		['zone-less, microseconds (the docs, Python isoformat())', '2025-05-23T11:40:07.809000', NOW],
		['zone-less, no fraction', '2025-05-23T11:40:07', NOW - 809],
		['Ruby Time#to_s', '2025-05-23 11:40:07 +0000', NOW - 809],
		['Ruby Time#to_s with an offset', '2025-05-23 13:40:07 +0200', NOW - 809],
		['Ruby Time#to_s in UTC', '2025-05-23 11:40:07 UTC', NOW - 809],
		['space instead of T', '2025-05-23 11:40:07.809Z', NOW],
		['lowercase z', '2025-05-23T11:40:07.809z', NOW],
		['no seconds', '2025-05-23T11:40Z', NOW - 7809],
		['offset hours only', '2025-05-23T13:40:07.809+02', NOW],
		['basic format', '20250523T114007.809Z', NOW],
	])('a signed timestamp in another form Smile ID clients use verifies and is read: %s', (_label, timestamp, ms) => {
		expect(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) })).toEqual({
			valid: true,
			timestampMs: ms,
		});
	});

	test.each([
		['month 13', '2025-13-23T11:40:07.809Z'],
		['31 April', '2025-04-31T11:40:07.809Z'],
		['hour 99', '2025-05-23T99:40:07.809Z'],
		['second 60', '2025-05-23T11:40:60.000Z'],
		['words', 'yesterday'],
		['RFC 2822', 'Fri, 23 May 2025 11:40:07 GMT'],
		['date only', '2025-05-23'],
		['ten fraction digits', '2025-05-23T11:40:07.8090000000Z'],
		['extended year', '+002025-05-23T11:40:07.809Z'],
		['leading space', ' 2025-05-23T11:40:07.809Z'],
		['trailing newline', '2025-05-23T11:40:07.809Z\n'],
		['trailing garbage', '2025-05-23T11:40:07.809Zx'],
		['arabic-indic digits', '٢٠٢٥-05-23T11:40:07.809Z'],
		['100 characters', '2025-05-23T11:40:07.809Z'.padStart(100, '0')],
	])('a signed timestamp whose time cannot be read fails only the freshness check: %s', (_label, timestamp) => {
		const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
		expectRejected(verify({ timestamp, signature }), 'timestamp_unreadable');
		expect(verify({ timestamp, signature, windowMs: 0 })).toEqual({ valid: true, timestampMs: null });
		expectRejected(verify({ timestamp, signature: SIG, windowMs: 0 }), 'signature_mismatch');
	});

	test('a timestamp over 100 characters is malformed, before any HMAC', () => {
		const timestamp = '2025-05-23T11:40:07.809Z'.padStart(101, '0');
		const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
		expectRejected(verify({ timestamp, signature }), 'malformed_timestamp');
		expectRejected(verify({ timestamp, signature, windowMs: 0 }), 'malformed_timestamp');
	});

	test('the signature is checked before freshness: clock advice only for signed messages', () => {
		const timestamp = new Date(NOW - WINDOW - 1).toISOString();
		expectRejected(verify({ timestamp, signature: 'not-a-signature' }), 'malformed_signature');
		expectRejected(verify({ timestamp }), 'signature_mismatch');
		expectRejected(verify({ timestamp, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp }) }), 'timestamp_too_old');
	});

	test('every rejection because of time tells the user to check the clock', () => {
		for (const reason of ['timestamp_too_old', 'timestamp_in_future']) {
			expect(MESSAGES[reason]).toContain("check this machine's clock");
		}
	});
});

describe('windowMs', () => {
	test('0 disables the freshness check', () => {
		for (const timestamp of ['2001-01-01T00:00:00.000Z', '2999-12-31T23:59:59.999Z', new Date(NOW).toISOString()]) {
			const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
			expect(verify({ timestamp, signature, windowMs: 0 })).toEqual({
				valid: true,
				timestampMs: Date.parse(timestamp),
			});
			// the same input with a window is refused unless fresh
			if (timestamp !== TS) expect(verify({ timestamp, signature }).valid).toBe(false);
		}
	});

	test('0 still checks the signature; any signed non-empty text up to 100 characters passes', () => {
		expectRejected(verify({ windowMs: 0, apiKey: 'other' }), 'signature_mismatch');
		for (const timestamp of ['2001-01-01T00:00:00', 'x', 'not a time at all', '\u0000', '🔑'.repeat(40)]) {
			const signature = referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: timestamp });
			expect(verify({ windowMs: 0, timestamp, signature }).valid).toBe(true);
			expectRejected(verify({ windowMs: 0, timestamp: `${timestamp} `, signature }), 'signature_mismatch');
		}
	});
});

describe('reason messages', () => {
	test('each reason carries its documented message', () => {
		const seen = new Map();
		const record = (v) => {
			if (!v.valid) seen.set(v.reason, v.message);
		};
		const old = new Date(NOW - WINDOW - 1).toISOString();
		const future = new Date(NOW + WINDOW + 1).toISOString();
		record(verify({ signature: undefined }));
		record(verify({ timestamp: undefined }));
		record(verify({ signature: 'abc' }));
		record(verify({ timestamp: 'x'.repeat(101) }));
		record(verify({ timestamp: 'abc', signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: 'abc' }) }));
		record(verify({ timestamp: old, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: old }) }));
		record(verify({ timestamp: future, signature: referenceSignature({ apiKey: KEY, partnerId: PARTNER, timestamp: future }) }));
		record(verify({ apiKey: 'nope' }));
		expect(Object.fromEntries(seen)).toEqual(MESSAGES);
	});
});

describe('verifySignature never throws', () => {
	const hugeString = 'A'.repeat(5 * 1024 * 1024);
	const throwingProxy = new Proxy(
		{},
		{
			get() {
				throw new Error('boom');
			},
		},
	);
	const weird = [
		undefined,
		null,
		0,
		-1,
		NaN,
		Infinity,
		1e308,
		true,
		false,
		'',
		' ',
		'null',
		'undefined',
		'=',
		'='.repeat(44),
		'A'.repeat(43),
		`${'A'.repeat(43)}=`,
		hugeString,
		`${hugeString}=`,
		'\u0000'.repeat(44),
		'\ud800'.repeat(44),
		'🔑'.repeat(22),
		[],
		[SIG],
		[[TS]],
		{},
		{ toString: () => SIG },
		{ valueOf: () => NOW },
		{ length: 44 },
		Object.create(null),
		Buffer.from(SIG),
		new Uint8Array(32),
		new Date(NOW),
		Symbol('sig'),
		BigInt(NOW),
		() => SIG,
		new Map([['a', 1]]),
		throwingProxy,
		JSON.parse('{"__proto__": {"signature": "x"}}'),
	];

	// Keys and partner IDs come from the credential, so 5 MB values there only cost time.
	const weirdSecrets = weird.filter((v) => !(typeof v === 'string' && v.length > 1000));

	test(`${weird.length ** 2} signature × timestamp and ${weirdSecrets.length ** 2} key × partner combinations`, () => {
		// Plain checks in the loop (expect() per iteration is slow); failures are collected.
		const failures = [];
		let count = 0;
		const reasons = Object.keys(MESSAGES);
		const run = (label, call, mustReject) => {
			count++;
			let verdict;
			try {
				verdict = call();
			} catch (error) {
				failures.push(`${label}: threw ${error}`);
				return;
			}
			if (typeof verdict !== 'object' || verdict === null || typeof verdict.valid !== 'boolean') {
				failures.push(`${label}: no verdict`);
			} else if (!verdict.valid && (!reasons.includes(verdict.reason) || verdict.message !== MESSAGES[verdict.reason])) {
				failures.push(`${label}: unknown reason ${String(verdict.reason)}`);
			} else if (mustReject && verdict.valid) {
				failures.push(`${label}: accepted`);
			}
		};
		weird.forEach((signature, i) =>
			weird.forEach((timestamp, j) => run(`sig#${i} ts#${j}`, () => verify({ signature, timestamp }), true)),
		);
		weirdSecrets.forEach((apiKey, i) =>
			weirdSecrets.forEach((partnerId, j) => run(`key#${i} partner#${j}`, () => verify({ apiKey, partnerId }), false)),
		);
		[undefined, null, {}, [], 'x', 1, throwingProxy].forEach((input, i) =>
			// @ts-ignore deliberately wrong input
			run(`input#${i}`, () => verifySignature(input), true),
		);
		weird.forEach((windowMs, i) => run(`window#${i}`, () => verify({ windowMs }), false));
		expect(failures).toEqual([]);
		expect(count).toBe(weird.length ** 2 + weirdSecrets.length ** 2 + 7 + weird.length);
	});

	test('a 5 MB signature or timestamp is refused quickly (no work proportional to attacker input)', () => {
		const start = process.hrtime.bigint();
		expectRejected(verify({ signature: hugeString }), 'malformed_signature');
		expectRejected(verify({ signature: `${hugeString}=` }), 'malformed_signature');
		expectRejected(verify({ timestamp: hugeString }), 'malformed_timestamp');
		const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
		expect(elapsedMs).toBeLessThan(100);
	});

	test('a weird API key type cannot make a signature verify', () => {
		for (const apiKey of [undefined, null, 0, {}, [], Symbol('k')]) {
			const verdict = verify({ apiKey });
			expect(verdict.valid).toBe(false);
		}
	});
});
