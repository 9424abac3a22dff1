import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeCompareJob } from '../../jobs/compareJob';
import {
	checkImageReferences,
	collectImages,
	livenessReferences,
	readCommonJobFields,
	readImageSource,
	selfieReference,
	type CommonJobFields,
	type RequestedImage,
	type RequestedRole,
} from '../../helpers/fields';
import type { ImageSource } from '../../helpers/images';
import {
	callbackUrlField,
	compareOptions,
	DEFAULT_CONCURRENCY,
	imageField,
	imageSourceField,
	jobIdField,
	livenessField,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';

/** Smile ID's minimum for Compare; its maximum is the same as everywhere. */
const MIN_LIVENESS_FRAMES = 4;

const properties: INodeProperties[] = [
	userIdField('Your ID for this person; Smile ID enrols them under it when the faces match'),
	jobIdField,
	imageSourceField,
	imageField('Selfie', 'selfie', 'selfie', 'A clear colour selfie of the person.'),
	imageField(
		'Comparison Image',
		'comparisonImage',
		'comparisonImage',
		'The photo to compare the selfie with, e.g. the photo an ID authority holds.',
	),
	{
		displayName: 'Comparison Image Type',
		name: 'comparisonImageType',
		type: 'options',
		default: 'ID_PHOTO',
		options: [
			{
				name: 'ID Photo',
				value: 'ID_PHOTO',
				description: 'A photo from an ID authority (may carry watermarks or stamps)',
			},
			{
				name: 'Portrait',
				value: 'PORTRAIT',
				description: 'A selfie or a portrait taken by an agent',
			},
			{ name: 'Document', value: 'DOCUMENT', description: 'A photo of an ID document' },
		],
		description: 'What the comparison image shows; Smile ID treats each kind differently',
	},
	{
		...livenessField(
			'Required: 4 to 8 frames captured while the person prepared the selfie (8 recommended).',
		),
		required: true,
		default: '',
	},
	{
		displayName: 'Allow Re-Enrolment',
		name: 'allowNewEnroll',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace the registered selfie of a user ID that is already enrolled. Without it Smile ID refuses such a user.',
	},
	callbackUrlField,
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['smartSelfie'], operation: ['compare'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

/** Compare's checked input: everything but the image bytes, which execute reads. */
export interface CompareRequest {
	fields: CommonJobFields;
	comparisonImageType: string;
	allowNewEnroll: boolean;
	source: ImageSource;
	requested: Array<RequestedImage<RequestedRole>>;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<CompareRequest> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const comparisonImageType = this.getNodeParameter('comparisonImageType', itemIndex) as string;
	const allowNewEnroll = this.getNodeParameter('allowNewEnroll', itemIndex, false) as boolean;
	const source = readImageSource.call(this, itemIndex);
	const liveness = livenessReferences.call(this, itemIndex, MIN_LIVENESS_FRAMES);
	const comparisonReference: RequestedImage<'comparison'> = {
		role: 'comparison',
		field: 'Comparison Image',
		value: String(this.getNodeParameter('comparisonImage', itemIndex, '')).trim(),
	};
	const requested = [selfieReference.call(this, itemIndex), comparisonReference, ...liveness];
	checkImageReferences.call(this, source, requested, itemIndex);
	return { fields, comparisonImageType, allowNewEnroll, source, requested };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ fields, comparisonImageType, allowNewEnroll, source, requested }: CompareRequest,
): Promise<INodeExecutionData> {
	const [selfie, comparison, ...frames] = await (collectImages<RequestedRole>).call(
		this,
		source,
		requested,
		itemIndex,
	);
	return await executeCompareJob.call(
		this,
		{
			fields,
			selfie: selfie.data,
			comparison: comparison.data,
			livenessFrames: frames.map((frame) => frame.data),
			comparisonImageType,
			allowNewEnroll,
		},
		itemIndex,
	);
}
