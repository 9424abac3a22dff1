/** Reading and checking the node's fields, before anything is sent. */
import { randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ImageRole, PartnerParams, UploadJobType } from '../core/jobPayload';
import {
	checkExtraPartnerParams,
	checkHttpUrl,
	checkIdentifier,
	checkLivenessCount,
	MAX_LIVENESS_FRAMES,
	type InputProblem,
	type PartnerParamEntry,
} from '../core/validation';
import type { ImageBytes } from '../core/imageBytes';
import { isToolCall, toolJobId } from './toolCall';
import {
	assertDistinctReferences,
	assertReferencesPresent,
	readImage,
	toList,
	type ImageReference,
	type ImageSource,
} from './images';

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

function newJobId(): string {
	return `n8n-${randomUUID()}`;
}

/** The Options collection of the operations that submit a job (Compare shows a subset). */
export interface JobOptions {
	partnerParams?: { param?: PartnerParamEntry[] };
	concurrency?: number;
	maxFailedPolls?: number;
	requestTimeout?: number;
	retryUpload?: boolean;
	imagesAsBase64?: boolean;
}

export function requestTimeoutMs(options: JobOptions): number | undefined {
	return options.requestTimeout === undefined ? undefined : options.requestTimeout * 1000;
}

export interface CommonJobFields {
	userId: string;
	jobId: string;
	/** The Job ID field was empty and the node made this one up: messages must print it. */
	jobIdGenerated: boolean;
	/** A tool call's job ID, made from its input: a repeat of the call reaches the same job. */
	jobIdFromToolCall: boolean;
	callbackUrl: string;
	extraParams: PartnerParamEntry[];
	options: JobOptions;
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
	const options = this.getNodeParameter('options', itemIndex, {}) as JobOptions;
	const extraParams = (options.partnerParams?.param ?? []).map((p) => ({
		key: String(p.key ?? '').trim(),
		value: String(p.value ?? ''),
	}));
	throwIfProblem.call(this, checkIdentifier('User ID', userId, true), itemIndex);
	throwIfProblem.call(this, checkIdentifier('Job ID', jobId, false), itemIndex);
	throwIfProblem.call(this, checkHttpUrl('Callback URL', callbackUrl, callbackRequired), itemIndex);
	throwIfProblem.call(this, checkExtraPartnerParams(extraParams), itemIndex);
	const fromToolCall = jobId === '' && isToolCall.call(this);
	return {
		userId,
		jobId: jobId || (fromToolCall ? toolJobId.call(this, itemIndex) : newJobId()),
		jobIdGenerated: jobId === '',
		jobIdFromToolCall: fromToolCall,
		callbackUrl,
		extraParams,
		options,
	};
}

/** Compare's partner params: job and user ID, then the user's own pairs. */
export function buildPartnerParams(fields: CommonJobFields): Record<string, string>;
/** An upload job's partner params: job and user ID, job type, then the user's own pairs. */
export function buildPartnerParams(fields: CommonJobFields, jobType: UploadJobType): PartnerParams;
export function buildPartnerParams(
	fields: CommonJobFields,
	jobType?: UploadJobType,
): Record<string, string | number> {
	const params: Record<string, string | number> = { job_id: fields.jobId, user_id: fields.userId };
	if (jobType !== undefined) params.job_type = jobType;
	for (const { key, value } of fields.extraParams) params[key] = value;
	return params;
}

/** The upload jobs' roles, and Compare's comparison image (which never goes into a zip). */
export type RequestedRole = ImageRole | 'comparison';

export interface RequestedImage<Role extends RequestedRole = ImageRole> extends ImageReference {
	role: Role;
}

export interface CollectedImage<Role extends RequestedRole = ImageRole> {
	role: Role;
	/** The field's label in the node panel, for messages about this image. */
	field: string;
	data: ImageBytes;
}

/**
 * Checks an item's image references (present, distinct, the binary properties exist) without
 * reading any image: the checks of every item run before the first is sent, and holding
 * the images of a thousand items at once would exhaust the memory.
 */
export function checkImageReferences(
	this: IExecuteFunctions,
	source: ImageSource,
	requested: ImageReference[],
	itemIndex: number,
): void {
	assertReferencesPresent.call(this, source, requested, itemIndex);
	assertDistinctReferences.call(this, source, requested, itemIndex);
}

/** Reads the images checkImageReferences passed, one after the other, checking each one's content. */
export async function collectImages<Role extends RequestedRole>(
	this: IExecuteFunctions,
	source: ImageSource,
	requested: Array<RequestedImage<Role>>,
	itemIndex: number,
): Promise<Array<CollectedImage<Role>>> {
	const images: Array<CollectedImage<Role>> = [];
	for (const image of requested) {
		images.push({
			role: image.role,
			field: image.field,
			data: await readImage.call(this, source, image, itemIndex),
		});
	}
	return images;
}

export function selfieReference(this: IExecuteFunctions, itemIndex: number): RequestedImage {
	return {
		role: 'selfie',
		field: 'Selfie',
		value: String(this.getNodeParameter('selfie', itemIndex, '')).trim(),
	};
}

/** The liveness frames, checked against Smile ID's limit (and the operation's minimum). */
export function livenessReferences(
	this: IExecuteFunctions,
	itemIndex: number,
	minFrames = 0,
): RequestedImage[] {
	const frames = toList(this.getNodeParameter('livenessImages', itemIndex, '')).map(
		(value, index): RequestedImage => ({
			role: 'liveness',
			field: `Liveness Images (frame ${index + 1})`,
			value,
		}),
	);
	throwIfProblem.call(
		this,
		checkLivenessCount(frames.length, minFrames, MAX_LIVENESS_FRAMES),
		itemIndex,
	);
	return frames;
}

export function readImageSource(this: IExecuteFunctions, itemIndex: number): ImageSource {
	return this.getNodeParameter('imageSource', itemIndex, 'binary') as ImageSource;
}
