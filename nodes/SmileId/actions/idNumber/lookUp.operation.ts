import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildIdLookupBody } from '../../core/idLookup';
import type { LookupProduct } from '../../core/idNumberTypes';
import { JobType } from '../../core/jobPayload';
import { normalizeResult } from '../../core/result';
import { buildPartnerParams, readCommonJobFields } from '../../helpers/fields';
import { sendJsonJob } from '../../helpers/jsonJob';
import { toOutput } from '../../helpers/output';
import { smileIdError } from '../../transport';
import {
	callbackUrlField,
	compareOptions,
	DEFAULT_CONCURRENCY,
	jobIdField,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';
import { idNumberProperties, readIdNumberInput } from './idNumberFields';

const PRODUCT = 'enhanced_kyc' satisfies LookupProduct;

const properties: INodeProperties[] = [
	userIdField('Your ID for the person whose ID number is looked up'),
	jobIdField,
	...idNumberProperties,
	{
		displayName: 'Answer',
		name: 'lookupMode',
		type: 'options',
		default: 'sync',
		options: [
			{
				name: 'Wait for the ID Authority',
				value: 'sync',
				description:
					'Synchronous /v1/id_verification: the result is the output. Fails when the authority is down.',
			},
			{
				name: 'By Callback',
				value: 'async',
				description:
					'Asynchronous /v1/async_id_verification: Smile ID posts the result to the callback URL, even after an authority outage. Smile ID recommends it for volume.',
			},
		],
		description: 'How the result arrives',
	},
	{ ...callbackUrlField, displayOptions: { show: { lookupMode: ['async'] } } },
	{
		displayName: 'Put Photo in Field',
		name: 'photoProperty',
		type: 'string',
		default: 'photo',
		displayOptions: { show: { lookupMode: ['sync'] } },
		description:
			"The binary property that receives the authority's photo of the person, where the ID type returns one",
	},
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['idNumber'], operation: ['lookUp'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const mode = this.getNodeParameter('lookupMode', itemIndex, 'sync') as string;
	const fields = readCommonJobFields.call(this, itemIndex, mode === 'async');
	const { input, warnings } = await readIdNumberInput.call(this, itemIndex, PRODUCT);

	const partnerParams = buildPartnerParams(fields);
	const body = buildIdLookupBody({
		input,
		partnerParams,
		callbackUrl: mode === 'async' ? fields.callbackUrl : undefined,
		consentGrantedAt: new Date().toISOString(),
	});
	const path = mode === 'async' ? '/v1/async_id_verification' : '/v1/id_verification';
	const { response, attempts } = await sendJsonJob.call(
		this,
		'Looking up the ID number',
		PRODUCT,
		path,
		body,
		fields,
		itemIndex,
	);
	const answer = response.body;

	if (mode === 'async') {
		if (response.statusCode >= 300 || !(answer.success === true || answer.success === 'true')) {
			throw smileIdError.call(this, response, 'Looking up the ID number', PRODUCT, itemIndex);
		}
		const normalized = normalizeResult(
			{ PartnerParams: { ...partnerParams, job_type: JobType.EnhancedKyc } },
			{ product: PRODUCT, jobComplete: false },
		);
		return toOutput(normalized, { submitted: answer, attempts }, warnings, itemIndex);
	}

	// A result (even 1015 "authority unavailable") is Smile ID's answer and is output;
	// only a request-level error (2xxx, no ResultCode) fails the item.
	if (answer.ResultCode === undefined) {
		throw smileIdError.call(this, response, 'Looking up the ID number', PRODUCT, itemIndex);
	}
	const { Photo: photo, ...raw } = answer;
	const normalized = normalizeResult(raw, { product: PRODUCT });
	const output = toOutput(normalized, raw, warnings, itemIndex, { attempts });
	if (typeof photo === 'string' && photo !== '' && photo !== 'Not Available') {
		const propertyName =
			String(this.getNodeParameter('photoProperty', itemIndex, 'photo')) || 'photo';
		output.binary = {
			[propertyName]: await this.helpers.prepareBinaryData(
				Buffer.from(photo, 'base64'),
				`${normalized.jobId ?? 'id-authority'}-photo.jpg`,
				'image/jpeg',
			),
		};
	}
	return output;
}
