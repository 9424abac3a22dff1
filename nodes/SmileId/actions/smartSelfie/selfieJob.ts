import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { IdInfo, ImageRole, UploadJobType } from '../../core/jobPayload';
import {
	checkImageReferences,
	collectImages,
	livenessReferences,
	readCommonJobFields,
	readImageSource,
	selfieReference,
	type RequestedImage,
} from '../../helpers/fields';
import type { ImageSource } from '../../helpers/images';
import {
	executeUploadJob,
	readWaitForResultSettings,
	type UploadJobSpec,
} from '../../jobs/uploadJob';
import {
	callbackUrlField,
	imageField,
	imageSourceField,
	jobIdField,
	livenessField,
	submitOptions,
	userIdField,
	waitForResultFields,
} from '../common.descriptions';

/**
 * Register (job 4) and Authenticate (job 2) take the same inputs; only the user differs.
 * Biometric KYC (job 1) adds the ID number fields after the job ID.
 */
export function selfieJobProperties(
	userIdDescription: string,
	idFields: INodeProperties[] = [],
): INodeProperties[] {
	return [
		userIdField(userIdDescription),
		jobIdField,
		...idFields,
		imageSourceField,
		imageField('Selfie', 'selfie', 'selfie', 'A clear colour selfie of the person.'),
		livenessField(
			'Optional but recommended: up to 8 frames captured while the person prepared the selfie. Without them Smile ID only checks the selfie itself.',
		),
		callbackUrlField,
		...waitForResultFields,
		submitOptions,
	];
}

/** A selfie job's checked input: everything but the image bytes, which execute reads. */
export interface SelfieJobRequest extends Omit<UploadJobSpec, 'images'> {
	source: ImageSource;
	requested: RequestedImage[];
}

export async function prepareSelfieJob(
	this: IExecuteFunctions,
	itemIndex: number,
	jobType: UploadJobType,
	readIdInfo?: () => Promise<{ idInfo: IdInfo; warnings: string[] }>,
): Promise<SelfieJobRequest> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const { idInfo, warnings } = (await readIdInfo?.()) ?? { idInfo: undefined, warnings: [] };
	const source = readImageSource.call(this, itemIndex);
	const requested = [
		selfieReference.call(this, itemIndex),
		...livenessReferences.call(this, itemIndex),
	];
	checkImageReferences.call(this, source, requested, itemIndex);
	const wait = readWaitForResultSettings.call(this, itemIndex);
	return { jobType, fields, idInfo, warnings, wait, source, requested };
}

export async function executeSelfieJob(
	this: IExecuteFunctions,
	itemIndex: number,
	{ source, requested, ...spec }: SelfieJobRequest,
): Promise<INodeExecutionData> {
	const images = await (collectImages<ImageRole>).call(this, source, requested, itemIndex);
	return await executeUploadJob.call(this, { ...spec, images }, itemIndex);
}
