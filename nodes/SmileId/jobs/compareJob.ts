import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ImageBytes } from '../core/imageBytes';
import { createMultipartBody, type MultipartFileField } from '../core/multipart';
import { normalizeResult } from '../core/result';
import { isVerificationResultCode } from '../core/resultCodes';
import { smileIdApiRequest, smileIdError } from '../transport';
import { buildPartnerParams, requestTimeoutMs, type CommonJobFields } from '../helpers/fields';
import { toOutput } from '../helpers/output';
import { sendWithRetries } from './retry';

const ACTION = 'SmartSelfie Compare';

export interface CompareJobSpec {
	fields: CommonJobFields;
	selfie: ImageBytes;
	/** The photo the selfie is compared with (e.g. an ID authority's photo). */
	comparison: ImageBytes;
	livenessFrames: ImageBytes[];
	comparisonImageType: string;
	allowNewEnroll: boolean;
}

function jpegPart(name: string, fileName: string, data: Uint8Array): MultipartFileField {
	return { name, fileName, contentType: 'image/jpeg', data };
}

/**
 * SmartSelfie Compare (/v2/smart-selfie-compare): one multipart request whose answer is
 * the result, sent with the package's retries, then the node's output.
 */
export async function executeCompareJob(
	this: IExecuteFunctions,
	spec: CompareJobSpec,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const { fields } = spec;
	const partnerParams = buildPartnerParams(fields);
	const { body, contentType } = createMultipartBody(
		[
			['user_id', fields.userId],
			['partner_params', JSON.stringify(partnerParams)],
			['comparison_image_type', spec.comparisonImageType],
			['allow_new_enroll', spec.allowNewEnroll ? 'true' : 'false'],
			['callback_url', fields.callbackUrl],
		],
		[
			jpegPart('selfie_image', 'selfie.jpg', spec.selfie.toBytes()),
			jpegPart('comparison_image', 'comparison.jpg', spec.comparison.toBytes()),
			...spec.livenessFrames.map((frame, index) =>
				jpegPart('liveness_images', `liveness_${index + 1}.jpg`, frame.toBytes()),
			),
		],
	);

	// Compare has no retry flag: a repeat after a lost answer meets "job already exists"
	// (2215) instead of a second paid job, so retrying transient failures is safe.
	const { response, attempts } = await sendWithRetries.call(
		this,
		{ action: ACTION, product: 'smartselfie_compare', job: fields, retryFlag: false },
		async () =>
			await smileIdApiRequest.call(this, 'POST', '/v2/smart-selfie-compare', body, {
				headers: { 'Content-Type': contentType },
				timeoutMs: requestTimeoutMs(fields.options),
			}),
		itemIndex,
	);
	// assumption:compare-answer
	const code = String(response.body.code ?? '');
	if (response.statusCode >= 300 || !isVerificationResultCode(code)) {
		throw smileIdError.call(this, response, ACTION, 'smartselfie_compare', itemIndex);
	}
	const normalized = normalizeResult(
		{
			...response.body,
			PartnerParams: (response.body.partner_params as IDataObject) ?? partnerParams,
			SmileJobID: response.body.job_id,
		},
		{ product: 'smartselfie_compare', jobComplete: true },
	);
	return toOutput(normalized, response.body, [], itemIndex, { submitAttempts: attempts });
}
