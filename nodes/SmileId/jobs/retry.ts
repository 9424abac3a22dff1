import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { repeatMetOwnJob, rerunAdvice, type JobRef } from '../core/recoveryAdvice';
import { RESULT_CODE, type Product } from '../core/resultCodes';
import { RepeatedToolCall } from '../core/toolCall';
import {
	isTransientFailure,
	smileIdError,
	type ErrorShape,
	type SmileIdContext,
	type SmileIdResponse,
} from '../transport';

export interface RetryPolicy {
	attempts: number;
	firstDelayMs: number;
}

export const SUBMIT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 500 };

export async function backoff(policy: RetryPolicy, attempt: number): Promise<void> {
	await sleep(policy.firstDelayMs * 2 ** (attempt - 1));
}

export interface RetriedResponse {
	response: SmileIdResponse;
	attempts: number;
}

/** The last answer, or the network failure that ended the last attempt. */
export type RetryOutcome<T> =
	| { answer: T; attempts: number }
	| { failure: unknown; attempts: number };

/**
 * Sends, and repeats after network errors, timeouts and the answers `retryable` picks, with
 * backoff, up to SUBMIT_RETRY.attempts. Any other error is thrown at once.
 */
export async function withRetries<T>(
	context: SmileIdContext,
	send: (attempt: number) => Promise<T>,
	retryable: (answer: T) => boolean,
	itemIndex?: number,
): Promise<RetryOutcome<T>> {
	let outcome: RetryOutcome<T> = { failure: undefined, attempts: 0 };
	for (let attempt = 1; attempt <= SUBMIT_RETRY.attempts; attempt++) {
		try {
			const answer = await send(attempt);
			outcome = { answer, attempts: attempt };
			if (!retryable(answer)) return outcome;
		} catch (error) {
			if (!isTransientFailure(error)) {
				throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
			}
			outcome = { failure: error, attempts: attempt };
		}
		if (attempt < SUBMIT_RETRY.attempts) await backoff(SUBMIT_RETRY, attempt);
	}
	return outcome;
}

/** A request that may create a paid job, as sendWithRetries' messages name it. */
export interface PaidRequest {
	/** What the node was doing, for messages: "Submitting the job". */
	action: string;
	product: Product;
	job: JobRef;
	/**
	 * Repeats carry Smile ID's retry flag, which hands back the job an earlier attempt made;
	 * without it a repeat meets "job already exists" (2215) for that job.
	 */
	retryFlag: boolean;
}

/**
 * Sends a request that may create a paid job, repeating it after network errors, timeouts
 * and 5xx answers. `send` gets the attempt number so a repeat can carry Smile ID's retry
 * flag; a repeat with the same job ID can never create a second job. When it gives up, or a
 * repeat meets the job an earlier attempt made, the error names the job to look for. A tool
 * call's job ID made from its input that meets "job already exists" throws RepeatedToolCall,
 * which the router answers with that job's status.
 */
export async function sendWithRetries(
	this: SmileIdContext,
	request: PaidRequest,
	send: (attempt: number) => Promise<SmileIdResponse>,
	itemIndex?: number,
): Promise<RetriedResponse> {
	const { action, product, job, retryFlag } = request;
	const outcome = await withRetries(
		this,
		send,
		(response) => response.statusCode >= 500,
		itemIndex,
	);
	if ('answer' in outcome) {
		const { answer, attempts } = outcome;
		if (answer.statusCode >= 500) {
			throw smileIdError.call(
				this,
				answer,
				action,
				product,
				itemIndex,
				rerunAdvice(job, retryFlag),
			);
		}
		const code = String(answer.body.code ?? '');
		// assumption:repeat-2215-unbilled
		if (job.jobIdFromToolCall && code === RESULT_CODE.jobAlreadyExists) {
			throw new RepeatedToolCall(job.userId, job.jobId, product);
		}
		if (!retryFlag && attempts > 1 && code === RESULT_CODE.jobAlreadyExists) {
			throw new NodeApiError(
				this.getNode(),
				{ code, statusCode: answer.statusCode } as JsonObject,
				{
					...repeatMetOwnJob(action, job),
					httpCode: String(answer.statusCode),
					itemIndex,
				},
			);
		}
		return { response: answer, attempts };
	}
	// A fresh error object: n8n's NodeApiError returns an existing NodeApiError unchanged,
	// which would drop this message and its advice.
	const lastMessage = String((outcome.failure as ErrorShape | undefined)?.message ?? '');
	throw new NodeApiError(this.getNode(), { message: lastMessage } as JsonObject, {
		message: `${action} failed after ${outcome.attempts} attempts: Smile ID could not be reached`,
		description: `The network failed or Smile ID did not answer in time (last problem: ${lastMessage || 'unknown'}). ${rerunAdvice(job, retryFlag)}`,
		itemIndex,
	});
}
