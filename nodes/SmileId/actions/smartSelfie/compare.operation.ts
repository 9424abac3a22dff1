import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { createMultipartBody, type MultipartFileField } from '../../core/multipart';
import { normalizeResult } from '../../core/result';
import { isVerificationResultCode, RESULT_CODE } from '../../core/resultCodes';
import { checkLivenessCount } from '../../core/validation';
import {
	buildPartnerParams,
	collectImages,
	livenessReferences,
	readCommonJobFields,
	readImageSource,
	requestTimeoutMs,
	throwIfProblem,
	toOutput,
} from '../../helpers/submit';
import { sendWithRetries, smileIdApiRequest, smileIdError } from '../../transport';
import {
	callbackUrlField,
	imageField,
	imageSourceField,
	jobIdField,
	livenessField,
	submitOptions,
	userIdField,
} from '../common.descriptions';

const MIN_LIVENESS_FRAMES = 4;
const MAX_LIVENESS_FRAMES = 8;

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
	submitOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['smartSelfie'], operation: ['compare'] } },
	properties,
);

function jpegPart(name: string, fileName: string, data: Uint8Array): MultipartFileField {
	return { name, fileName, contentType: 'image/jpeg', data };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const comparisonImageType = this.getNodeParameter('comparisonImageType', itemIndex) as string;
	const allowNewEnroll = this.getNodeParameter('allowNewEnroll', itemIndex, false) as boolean;
	const source = readImageSource.call(this, itemIndex);
	const liveness = livenessReferences.call(this, itemIndex);
	throwIfProblem.call(
		this,
		checkLivenessCount(liveness.length, MIN_LIVENESS_FRAMES, MAX_LIVENESS_FRAMES),
		itemIndex,
	);
	const images = await collectImages.call(
		this,
		source,
		[
			{
				role: 'selfie',
				field: 'Selfie',
				value: String(this.getNodeParameter('selfie', itemIndex, '')).trim(),
			},
			{
				role: 'idCardFront',
				field: 'Comparison Image',
				value: String(this.getNodeParameter('comparisonImage', itemIndex, '')).trim(),
			},
			...liveness,
		],
		itemIndex,
	);
	const [selfie, comparison, ...frames] = images;
	const partnerParams = buildPartnerParams(fields, 0);
	delete (partnerParams as Partial<typeof partnerParams>).job_type;
	const { body, contentType } = createMultipartBody(
		[
			['user_id', fields.userId],
			['partner_params', JSON.stringify(partnerParams)],
			['comparison_image_type', comparisonImageType],
			['allow_new_enroll', allowNewEnroll ? 'true' : 'false'],
			['callback_url', fields.callbackUrl],
		],
		[
			jpegPart('selfie_image', 'selfie.jpg', selfie.data.toBytes()),
			jpegPart('comparison_image', 'comparison.jpg', comparison.data.toBytes()),
			...frames.map((frame, index) =>
				jpegPart('liveness_images', `liveness_${index + 1}.jpg`, frame.data.toBytes()),
			),
		],
	);

	// Compare has no retry flag: a repeat after a lost answer meets "job already exists"
	// (2215) instead of a second paid job, so retrying transient failures is safe.
	const { response, attempts } = await sendWithRetries.call(
		this,
		'SmartSelfie Compare',
		'smartselfie_compare',
		async () =>
			await smileIdApiRequest.call(this, 'POST', '/v2/smart-selfie-compare', body, {
				headers: { 'Content-Type': contentType },
				timeoutMs: requestTimeoutMs(fields.options),
			}),
		itemIndex,
	);
	const code = String(response.body.code ?? '');
	if (attempts > 1 && code === RESULT_CODE.jobAlreadyExists) {
		throw new NodeOperationError(
			this.getNode(),
			`SmartSelfie Compare: the first attempt most likely reached Smile ID (job ID ${fields.jobId})`,
			{
				itemIndex,
				description: `The first request timed out or lost its answer, and the repeat was refused with "job already exists" (2215): Smile ID has this job. Do not submit it again under a new job ID, which would be paid twice; look up its result with the Job Status operation (user ID ${fields.userId}, job ID ${fields.jobId}) or wait for the callback.`,
			},
		);
	}
	if (response.statusCode >= 300 || !isVerificationResultCode(code)) {
		throw smileIdError.call(
			this,
			response,
			'SmartSelfie Compare',
			'smartselfie_compare',
			itemIndex,
		);
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
