// @ts-check
'use strict';
const { referenceSignature } = require('../../fixtures/signing');
const { verifyCallback } = require('../../../dist/nodes/SmileId/core/callback');
const { SecretsCache, SECRETS_MAX_AGE_MS } = require('../../../dist/nodes/SmileId/core/secretsCache');

const NOW = Date.parse('2025-05-23T11:40:07.809Z');
const WINDOW = 10 * 60 * 1000;
const PARTNER = '085';
const OLD_KEY = 'old-api-key-0123456789';
const NEW_KEY = 'new-api-key-9876543210';

/** Independent implementation of the documented signature. */
function signed(apiKey, offsetMs = 0) {
	const timestamp = new Date(NOW + offsetMs).toISOString();
	const signature = referenceSignature({ apiKey, partnerId: PARTNER, timestamp });
	return { ResultCode: '0810', PartnerParams: { job_id: 'j', user_id: 'u' }, timestamp, signature };
}

/** A credential store that counts reads; `apiKey` can be changed between callbacks. */
function credential(apiKey) {
	const store = {
		apiKey,
		reads: 0,
		read: async () => {
			store.reads++;
			return { apiKey: store.apiKey, partnerId: PARTNER };
		},
	};
	return store;
}

async function verify(cache, cred, body, nowMs, { key } = { key: 'cred-1' }) {
	return cache.verify(
		key,
		cred.read,
		(secrets) => verifyCallback(body, secrets, WINDOW, NOW),
		nowMs,
	);
}

describe('SecretsCache', () => {
	test('the bound is one second', () => {
		expect(SECRETS_MAX_AGE_MS).toBe(1000);
	});

	test('reads the credential once per second, whatever the callbacks say', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		const verdicts = [];
		for (let i = 0; i < 10; i++)
			verdicts.push(await verify(cache, cred, signed(OLD_KEY, -i), NOW + i * 99));
		for (let i = 0; i < 10; i++)
			verdicts.push(await verify(cache, cred, signed('forged', -i), NOW + i * 99));
		expect(verdicts.slice(0, 10).every((v) => v.accepted)).toBe(true);
		expect(verdicts.slice(10).map((v) => v.reason)).toEqual(Array(10).fill('signature_mismatch'));
		expect(cred.reads).toBe(1);
		await verify(cache, cred, signed(OLD_KEY), NOW + 1000);
		expect(cred.reads).toBe(2);
	});

	test('a rotated key takes effect within the bound: new key accepted, old key refused', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		expect((await verify(cache, cred, signed(OLD_KEY), NOW)).accepted).toBe(true);
		cred.apiKey = NEW_KEY; // the user saves the rotated key in n8n
		// within the bound the key read at NOW still decides
		expect(await verify(cache, cred, signed(NEW_KEY), NOW + 999)).toMatchObject({
			accepted: false,
			reason: 'signature_mismatch',
		});
		expect((await verify(cache, cred, signed(OLD_KEY, -1), NOW + 999)).accepted).toBe(true);
		// from the bound on, the credential as it is now decides
		expect((await verify(cache, cred, signed(NEW_KEY, -2), NOW + 1000)).accepted).toBe(true);
		expect(await verify(cache, cred, signed(OLD_KEY, -3), NOW + 1001)).toMatchObject({
			accepted: false,
			reason: 'signature_mismatch',
		});
		expect(cred.reads).toBe(2);
	});

	test('without a read in the last second a new key is honoured at once', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		await verify(cache, cred, signed(OLD_KEY), NOW);
		cred.apiKey = NEW_KEY;
		expect((await verify(cache, cred, signed(NEW_KEY), NOW + 5000)).accepted).toBe(true);
	});

	test('a wall clock stepped back does not stretch the bound: the key is read again', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		expect((await verify(cache, cred, signed(OLD_KEY), NOW)).accepted).toBe(true);
		cred.apiKey = NEW_KEY;
		// the clock is set back an hour: the age of the key read at NOW would be negative
		const stepped = NOW - 3_600_000;
		expect(await verify(cache, cred, signed(OLD_KEY, -1), stepped)).toMatchObject({
			accepted: false,
			reason: 'signature_mismatch',
		});
		expect(cred.reads).toBe(2);
		expect((await verify(cache, cred, signed(NEW_KEY, -2), stepped + 999)).accepted).toBe(true);
		expect(cred.reads).toBe(2);
	});

	test('refusals that do not depend on the key never read the credential', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		const good = signed(OLD_KEY);
		const cases = {
			not_an_object: [good],
			missing_signature: { ...good, signature: undefined },
			missing_timestamp: { ...good, timestamp: '' },
			malformed_signature: { ...good, signature: 'not base64!' },
			malformed_timestamp: { ...good, timestamp: 'x'.repeat(101) },
		};
		for (const [reason, body] of Object.entries(cases)) {
			expect(await verify(cache, cred, body, NOW + 10_000)).toMatchObject({
				accepted: false,
				reason,
			});
		}
		expect(cred.reads).toBe(0);
	});

	test('a stale or future timestamp is judged only after the key is read: the signature comes first', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		expect(await verify(cache, cred, signed(OLD_KEY, -WINDOW - 1), NOW)).toMatchObject({
			accepted: false,
			reason: 'timestamp_too_old',
		});
		expect(await verify(cache, cred, signed(OLD_KEY, WINDOW + 1), NOW)).toMatchObject({
			accepted: false,
			reason: 'timestamp_in_future',
		});
		expect(cred.reads).toBe(1);
	});

	test('credentials are cached apart; no credential ID means a read for each callback', async () => {
		const cache = new SecretsCache();
		const a = credential(OLD_KEY);
		const b = credential(NEW_KEY);
		expect((await verify(cache, a, signed(OLD_KEY), NOW, { key: 'a' })).accepted).toBe(true);
		expect((await verify(cache, b, signed(NEW_KEY), NOW, { key: 'b' })).accepted).toBe(true);
		expect((await verify(cache, b, signed(OLD_KEY, -1), NOW, { key: 'b' })).accepted).toBe(false);
		expect([a.reads, b.reads]).toEqual([1, 1]);
		const c = credential(OLD_KEY);
		await verify(cache, c, signed(OLD_KEY), NOW, { key: undefined });
		await verify(cache, c, signed(OLD_KEY, -1), NOW, { key: undefined });
		expect(c.reads).toBe(2);
	});

	test('an empty-key forgery is never accepted on the keyless pre-check', async () => {
		const cache = new SecretsCache();
		const cred = credential(OLD_KEY);
		expect(await verify(cache, cred, signed(''), NOW)).toMatchObject({
			accepted: false,
			reason: 'signature_mismatch',
		});
		expect(cred.reads).toBe(1);
	});
});

