import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { normalizeResult, type NormalizedResult, type SmileResult } from '../core/result';
import { RESULT_CODE, type Product } from '../core/resultCodes';
import { verifySignature } from '../core/signature';
import {
	smileIdApiRequest,
	smileIdError,
	type SigningSecrets,
	type SmileIdContext,
} from '../transport';

// Smile ID's SDKs check a job status answer's signature but apply no freshness window: the
// answer comes back on our own request, and a window would fail every lookup on a host whose
// clock is off. 0 turns the window off.
const RESPONSE_SIGNATURE_WINDOW_MS = 0;

export interface JobStatusQuery {
	userId: string;
	jobId: string;
	history?: boolean;
	imageLinks?: boolean;
}

export interface JobStatus {
	normalized: NormalizedResult;
	raw: IDataObject;
}

// Before the first result Smile ID sends `result` as a text such as "Job is not complete".
function latestResult(body: IDataObject): SmileResult | undefined {
	const result = body.result;
	return typeof result === 'object' && result !== null && !Array.isArray(result)
		? (result as SmileResult)
		: undefined;
}

/**
 * Asks Smile ID for a job's status and accepts the answer only if its own signature
 * verifies: an unverifiable answer did not come from Smile ID or was altered.
 */
export async function requestVerifiedJobStatus(
	this: SmileIdContext,
	secrets: SigningSecrets,
	query: JobStatusQuery,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await smileIdApiRequest.call(this, 'POST', '/v1/job_status', {
		user_id: query.userId,
		job_id: query.jobId,
		history: query.history === true,
		image_links: query.imageLinks === true,
	});
	// assumption:job-status-shape, assumption:job-status-signed
	if (String(response.body.code) !== RESULT_CODE.jobStatusAnswered) {
		throw smileIdError.call(this, response, 'Getting the job status', 'job_status', itemIndex);
	}
	const verdict = verifySignature({
		...secrets,
		signature: response.body.signature,
		timestamp: response.body.timestamp,
		windowMs: RESPONSE_SIGNATURE_WINDOW_MS,
	});
	if (!verdict.valid) {
		throw new NodeOperationError(
			this.getNode(),
			`The job status answer could not be verified: ${verdict.message}`,
			{
				itemIndex,
				description:
					"Every Smile ID answer is signed with your API key. An answer that fails the check did not come from Smile ID or was altered on the way, so it is not used. Check the credential's environment and base URL (a proxy must pass the answer through unchanged).",
			},
		);
	}
	return response.body;
}

export function normalizeJobStatus(
	body: IDataObject,
	query: JobStatusQuery,
	product: Product,
): NormalizedResult {
	const result = latestResult(body) ?? {};
	return normalizeResult(
		{
			...result,
			PartnerParams: result.PartnerParams ?? { job_id: query.jobId, user_id: query.userId },
		},
		{
			product: product === 'general' || product === 'job_status' ? undefined : product,
			// assumption:job-status-shape
			jobComplete: body.job_complete === true || body.job_complete === 'true',
			jobSuccess: body.job_success === true || body.job_success === 'true',
		},
	);
}

export async function fetchJobStatus(
	this: IExecuteFunctions,
	secrets: SigningSecrets,
	query: JobStatusQuery,
	product: Product,
	itemIndex: number,
): Promise<JobStatus> {
	const raw = await requestVerifiedJobStatus.call(this, secrets, query, itemIndex);
	return { normalized: normalizeJobStatus(raw, query, product), raw };
}

/** How long and how hard waitForFinalResult polls before it gives up. */
export interface PollingLimits {
	timeoutMs: number;
	maxFailedPolls: number;
	firstIntervalMs?: number;
	maxIntervalMs?: number;
}

export interface WaitOutcome extends JobStatus {
	timedOut: boolean;
}

/**
 * Polls job status until the job is final, with a growing interval (2 s, 3 s, 4.5 s … up to
 * 20 s), a total time limit and a cap on failed polls: it never polls forever.
 */
export async function waitForFinalResult(
	this: IExecuteFunctions,
	secrets: SigningSecrets,
	query: JobStatusQuery,
	product: Product,
	options: PollingLimits,
	itemIndex: number,
): Promise<WaitOutcome> {
	const started = Date.now();
	let interval = options.firstIntervalMs ?? 2000;
	const maxInterval = options.maxIntervalMs ?? 20_000;
	let failedPolls = 0;
	let latest: JobStatus | undefined;
	for (;;) {
		const remaining = options.timeoutMs - (Date.now() - started);
		if (remaining <= 0) break;
		await sleep(Math.min(interval, remaining));
		interval = Math.min(Math.round(interval * 1.5), maxInterval);
		try {
			latest = await fetchJobStatus.call(this, secrets, query, product, itemIndex);
			if (latest.normalized.isFinal) return { ...latest, timedOut: false };
		} catch (error) {
			// A job Smile ID has not indexed yet (2304), a 5xx or a network hiccup: all the
			// same to a waiting user, until the cap says the service is really unavailable.
			failedPolls++;
			if (failedPolls >= options.maxFailedPolls) {
				throw new NodeOperationError(
					this.getNode(),
					`Waiting for the result stopped after ${failedPolls} failed job status checks`,
					{
						itemIndex,
						description: `The job was submitted (job ID ${query.jobId}); its result will still reach the callback URL, or look it up later with the Job Status operation. Last problem: ${(error as Error).message}`,
					},
				);
			}
		}
	}
	const pending = latest ?? {
		normalized: normalizeResult(
			{ PartnerParams: { job_id: query.jobId, user_id: query.userId } },
			{ product, jobComplete: false },
		),
		raw: {},
	};
	return { ...pending, timedOut: true };
}
