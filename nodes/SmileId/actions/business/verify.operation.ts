import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	BUSINESS_SEARCH_TYPES,
	BUSINESS_VERIFICATION_PATH,
	buildBusinessBody,
	checkBusinessInput,
	NIGERIA_BUSINESS_TYPES,
	type BusinessInput,
} from '../../core/businessVerification';
import { JobType } from '../../core/jobPayload';
import {
	buildPartnerParams,
	readCode,
	readCommonJobFields,
	throwIfProblem,
	type CommonJobFields,
} from '../../helpers/fields';
import { runAnswerableJob, type SyncOrAsyncJob } from '../../jobs/jsonJob';
import {
	compareOptions,
	DEFAULT_CONCURRENCY,
	jobIdField,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';
import { answerModeProperties } from '../idNumber/idNumberJob';

const JOB: SyncOrAsyncJob = {
	action: 'Verifying the business',
	product: 'business_verification',
	jobType: JobType.BusinessVerification,
	path: BUSINESS_VERIFICATION_PATH,
};

const properties: INodeProperties[] = [
	userIdField('Your ID for the business (or for the person onboarding it)'),
	jobIdField,
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: 'NG',
		placeholder: 'NG',
		description:
			'Where the business is registered, as a two-letter ISO 3166 code. Smile ID documents NG (Nigeria), KE (Kenya) and ZA (South Africa).',
	},
	{
		displayName: 'Search Type',
		name: 'searchType',
		type: 'options',
		default: 'BUSINESS_REGISTRATION',
		options: Object.entries(BUSINESS_SEARCH_TYPES).map(([value, name]) => ({
			name,
			value,
			description:
				value === 'TAX_INFORMATION'
					? 'Nigeria only: the company information for a tax identification number (no directors or owners)'
					: 'The company information, directors, beneficial owners and fiduciaries in the business registry',
		})),
		description: 'What Smile ID searches (id_type)',
	},
	{
		displayName: 'Registration or Tax Number',
		name: 'number',
		type: 'string',
		default: '',
		placeholder: '0000000',
		description:
			'The registration number (Nigeria: the number only, RC 0000000 as 0000000; South Africa: 2000/000000/00) or, for Tax Information, the TIN (00000000-0000)',
	},
	{
		displayName: 'Business Type',
		name: 'businessType',
		type: 'options',
		default: 'co',
		options: Object.entries(NIGERIA_BUSINESS_TYPES).map(([value, name]) => ({ name, value })),
		displayOptions: { show: { searchType: ['BUSINESS_REGISTRATION'] } },
		description:
			'Nigeria only: how the business is incorporated (business_type). Ignored for other countries.',
	},
	...answerModeProperties(JOB.path),
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['business'], operation: ['verify'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export interface BusinessRequest {
	isAsync: boolean;
	fields: CommonJobFields;
	input: BusinessInput;
	warnings: string[];
}

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<BusinessRequest> {
	const isAsync = this.getNodeParameter('lookupMode', itemIndex, 'sync') === 'async';
	const fields = readCommonJobFields.call(this, itemIndex, isAsync);
	const input: BusinessInput = {
		country: readCode.call(this, 'country', itemIndex),
		searchType: readCode.call(this, 'searchType', itemIndex),
		number: String(this.getNodeParameter('number', itemIndex, '')).trim(),
		businessType: String(this.getNodeParameter('businessType', itemIndex, ''))
			.trim()
			.toLowerCase(),
	};
	const { problem, warnings } = checkBusinessInput(input);
	throwIfProblem.call(this, problem, itemIndex);
	return { isAsync, fields, input, warnings };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ isAsync, fields, input, warnings }: BusinessRequest,
): Promise<INodeExecutionData> {
	const body = buildBusinessBody({
		input,
		partnerParams: buildPartnerParams(fields),
		callbackUrl: isAsync ? fields.callbackUrl : undefined,
	});
	return await runAnswerableJob.call(this, JOB, isAsync, body, fields, warnings, itemIndex);
}
