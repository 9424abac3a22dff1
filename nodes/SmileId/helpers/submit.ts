import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { IdInfo, ImageRole, JobImage, PartnerParams, UploadJobType } from '../core/jobPayload';
import type { NormalizedResult } from '../core/result';
import { normalizeResult } from '../core/result';
import type { Product } from '../core/resultCodes';
import {
	checkExtraPartnerParams,
	checkHttpUrl,
	checkIdentifier,
	type InputProblem,
	type PartnerParamEntry,
} from '../core/validation';
import {
	assertDistinctReferences,
	assertReferencesPresent,
	readImage,
	toList,
	type ImageReference,
	type ImageSource,
} from './images';
import { getSigningSecrets, waitForFinalResult } from './jobStatus';
import { submitUploadJob } from './uploadJob';

export function throwIfProblem(
	this: IExecuteFunctions,
	problem: InputProblem | undefined,
	itemIndex: number,
): void {
	if (problem) throw new NodeOperationError(this.getNode(), problem.message, { itemIndex });
}

/** A country or ID type code as Smile ID expects it: trimmed, in capitals. */
export function readCode(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(this.getNodeParameter(name, itemIndex, ''))
		.trim()
		.toUpperCase();
}

export function newJobId(): string {
	return `n8n-${randomUUID()}`;
}

export interface SubmitOptions {
	partnerParams?: { param?: PartnerParamEntry[] };
	concurrency?: number;
	maxFailedPolls?: number;
	requestTimeout?: number;
	retryUpload?: boolean;
	imagesAsBase64?: boolean;
}

export function requestTimeoutMs(options: SubmitOptions): number | undefined {
	return options.requestTimeout === undefined ? undefined : options.requestTimeout * 1000;
}

export interface CommonJobFields {
	userId: string;
	jobId: string;
	callbackUrl: string;
	extraParams: PartnerParamEntry[];
	options: SubmitOptions;
}

/** Reads and checks the fields every paid job has; nothing is sent yet. */
export function readCommonJobFields(
	this: IExecuteFunctions,
	itemIndex: number,
	callbackRequired = true,
): CommonJobFields {
	const userId = String(this.getNodeParameter('userId', itemIndex, '')).trim();
	const jobId = String(this.getNodeParameter('jobId', itemIndex, '')).trim();
	const callbackUrl = String(this.getNodeParameter('callbackUrl', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as SubmitOptions;
	const extraParams = (options.partnerParams?.param ?? []).map((p) => ({
		key: String(p.key ?? '').trim(),
		value: String(p.value ?? ''),
	}));
	throwIfProblem.call(this, checkIdentifier('User ID', userId, true), itemIndex);
	throwIfProblem.call(this, checkIdentifier('Job ID', jobId, false), itemIndex);
	throwIfProblem.call(this, checkHttpUrl('Callback URL', callbackUrl, callbackRequired), itemIndex);
	throwIfProblem.call(this, checkExtraPartnerParams(extraParams), itemIndex);
	return { userId, jobId: jobId || newJobId(), callbackUrl, extraParams, options };
}

export function buildPartnerParams(fields: CommonJobFields, jobType: number): PartnerParams {
	const params: PartnerParams = {
		job_id: fields.jobId,
		user_id: fields.userId,
		job_type: jobType as UploadJobType,
	};
	for (const { key, value } of fields.extraParams) params[key] = value;
	return params;
}

export interface RequestedImage extends ImageReference {
	role: ImageRole;
}

/** Checks every image reference first, then reads them: a bad last image costs no download. */
export async function collectImages(
	this: IExecuteFunctions,
	source: ImageSource,
	requested: RequestedImage[],
	itemIndex: number,
): Promise<JobImage[]> {
	assertReferencesPresent.call(this, source, requested, itemIndex);
	assertDistinctReferences.call(this, source, requested, itemIndex);
	const images: JobImage[] = [];
	for (const image of requested) {
		images.push({
			role: image.role,
			field: image.field,
			data: await readImage.call(this, source, image, itemIndex),
		});
	}
	return images;
}

export function livenessReferences(this: IExecuteFunctions, itemIndex: number): RequestedImage[] {
	return toList(this.getNodeParameter('livenessImages', itemIndex, '')).map((value, index) => ({
		role: 'liveness',
		field: `Liveness Images (frame ${index + 1})`,
		value,
	}));
}

export function readImageSource(this: IExecuteFunctions, itemIndex: number): ImageSource {
	return this.getNodeParameter('imageSource', itemIndex, 'binary') as ImageSource;
}

export interface ResultOutput extends NormalizedResult {
	warnings: string[];
	raw: IDataObject;
}

export function toOutput(
	normalized: NormalizedResult,
	raw: IDataObject,
	warnings: string[],
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json: IDataObject = { ...normalized, ...extra, warnings, raw } as unknown as IDataObject;
	return { json, pairedItem: { item: itemIndex } };
}

export interface UploadJobSpec {
	jobType: UploadJobType;
	product: Product;
	fields: CommonJobFields;
	images: JobImage[];
	idInfo?: IdInfo;
	useEnrolledImage?: boolean;
	warnings: string[];
}

/** Submits a v1 upload job (2, 4, 6) and, if asked, waits for its final result. */
export async function runUploadJob(
	this: IExecuteFunctions,
	spec: UploadJobSpec,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const waitForResult = this.getNodeParameter('waitForResult', itemIndex, false) as boolean;
	const partnerParams = buildPartnerParams(spec.fields, spec.jobType);
	const upload = await submitUploadJob.call(this, {
		partnerParams,
		callbackUrl: spec.fields.callbackUrl,
		images: spec.images,
		idInfo: spec.idInfo,
		useEnrolledImage: spec.useEnrolledImage,
		imagesAsBase64: spec.fields.options.imagesAsBase64,
		retryExisting: spec.fields.options.retryUpload,
		requestTimeoutMs: requestTimeoutMs(spec.fields.options),
		product: spec.product,
		itemIndex,
	});
	const submitted = {
		prepUpload: upload.prepUpload,
		prepUploadAttempts: upload.prepUploadAttempts,
		uploadAttempts: upload.uploadAttempts,
	};
	if (!waitForResult) {
		const normalized = normalizeResult(
			{ PartnerParams: partnerParams, SmileJobID: upload.smileJobId },
			{ product: spec.product, jobComplete: false },
		);
		return toOutput(normalized, { submitted }, spec.warnings, itemIndex);
	}
	const timeoutMs = (this.getNodeParameter('waitTimeout', itemIndex, 120) as number) * 1000;
	const onTimeout = this.getNodeParameter('onTimeout', itemIndex, 'returnPending') as string;
	const waited = await waitForFinalResult.call(
		this,
		await getSigningSecrets.call(this),
		{ userId: spec.fields.userId, jobId: spec.fields.jobId },
		spec.product,
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
