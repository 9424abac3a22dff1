import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	buildPrepUploadBody,
	buildUploadPackage,
	type IdInfo,
	type JobImage,
	type PartnerParams,
	type UploadPackage,
} from '../core/jobPayload';
import { RESULT_CODE, type Product } from '../core/resultCodes';
import {
	sendWithRetries,
	smileIdApiRequest,
	smileIdError,
	uploadZip,
	withRetries,
} from '../transport';

export interface UploadJobInput {
	partnerParams: PartnerParams;
	callbackUrl: string;
	images: JobImage[];
	idInfo?: IdInfo;
	useEnrolledImage?: boolean;
	imagesAsBase64?: boolean;
	/** Re-submit a job ID whose earlier upload failed, instead of creating a new job. */
	retryExisting?: boolean;
	requestTimeoutMs?: number;
	product: Product;
	itemIndex: number;
}

export interface UploadJobResult {
	smileJobId: string;
	refId: string;
	prepUpload: IDataObject;
	prepUploadAttempts: number;
	uploadAttempts: number;
}

/**
 * Prep upload, then the zip PUT. Money safety: a prep upload that may have reached Smile ID
 * is repeated only with the same job ID and Smile ID's retry flag, and once a prep upload
 * succeeded it is never sent again; only the PUT is retried.
 */
export async function submitUploadJob(
	this: IExecuteFunctions,
	input: UploadJobInput,
): Promise<UploadJobResult> {
	const { itemIndex } = input;
	let uploadPackage: UploadPackage;
	try {
		uploadPackage = buildUploadPackage(input.images, {
			idInfo: input.idInfo,
			imagesAsBase64: input.imagesAsBase64,
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}

	const { response: prep, attempts: prepUploadAttempts } = await sendWithRetries.call(
		this,
		'Submitting the job',
		input.product,
		async (attempt) =>
			await smileIdApiRequest.call(
				this,
				'POST',
				'/v1/upload',
				buildPrepUploadBody({
					partnerParams: input.partnerParams,
					callbackUrl: input.callbackUrl,
					useEnrolledImage: input.useEnrolledImage,
					retry: input.retryExisting === true || attempt > 1,
				}) as IDataObject,
				{ timeoutMs: input.requestTimeoutMs },
			),
		itemIndex,
	);
	if (
		String(prep.body.code) !== RESULT_CODE.jobCreated ||
		typeof prep.body.upload_url !== 'string'
	) {
		if (prep.body.unparsedBody !== undefined) {
			throw new NodeApiError(this.getNode(), { statusCode: prep.statusCode } as JsonObject, {
				message: 'Submitting the job failed: Smile ID answered with something that is not JSON',
				description:
					'The answer could not be read, so it is unknown whether the job was created. Check it with the Job Status operation before running this item again.',
				itemIndex,
			});
		}
		throw smileIdError.call(this, prep, 'Submitting the job', input.product, itemIndex);
	}

	const uploadUrl = prep.body.upload_url;
	const upload = await withRetries(
		this,
		async () => await uploadZip.call(this, uploadUrl, uploadPackage.zip),
		(status) => status >= 500 || status === 408 || status === 429,
		itemIndex,
	);
	const uploadAttempts = upload.attempts;
	if (!('answer' in upload) || upload.answer < 200 || upload.answer >= 300) {
		throw new NodeOperationError(
			this.getNode(),
			`Uploading the images failed after ${uploadAttempts} attempts (${'answer' in upload ? `HTTP ${upload.answer}` : 'network error'})`,
			{
				itemIndex,
				description: `Smile ID created job ${String(prep.body.smile_job_id)} but did not receive its images. Run the item again with the same job ID and the option Retry a Failed Upload turned on: the node then asks Smile ID for a fresh upload URL instead of creating a new job.`,
			},
		);
	}
	return {
		smileJobId: String(prep.body.smile_job_id ?? ''),
		refId: String(prep.body.ref_id ?? ''),
		prepUpload: prep.body,
		prepUploadAttempts,
		uploadAttempts,
	};
}