describe('the refusals given without reading the credential are decided before the key is used', () => {
	const {
		verifySignature,
		KEY_INDEPENDENT_REJECTIONS,
	} = require('../../../dist/nodes/SmileId/core/signature');
	const KEYS = ['', OLD_KEY, NEW_KEY];
	const TIMESTAMPS = [
		undefined,
		null,
		'',
		{},
		true,
		1748000407809,
		Number.NaN,
		'x'.repeat(101),
		'not a time',
		new Date(NOW).toISOString(),
		new Date(NOW - 60 * 60 * 1000).toISOString(),
		new Date(NOW + 60 * 60 * 1000).toISOString(),
	];
	/** Every signature form for one timestamp, including the genuine one for OLD_KEY. */
	function signatures(timestamp) {
		const text = typeof timestamp === 'number' ? String(timestamp) : timestamp;
		const genuine =
			typeof text === 'string' && text !== ''
				? [referenceSignature({ apiKey: OLD_KEY, partnerId: PARTNER, timestamp: text })]
				: [];
		return [
			undefined,
			null,
			'',
			42,
			'short',
			`${'!'.repeat(43)}=`,
			`${'A'.repeat(43)}=`,
			...genuine,
		];
	}
	const cases = TIMESTAMPS.flatMap((timestamp) =>
		signatures(timestamp).map((signature) =>
			KEYS.map((apiKey) =>
				verifySignature({
					apiKey,
					partnerId: PARTNER,
					signature,
					timestamp,
					windowMs: WINDOW,
					nowMs: NOW,
				}),
			),
		),
	);
	const reasonOf = (verdict) => (verdict.valid ? 'accepted' : verdict.reason);

	test('a key-independent rejection is the same verdict whatever the key (empty, wrong or right)', () => {
		for (const verdicts of cases) {
			const reasons = verdicts.map(reasonOf);
			if (reasons.some((reason) => KEY_INDEPENDENT_REJECTIONS.includes(reason))) {
				expect(reasons).toEqual([reasons[0], reasons[0], reasons[0]]);
			}
		}
	});

	test('each listed rejection occurs; each rejection left out of the list depends on the key', () => {
		const seen = new Set(cases.flat().map(reasonOf));
		for (const reason of KEY_INDEPENDENT_REJECTIONS) expect(seen).toContain(reason);
		const keyDependent = new Set(
			cases
				.filter((verdicts) => new Set(verdicts.map(reasonOf)).size > 1)
				.flat()
				.map(reasonOf),
		);
		for (const reason of ['signature_mismatch', 'timestamp_too_old', 'timestamp_in_future']) {
			expect(keyDependent).toContain(reason);
			expect(KEY_INDEPENDENT_REJECTIONS).not.toContain(reason);
		}
	});
});
