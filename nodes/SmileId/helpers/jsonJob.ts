import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { unreadableAnswer } from '../core/recoveryAdvice';
import { normalizeResult } from '../core/result';
import type { Product } from '../core/resultCodes';
import {
	sendWithRetries,
	smileIdApiRequest,
	smileIdError,
	type RetriedResponse,
} from '../transport';
import { buildPartnerParams, requestTimeoutMs, type CommonJobFields } from './fields';
import { toOutput } from './output';

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

/** A JSON job that is answered at once (sync) or by callback (async). */
export interface AnswerableJob {
	/** What the node was doing, for messages: "Verifying the business". */
	action: string;
	product: Product;
	jobType: number;
	path: { sync: string; async: string };
}

export type AnswerableJobAnswer =
	| { pending: INodeExecutionData }
	| { pending?: undefined; answer: IDataObject; attempts: number };

/**
 * Sends the body to the sync or async path. Async: Smile ID's `{success: true}` becomes a
 * pending result (the outcome follows by callback). Sync: Smile ID's answer, even a 1015
 * "authority unavailable", is a result; only a request-level error (2xxx, no ResultCode)
 * fails the item.
 */
export async function sendAnswerableJob(
	this: IExecuteFunctions,
	job: AnswerableJob,
	isAsync: boolean,
	body: Record<string, unknown>,
	fields: CommonJobFields,
	warnings: string[],
	itemIndex: number,
): Promise<AnswerableJobAnswer> {
	const { response, attempts } = await sendJsonJob.call(
		this,
		job.action,
		job.product,
		isAsync ? job.path.async : job.path.sync,
		body,
		fields,
		itemIndex,
	);
	const answer = response.body;
	if (isAsync) {
		if (response.statusCode >= 300 || !(answer.success === true || answer.success === 'true')) {
			throw smileIdError.call(this, response, job.action, job.product, itemIndex);
		}
		const normalized = normalizeResult(
			{ PartnerParams: { ...buildPartnerParams(fields), job_type: job.jobType } },
			{ product: job.product, jobComplete: false },
		);
		return {
			pending: toOutput(normalized, { submitted: answer, attempts }, warnings, itemIndex),
		};
	}
	if (answer.ResultCode === undefined) {
		throw smileIdError.call(this, response, job.action, job.product, itemIndex);
	}
	return { answer, attempts };
}
