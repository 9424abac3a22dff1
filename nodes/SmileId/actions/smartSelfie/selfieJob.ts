import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { IdInfo, ImageRole, UploadJobType } from '../../core/jobPayload';
import {
	collectImages,
	livenessReferences,
	readCommonJobFields,
	readImageSource,
	selfieReference,
} from '../../helpers/fields';
import { executeUploadJob } from '../../helpers/uploadJob';
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

export async function executeSelfieJob(
	this: IExecuteFunctions,
	itemIndex: number,
	jobType: UploadJobType,
	readIdInfo?: () => Promise<{ idInfo: IdInfo; warnings: string[] }>,
): Promise<INodeExecutionData> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const { idInfo, warnings } = (await readIdInfo?.()) ?? { idInfo: undefined, warnings: [] };
	const source = readImageSource.call(this, itemIndex);
	const liveness = livenessReferences.call(this, itemIndex);
	const images = await (collectImages<ImageRole>).call(
		this,
		source,
		[selfieReference.call(this, itemIndex), ...liveness],
		itemIndex,
	);
	return await executeUploadJob.call(
		this,
		{ jobType, fields, images, idInfo, warnings },
		itemIndex,
	);
}
