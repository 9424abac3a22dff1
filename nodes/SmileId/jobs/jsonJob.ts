import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { unreadableAnswer } from '../core/recoveryAdvice';
import { normalizeResult } from '../core/result';
import type { Product } from '../core/resultCodes';
import { smileIdApiRequest, smileIdError } from '../transport';
import { buildPartnerParams, requestTimeoutMs, type CommonJobFields } from '../helpers/fields';
import { toOutput } from '../helpers/output';
import { sendWithRetries, type RetriedResponse } from './retry';

/**
 * Sends a paid job that is one JSON request (Enhanced KYC, Basic KYC, AML), retried with
 * the same job ID. These requests have no retry flag: a repeat after a lost answer meets
 * "job already exists" (2215), which sendWithRetries turns into advice to fetch the result.
 * An answer that is not JSON leaves it unknown whether the job was made, which the error says.
 */
export async function sendJsonJob(
	this: IExecuteFunctions,
	action: string,
	product: Product,
	path: string,
	body: Record<string, unknown>,
	fields: CommonJobFields,
	itemIndex: number,
): Promise<RetriedResponse> {
	const sent = await sendWithRetries.call(
		this,
		{ action, product, job: fields, retryFlag: false },
		async () =>
			await smileIdApiRequest.call(this, 'POST', path, body as IDataObject, {
				timeoutMs: requestTimeoutMs(fields.options),
			}),
		itemIndex,
	);
	if (sent.response.body.unparsedBody !== undefined) {
		throw new NodeApiError(this.getNode(), { statusCode: sent.response.statusCode } as JsonObject, {
			...unreadableAnswer(action, fields),
			itemIndex,
		});
	}
	return sent;
}

/** A JSON job answered by callback (async) and, where the docs give a sync route, at once. */
export interface AnswerableJob {
	/** What the node was doing, for messages: "Verifying the business". */
	action: string;
	product: Product;
	/** Absent where the docs give the product no job type (phone and address verification). */
	jobType?: number;
	path: { sync?: string; async: string };
}

/** A job with both routes. */
export type SyncOrAsyncJob = AnswerableJob & { path: { sync: string } };

export type AnswerableJobAnswer =
	| { pending: INodeExecutionData }
	| { pending?: undefined; answer: IDataObject; attempts: number };

/**
 * Sends the body to an asynchronous path: Smile ID's `{success: true}` becomes a pending result
 * (the outcome follows by callback); any other answer fails the item.
 */
export async function sendAsyncJob(
	this: IExecuteFunctions,
	job: AnswerableJob,
	body: Record<string, unknown>,
	fields: CommonJobFields,
	warnings: string[],
	itemIndex: number,
): Promise<INodeExecutionData> {
	const { response, attempts } = await sendJsonJob.call(
		this,
		job.action,
		job.product,
		job.path.async,
		body,
		fields,
		itemIndex,
	);
	const answer = response.body;
	// assumption:kyc-async-ack
	if (response.statusCode >= 300 || !(answer.success === true || answer.success === 'true')) {
		throw smileIdError.call(this, response, job.action, job.product, itemIndex);
	}
	const normalized = normalizeResult(
		{
			PartnerParams: {
				...buildPartnerParams(fields),
				...(job.jobType === undefined ? {} : { job_type: job.jobType }),
			},
		},
		{ product: job.product, jobComplete: false },
	);
	return toOutput(normalized, { submitted: answer, attempts }, warnings, itemIndex);
}

/**
 * Sends the body to the sync or async path (async: sendAsyncJob). Sync: Smile ID's answer,
 * even a 1015 "authority unavailable", is a result; only a request-level error (2xxx, no
 * ResultCode) fails the item.
 */
export async function sendAnswerableJob(
	this: IExecuteFunctions,
	job: SyncOrAsyncJob,
	isAsync: boolean,
	body: Record<string, unknown>,
	fields: CommonJobFields,
	warnings: string[],
	itemIndex: number,
): Promise<AnswerableJobAnswer> {
	if (isAsync) {
		return { pending: await sendAsyncJob.call(this, job, body, fields, warnings, itemIndex) };
	}
	const { response, attempts } = await sendJsonJob.call(
		this,
		job.action,
		job.product,
		job.path.sync,
		body,
		fields,
		itemIndex,
	);
	const answer = response.body;
	// assumption:basic-kyc-answer (Basic KYC shares this path with Enhanced KYC)
	if (answer.ResultCode === undefined) {
		throw smileIdError.call(this, response, job.action, job.product, itemIndex);
	}
	return { answer, attempts };
}

/** Sends the job and outputs the one shape: the pending result, or the answer normalized. */
export async function runAnswerableJob(
	this: IExecuteFunctions,
	job: SyncOrAsyncJob,
	isAsync: boolean,
	body: Record<string, unknown>,
	fields: CommonJobFields,
	warnings: string[],
	itemIndex: number,
): Promise<INodeExecutionData> {
	const sent = await sendAnswerableJob.call(this, job, isAsync, body, fields, warnings, itemIndex);
	if (sent.pending) return sent.pending;
	// normalizeResult adds the product's own fields (KYB lists, phone matches: ProductFields).
	return toOutput(
		normalizeResult(sent.answer, { product: job.product }),
		sent.answer,
		warnings,
		itemIndex,
		{
			attempts: sent.attempts,
		},
	);
}
