import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idDetails } from '../../core/idLookup';
import { JobType, type ImageRole } from '../../core/jobPayload';
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
	DEFAULT_CONCURRENCY,
	imageField,
	imageSourceField,
	jobIdField,
	livenessField,
	type OperationDefaults,
	submitOptions,
	userIdField,
	waitForResultFields,
} from '../common.descriptions';
import { idNumberProperties, readIdNumberInput } from './idNumberFields';

const properties: INodeProperties[] = [
	userIdField(
		'A new ID for this person; after an approved result, SmartSelfie Authentication can use it',
	),
	jobIdField,
	...idNumberProperties,
	imageSourceField,
	imageField('Selfie', 'selfie', 'selfie', 'A clear colour selfie of the person.'),
	livenessField(
		'Recommended: up to 8 frames captured while the person prepared the selfie. Without them Smile ID only checks the selfie itself.',
	),
	callbackUrlField,
	...waitForResultFields,
	submitOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['idNumber'], operation: ['verifyWithSelfie'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const input = readIdNumberInput.call(this, itemIndex);
	const source = readImageSource.call(this, itemIndex);
	const liveness = livenessReferences.call(this, itemIndex);
	const images = await (collectImages<ImageRole>).call(
		this,
		source,
		[selfieReference.call(this, itemIndex), ...liveness],
		itemIndex,
	);
	// `entered`: the ID info was typed in, so Smile ID looks it up instead of reading an ID card.
	return await executeUploadJob.call(
		this,
		{
			jobType: JobType.BiometricKyc,
			product: 'biometric_kyc',
			fields,
			images,
			idInfo: { ...idDetails(input), country: input.country, entered: true },
			warnings: [],
		},
		itemIndex,
	);
}
