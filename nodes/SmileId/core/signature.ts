import { createHmac, timingSafeEqual } from 'crypto';

const SIGNATURE_SUFFIX = 'sid_request';
// Base64 of 32 bytes is always 43 characters and one "=": anything else cannot be ours.
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
// Smile ID signs ISO 8601 with a zone; a zoneless time would be read in the server's
// local zone and shift the freshness window by hours.
const TIMESTAMP_PATTERN =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
const MAX_TIMESTAMP_LENGTH = 40;

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
	| 'timestamp_too_old'
	| 'timestamp_in_future'
	| 'signature_mismatch';

export type SignatureVerdict =
	| { valid: true; timestampMs: number }
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
	malformed_timestamp: 'The timestamp is not an ISO 8601 date and time with a time zone',
	timestamp_too_old: 'The timestamp is older than the allowed window',
	timestamp_in_future: 'The timestamp is further in the future than the allowed window',
	signature_mismatch: 'The signature does not match this partner ID and API key',
};

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function reject(reason: SignatureRejection): SignatureVerdict {
	return { valid: false, reason, message: REJECTION_MESSAGES[reason] };
}

export function parseTimestamp(timestamp: string): number | undefined {
	if (timestamp.length > MAX_TIMESTAMP_LENGTH || !TIMESTAMP_PATTERN.test(timestamp))
		return undefined;
	const parsed = Date.parse(timestamp);
	return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * Checks a Smile ID signature (callbacks, job status answers). Never throws: every
 * problem with untrusted input becomes a rejection reason.
 */
export function verifySignature(input: VerifySignatureInput): SignatureVerdict {
	try {
		const { signature, timestamp } = input;
		if (isAbsent(signature)) return reject('missing_signature');
		if (isAbsent(timestamp)) return reject('missing_timestamp');
		if (typeof signature !== 'string') return reject('malformed_signature');
		if (typeof timestamp !== 'string') return reject('malformed_timestamp');
		const timestampMs = parseTimestamp(timestamp);
		if (timestampMs === undefined) return reject('malformed_timestamp');
		if (input.windowMs !== 0) {
			// Only an explicit 0 turns the check off; a negative or NaN window fails closed.
			const windowMs = input.windowMs > 0 ? input.windowMs : 0;
			const now = input.nowMs ?? Date.now();
			if (timestampMs < now - windowMs) return reject('timestamp_too_old');
			if (timestampMs > now + windowMs) return reject('timestamp_in_future');
		}
		if (!SIGNATURE_PATTERN.test(signature)) return reject('malformed_signature');
		// Compare the text, not decoded bytes: base64 decoding ignores the spare bits of the
		// last character, so two different strings can decode to the same digest.
		const received = Buffer.from(signature, 'latin1');
		const expected = Buffer.from(
			computeSignature(input.apiKey, input.partnerId, timestamp),
			'latin1',
		);
		if (received.length !== expected.length) return reject('malformed_signature');
		return timingSafeEqual(received, expected)
			? { valid: true, timestampMs }
			: reject('signature_mismatch');
	} catch {
		return reject('signature_mismatch');
	}
}
