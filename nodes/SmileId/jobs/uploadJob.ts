import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	buildPrepUploadBody,
	buildUploadPackage,
	type IdInfo,
	type JobImage,
	type PartnerParams,
	type UploadJobType,
	type UploadPackage,
} from '../core/jobPayload';
import { failedUploadAdvice, unreadableAnswer, type JobRef } from '../core/recoveryAdvice';
import { normalizeResult } from '../core/result';
import { productForJobType, RESULT_CODE, type Product } from '../core/resultCodes';
import { getSigningSecrets, smileIdApiRequest, smileIdError, uploadZip } from '../transport';
import { checkOnTimeout, checkWaitTimeout, type OnTimeout } from '../core/validation';
import {
	buildPartnerParams,
	requestTimeoutMs,
	throwIfProblem,
	type CommonJobFields,
} from '../helpers/fields';
import { waitForFinalResult } from './jobStatus';
import { sendWithRetries, withRetries, type RetryOutcome } from './retry';
import { toOutput } from '../helpers/output';

interface UploadJobInput {
	partnerParams: PartnerParams;
	/** The node made the job ID up: recovery advice must print it. */
	jobIdGenerated?: boolean;
	/** A tool call's job ID, made from its input: a repeat of the call meets this job. */
	jobIdFromToolCall?: boolean;
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

/** A network error's own words, as one sentence: OpenSSL's end in ":\n". */
function errorMessage(error: unknown): string {
	const message = (error as { message?: unknown } | undefined)?.message;
	const words = typeof message === 'string' ? message.trim().replace(/[\s.:]+$/, '') : '';
	return words || 'unknown';
}

interface UploadJobResult {
	smileJobId: string;
	prepUpload: IDataObject;
	prepUploadAttempts: number;
	uploadAttempts: number;
}

/**
 * Prep upload, then the zip PUT. Money safety: a prep upload that may have reached Smile ID
 * is repeated only with the same job ID and Smile ID's retry flag, and once a prep upload
 * succeeded it is never sent again; only the PUT is retried.
 */
export async function sendUploadJob(
	this: IExecuteFunctions,
	input: UploadJobInput,
): Promise<UploadJobResult> {
	const { itemIndex } = input;
	const job: JobRef = {
		userId: input.partnerParams.user_id,
		jobId: input.partnerParams.job_id,
		jobIdGenerated: input.jobIdGenerated === true,
		jobIdFromToolCall: input.jobIdFromToolCall === true,
	};
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
		{ action: 'Submitting the job', product: input.product, job, retryFlag: true },
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
	// assumption:prep-upload-answer
	if (
		String(prep.body.code) !== RESULT_CODE.jobCreated ||
		typeof prep.body.upload_url !== 'string'
	) {
		if (prep.body.unparsedBody !== undefined) {
			throw new NodeApiError(this.getNode(), { statusCode: prep.statusCode } as JsonObject, {
				...unreadableAnswer('Submitting the job', job),
				itemIndex,
			});
		}
		throw smileIdError.call(this, prep, 'Submitting the job', input.product, itemIndex);
	}

	// assumption:upload-put
	const uploadUrl = prep.body.upload_url;
	// From here on Smile ID has the job: every failure must say how to finish it. The
	// network's own words go in the description, since n8n replaces a message that names a
	// socket code (ENOTFOUND, ...) with its generic text.
	const uploadFailed = (attempts: number, problem: string, lastError?: unknown) =>
		new NodeOperationError(
			this.getNode(),
			`Uploading the images failed after ${attempts} attempt${attempts === 1 ? '' : 's'} (${problem})`,
			{
				itemIndex,
				description: [
					lastError === undefined
						? ''
						: `The last attempt failed with: ${errorMessage(lastError)}.`,
					failedUploadAdvice(job, String(prep.body.smile_job_id)),
				]
					.filter(Boolean)
					.join(' '),
			},
		);
	let putAttempts = 0;
	let upload: RetryOutcome<number>;
	try {
		upload = await withRetries(
			this,
			async (attempt) => {
				putAttempts = attempt;
				return await uploadZip.call(this, uploadUrl, uploadPackage.zip);
			},
			(status) => status >= 500 || status === 408 || status === 429,
			itemIndex,
		);
	} catch (error) {
		// Not worth repeating (DNS, routing, TLS), but the job exists all the same.
		throw uploadFailed(putAttempts, 'network error', error);
	}
	if (!('answer' in upload)) {
		throw uploadFailed(upload.attempts, 'network error', upload.failure);
	}
	if (upload.answer < 200 || upload.answer >= 300) {
		throw uploadFailed(upload.attempts, `HTTP ${upload.answer}`);
	}
	const uploadAttempts = upload.attempts;
	return {
		smileJobId: String(prep.body.smile_job_id ?? ''),
		prepUpload: prep.body,
		prepUploadAttempts,
		uploadAttempts,
	};
}

/** How long Wait for Result waits, and what a timeout does. */
export interface WaitForResultSettings {
	timeoutMs: number;
	onTimeout: OnTimeout;
}

/**
 * Wait for Result's settings, or undefined when it is off: read before the job is sent, so
 * an expression error or a bad value there cannot fail an item Smile ID has already billed.
 */
export function readWaitForResultSettings(
	this: IExecuteFunctions,
	itemIndex: number,
): WaitForResultSettings | undefined {
	if (!(this.getNodeParameter('waitForResult', itemIndex, false) as boolean)) return undefined;
	const waitTimeout = this.getNodeParameter('waitTimeout', itemIndex, 120);
	throwIfProblem.call(this, checkWaitTimeout(waitTimeout), itemIndex);
	const onTimeout = this.getNodeParameter('onTimeout', itemIndex, 'returnPending');
	throwIfProblem.call(this, checkOnTimeout(onTimeout), itemIndex);
	return { timeoutMs: Number(waitTimeout) * 1000, onTimeout: onTimeout as OnTimeout };
}

export interface UploadJobSpec {
	/** Names the product too: each upload job type is one product's. */
	jobType: UploadJobType;
	fields: CommonJobFields;
	images: JobImage[];
	idInfo?: IdInfo;
	useEnrolledImage?: boolean;
	warnings: string[];
	/** Absent: return as soon as the job is submitted. */
	wait?: WaitForResultSettings;
}

/**
 * The whole upload-job operation (jobs 2, 4, 6): send it and, if Wait for Result is on,
 * wait for its final result; then the node's output.
 */
export async function executeUploadJob(
	this: IExecuteFunctions,
	spec: UploadJobSpec,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const product = productForJobType(spec.jobType);
	const partnerParams = buildPartnerParams(spec.fields, spec.jobType);
	const upload = await sendUploadJob.call(this, {
		partnerParams,
		jobIdGenerated: spec.fields.jobIdGenerated,
		jobIdFromToolCall: spec.fields.jobIdFromToolCall,
		callbackUrl: spec.fields.callbackUrl,
		images: spec.images,
		idInfo: spec.idInfo,
		useEnrolledImage: spec.useEnrolledImage,
		imagesAsBase64: spec.fields.options.imagesAsBase64,
		retryExisting: spec.fields.options.retryUpload,
		requestTimeoutMs: requestTimeoutMs(spec.fields.options),
		product,
		itemIndex,
	});
	const submitted = {
		prepUpload: upload.prepUpload,
		prepUploadAttempts: upload.prepUploadAttempts,
		uploadAttempts: upload.uploadAttempts,
	};
	if (!spec.wait) {
		const normalized = normalizeResult(
			{ PartnerParams: partnerParams, SmileJobID: upload.smileJobId },
			{ product, jobComplete: false },
		);
		return toOutput(normalized, { submitted }, spec.warnings, itemIndex);
	}
	const { timeoutMs, onTimeout } = spec.wait;
	const waited = await waitForFinalResult.call(
		this,
		await getSigningSecrets.call(this),
		{ userId: spec.fields.userId, jobId: spec.fields.jobId },
		product,
		{ timeoutMs, maxFailedPolls: spec.fields.options.maxFailedPolls ?? 5 },
		itemIndex,
	);
	if (waited.timedOut && onTimeout === 'fail') {
		throw new NodeOperationError(
			this.getNode(),
			`No final result within ${timeoutMs / 1000} seconds for job ${spec.fields.jobId}`,
			{
				itemIndex,
				description:
					'The job is submitted and still being processed (it may be in human review). Its final result will reach the callback URL; raise Wait Timeout or look it up later with Job Status.',
			},
		);
	}
	const normalized = {
		...waited.normalized,
		smileJobId: waited.normalized.smileJobId ?? upload.smileJobId,
	};
	return toOutput(normalized, { submitted, jobStatus: waited.raw }, spec.warnings, itemIndex, {
		waitTimedOut: waited.timedOut,
	});
}
