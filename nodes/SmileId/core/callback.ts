import { normalizeResult, type NormalizedResult } from './result';
import { verifySignature, type SignatureRejection } from './signature';

export const DEFAULT_CALLBACK_WINDOW_MS = 10 * 60 * 1000;

export type CallbackRejection = 'not_an_object' | SignatureRejection;

export type CallbackVerdict =
	| { accepted: true; result: NormalizedResult; replayKey: string }
	| { accepted: false; reason: CallbackRejection; message: string };

export interface CallbackSecrets {
	apiKey: string;
	partnerId: string;
}

/**
 * Checks a Smile ID result callback. The signature covers only timestamp and partner ID,
 * so it proves the sender held the key at that time; the replay key lets callers refuse
 * the same signed callback twice.
 */
export function verifyCallback(
	body: unknown,
	secrets: CallbackSecrets,
	windowMs: number,
	nowMs?: number,
): CallbackVerdict {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return {
			accepted: false,
			reason: 'not_an_object',
			message: 'The callback body is not a JSON object',
		};
	}
	const record = body as Record<string, unknown>;
	const verdict = verifySignature({
		...secrets,
		signature: record.signature,
		timestamp: record.timestamp,
		windowMs,
		nowMs,
	});
	if (!verdict.valid) return { accepted: false, reason: verdict.reason, message: verdict.message };
	return {
		accepted: true,
		result: normalizeResult(record),
		replayKey: `${String(record.timestamp)}|${String(record.signature)}`,
	};
}
