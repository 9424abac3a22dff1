import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { UploadJobType } from '../../core/jobPayload';
import type { Product } from '../../core/resultCodes';
import { checkLivenessCount } from '../../core/validation';
import {
	collectImages,
	livenessReferences,
	readCommonJobFields,
	readImageSource,
	runUploadJob,
	throwIfProblem,
} from '../../helpers/submit';
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

const MAX_LIVENESS_FRAMES = 8;

/** Register (job 4) and Authenticate (job 2) take the same inputs; only the user differs. */
export function selfieJobProperties(userIdDescription: string): INodeProperties[] {
	return [
		userIdField(userIdDescription),
		jobIdField,
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
	product: Product,
): Promise<INodeExecutionData> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const source = readImageSource.call(this, itemIndex);
	const liveness = livenessReferences.call(this, itemIndex);
	throwIfProblem.call(this, checkLivenessCount(liveness.length, 0, MAX_LIVENESS_FRAMES), itemIndex);
	const images = await collectImages.call(
		this,
		source,
		[
			{
				role: 'selfie',
				field: 'Selfie',
				value: String(this.getNodeParameter('selfie', itemIndex, '')).trim(),
			},
			...liveness,
		],
		itemIndex,
	);
	return await runUploadJob.call(
		this,
		{ jobType, product, fields, images, warnings: [] },
		itemIndex,
	);
}
