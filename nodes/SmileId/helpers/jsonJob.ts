import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { unreadableAnswer } from '../core/recoveryAdvice';
import type { Product } from '../core/resultCodes';
import { sendWithRetries, smileIdApiRequest, type RetriedResponse } from '../transport';
import { requestTimeoutMs, type CommonJobFields } from './fields';

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
