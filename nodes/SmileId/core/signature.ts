import { createHmac, timingSafeEqual } from 'crypto';

import { readTimestamp } from './timestamp';

const SIGNATURE_SUFFIX = 'sid_request';
// Base64 of 32 bytes is always 43 characters and one "=": anything else cannot be ours.
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
// Smile ID's clients sign timestamps of about 20 to 35 characters; the limit only keeps
// untrusted input from costing work.
const MAX_TIMESTAMP_LENGTH = 100;

export function createTimestamp(now: Date = new Date()): string {
	return now.toISOString();
}

export function computeSignature(apiKey: string, partnerId: string, timestamp: string): string {
	return createHmac('sha256', Buffer.from(apiKey, 'utf8'))
		.update(timestamp + partnerId + SIGNATURE_SUFFIX, 'utf8')
		.digest('base64');
}

export interface SignedFields {
	signature: string;
	timestamp: string;
}

export function signRequest(apiKey: string, partnerId: string, now?: Date): SignedFields {
	const timestamp = createTimestamp(now);
	return { timestamp, signature: computeSignature(apiKey, partnerId, timestamp) };
}

export type SignatureRejection =
	| 'missing_signature'
	| 'missing_timestamp'
	| 'malformed_signature'
	| 'malformed_timestamp'
	| 'signature_mismatch'
	| 'timestamp_unreadable'
	| 'timestamp_too_old'
	| 'timestamp_in_future';

/**
 * The rejections `verifySignature` decides before it uses the key: no key could turn one into
 * an acceptance, so `SecretsCache` gives them without reading the credential. They must stay
 * checked before the HMAC; test/unit/core/secretsCache.test.js fails if one comes to depend on the key.
 */
export const KEY_INDEPENDENT_REJECTIONS: readonly SignatureRejection[] = [
	'missing_signature',
	'missing_timestamp',
	'malformed_signature',
	'malformed_timestamp',
];

export type SignatureVerdict =
	/** timestampMs is null when the instant could not be read (accepted only with window 0). */
	| { valid: true; timestampMs: number | null }
	| { valid: false; reason: SignatureRejection; message: string };

export interface VerifySignatureInput {
	apiKey: string;
	partnerId: string;
	signature: unknown;
	timestamp: unknown;
	/** Allowed distance between the timestamp and now, either side; 0 turns the check off. */
	windowMs: number;
	nowMs?: number;
}

const REJECTION_MESSAGES: Record<SignatureRejection, string> = {
	missing_signature: 'The signature is missing',
	missing_timestamp: 'The timestamp is missing',
	malformed_signature: 'The signature is not a base64 HMAC-SHA256 value',
	malformed_timestamp: `The timestamp is not a text or number of at most ${MAX_TIMESTAMP_LENGTH} characters`,
	signature_mismatch: 'The signature does not match this partner ID and API key',
	timestamp_unreadable:
		'The signature holds, but the time in the timestamp cannot be read, so its freshness cannot be checked (a freshness window of 0 accepts it)',
	timestamp_too_old:
		"The signature holds, but the timestamp is older than the allowed window: check this machine's clock, or whether the message was held up or replayed",
	timestamp_in_future:
		"The signature holds, but the timestamp is further in the future than the allowed window: check this machine's clock",
};

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function reject(reason: SignatureRejection): SignatureVerdict {
	return { valid: false, reason, message: REJECTION_MESSAGES[reason] };
}

/**
 * The text a timestamp was signed as: a string as received, or a JSON number as its decimal
 * text (the docs' request tables type the timestamp as a number).
 */
function timestampText(timestamp: unknown): string | undefined {
	if (typeof timestamp === 'string') return timestamp;
	if (typeof timestamp === 'number' && Number.isFinite(timestamp)) return String(timestamp);
	return undefined;
}

/**
 * Checks a Smile ID signature (callbacks, job status answers) over the timestamp exactly as
 * received, whatever its form; only the freshness check needs to read the time in it. Never
 * throws: every problem with untrusted input becomes a rejection reason.
 */
export function verifySignature(input: VerifySignatureInput): SignatureVerdict {
	try {
		const { signature, timestamp } = input;
		if (isAbsent(signature)) return reject('missing_signature');
		if (isAbsent(timestamp)) return reject('missing_timestamp');
		if (typeof signature !== 'string') return reject('malformed_signature');
		const text = timestampText(timestamp);
		if (text === undefined || text.length > MAX_TIMESTAMP_LENGTH) {
			return reject('malformed_timestamp');
		}
		if (!SIGNATURE_PATTERN.test(signature)) return reject('malformed_signature');
		// Compare the text, not decoded bytes: base64 decoding ignores the spare bits of the
		// last character, so two different strings can decode to the same digest.
		const received = Buffer.from(signature, 'latin1');
		const expected = Buffer.from(computeSignature(input.apiKey, input.partnerId, text), 'latin1');
		if (received.length !== expected.length) return reject('malformed_signature');
		if (!timingSafeEqual(received, expected)) return reject('signature_mismatch');
		// Freshness comes after the signature, so its clock advice is only given for messages
		// that really were signed with this key.
		const timestampMs = readTimestamp(text) ?? null;
		if (input.windowMs === 0) return { valid: true, timestampMs };
		if (timestampMs === null) return reject('timestamp_unreadable');
		// Only an explicit 0 turns the check off; a negative or NaN window fails closed.
		const windowMs = input.windowMs > 0 ? input.windowMs : 0;
		const now = input.nowMs ?? Date.now();
		if (timestampMs < now - windowMs) return reject('timestamp_too_old');
		if (timestampMs > now + windowMs) return reject('timestamp_in_future');
		return { valid: true, timestampMs };
	} catch {
		return reject('signature_mismatch');
	}
}
