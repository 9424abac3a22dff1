import type { CallbackSecrets, CallbackVerdict } from './callback';
import { KEY_INDEPENDENT_REJECTIONS } from './signature';

/**
 * How long a key read from the credential decides callbacks before it is read again. A
 * changed credential therefore takes effect within this time in each n8n process: a
 * callback signed with the old key is refused, and one signed with the new key accepted,
 * from this long after the change at the latest (Smile ID disables a rotated-out key at
 * once; until the credential is changed in n8n, callbacks signed with the new key are
 * refused anyway).
 */
export const SECRETS_MAX_AGE_MS = 1_000;

// Refusals decided before the key is used, so no read of the credential could turn them into
// acceptances and they never cost one: the callback's own shape check, then the signature's
// (freshness is checked only once the signature holds, so its refusals depend on the key).
const KEY_INDEPENDENT_REFUSALS: ReadonlySet<string> = new Set([
	'not_an_object',
	...KEY_INDEPENDENT_REJECTIONS,
]);

// Enough to find a refusal that does not depend on the key before any credential is read.
const NO_SECRETS: CallbackSecrets = { apiKey: '', partnerId: '' };

interface CachedSecrets {
	secrets: CallbackSecrets;
	readAtMs: number;
}

/**
 * Checks callbacks with a recently read key instead of reading the credential for each one:
 * a flood of forged callbacks costs one read per `maxAgeMs`, not one per callback.
 */
export class SecretsCache {
	private readonly entries = new Map<string, CachedSecrets>();

	constructor(private readonly maxAgeMs = SECRETS_MAX_AGE_MS) {}

	/**
	 * @param credentialKey identifies the credential (undefined: nothing to cache under, read it)
	 * @param read reads the credential as it is now
	 * @param check the verdict on the callback with the given secrets
	 */
	async verify(
		credentialKey: string | undefined,
		read: () => Promise<CallbackSecrets>,
		check: (secrets: CallbackSecrets) => CallbackVerdict,
		nowMs: number,
	): Promise<CallbackVerdict> {
		const cached = credentialKey === undefined ? undefined : this.entries.get(credentialKey);
		if (cached !== undefined) {
			const ageMs = nowMs - cached.readAtMs;
			// A negative age means the wall clock stepped back: how long ago the key was read is
			// then unknown, so the key is read again rather than deciding beyond the bound.
			if (ageMs >= 0 && ageMs < this.maxAgeMs) return check(cached.secrets);
		}
		const keyless = check(NO_SECRETS);
		if (!keyless.accepted && KEY_INDEPENDENT_REFUSALS.has(keyless.reason)) return keyless;
		const secrets = await read();
		if (credentialKey !== undefined) this.entries.set(credentialKey, { secrets, readAtMs: nowMs });
		return check(secrets);
	}
}
