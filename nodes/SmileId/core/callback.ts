import { createHash, type Hash } from 'crypto';

import { normalizeResult, type NormalizedResult } from './result';
import { verifySignature, type SignatureRejection } from './signature';

/** How far a callback's timestamp may be from now by default, the one home of this fact. */
export const DEFAULT_CALLBACK_WINDOW_MINUTES = 10;

/** The freshness window in milliseconds for a window set in minutes (unset: the default). */
export function freshnessWindowMs(windowMinutes: number | undefined): number {
	return (
		(windowMinutes === undefined ? DEFAULT_CALLBACK_WINDOW_MINUTES : windowMinutes) * 60 * 1000
	);
}

export const DEFAULT_CALLBACK_WINDOW_MS = freshnessWindowMs(undefined);

export type CallbackRejection = 'not_an_object' | SignatureRejection;

export type CallbackVerdict =
	| { accepted: true; result: NormalizedResult; replayKey: string; signature: string }
	| { accepted: false; reason: CallbackRejection; message: string };

export interface CallbackSecrets {
	apiKey: string;
	partnerId: string;
}

type DigestStep = { text: string } | { value: unknown };

function primitiveJson(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	return 'null';
}

// For a body nested deeper than JSON.stringify's recursion allows: the same walk with an
// explicit stack, so no depth can throw.
function hashDeep(hash: Hash, body: Record<string, unknown>): void {
	const steps: DigestStep[] = [{ value: body }];
	for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
		if ('text' in step) {
			hash.update(step.text);
			continue;
		}
		const value = step.value;
		if (Array.isArray(value)) {
			hash.update('[');
			steps.push({ text: ']' });
			for (let i = value.length - 1; i >= 0; i--) {
				steps.push({ value: value[i] as unknown });
				if (i > 0) steps.push({ text: ',' });
			}
		} else if (typeof value === 'object' && value !== null) {
			const record = value as Record<string, unknown>;
			const keys = Object.keys(record);
			hash.update('{');
			steps.push({ text: '}' });
			for (let i = keys.length - 1; i >= 0; i--) {
				steps.push({ value: record[keys[i]] });
				steps.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:` });
			}
		} else {
			hash.update(primitiveJson(value));
		}
	}
}

/**
 * SHA-256 of the callback as JSON, in the order its fields arrived: the same callback sent
 * again gives the same digest however its JSON was spaced; two different results never share
 * one. (The same fields in another order count as another delivery: it runs again, nothing is
 * lost.) JSON.stringify is native and fast; a body too deep for it is walked instead.
 */
export function callbackDigest(body: Record<string, unknown>): string {
	const hash = createHash('sha256');
	let json: string;
	try {
		json = JSON.stringify(body);
	} catch {
		hashDeep(hash, body);
		return hash.digest('base64');
	}
	return hash.update(json).digest('base64');
}

/**
 * Checks a Smile ID result callback. The signature covers only timestamp and partner ID,
 * so it proves the sender held the key at that moment, not which result it sent: two jobs
 * signed in the same millisecond carry the same signature. The replay key is therefore a
 * digest of the whole callback (result, final flag, timestamp and signature included), so
 * only the same callback delivered again counts as a replay.
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
	// assumption:callback-shape
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
		replayKey: callbackDigest(record),
		signature: record.signature as string,
	};
}

/**
 * The fields in which a callback's result differs from the job's signed status: what a
 * workflow decides on (result code, final or not) and whose result it is. The job ID and
 * user ID are the ones the status was asked for, so a status that does not repeat them
 * cannot differ in them; Smile ID's job ID counts only when both name one, so that a
 * genuine result is never refused over a field one of them leaves out.
 */
export function fieldsDifferingFromJobStatus(
	posted: NormalizedResult,
	jobStatus: NormalizedResult,
): string[] {
	const fields = (['resultCode', 'isFinal', 'jobId', 'userId'] as const).filter(
		(field) => posted[field] !== jobStatus[field],
	);
	const { smileJobId } = jobStatus;
	if (posted.smileJobId !== null && smileJobId !== null && posted.smileJobId !== smileJobId) {
		return [...fields, 'smileJobId'];
	}
	return fields;
}
