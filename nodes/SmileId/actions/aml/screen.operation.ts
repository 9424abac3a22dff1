import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	buildAmlBody,
	checkAmlInput,
	readAmlScreening,
	type AmlInput,
} from '../../core/amlScreening';
import { normalizeResult } from '../../core/result';
import {
	buildPartnerParams,
	readCommonJobFields,
	throwIfProblem,
	type CommonJobFields,
} from '../../helpers/fields';
import { toList } from '../../helpers/images';
import { sendJsonJob } from '../../jobs/jsonJob';
import { toOutput } from '../../helpers/output';
import { smileIdError } from '../../transport';
import {
	compareOptions,
	DEFAULT_CONCURRENCY,
	jobIdField,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';

const PRODUCT = 'aml_check';

const properties: INodeProperties[] = [
	userIdField(
		'Your ID for the person. Reuse the user ID of their earlier Biometric KYC or Document Verification to screen the name found there (Search Existing User).',
	),
	jobIdField,
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		placeholder: 'John Leo Doe',
		description: "The person's full name as on their ID",
	},
	{
		displayName: 'Birth Year',
		name: 'birthYear',
		type: 'string',
		default: '',
		placeholder: '1984',
		description:
			'Four digits. Optional, but Smile ID strongly recommends it: it removes most false matches.',
	},
	{
		displayName: 'Nationalities',
		name: 'countries',
		type: 'string',
		default: '',
		placeholder: 'NG, KE',
		description:
			"The person's known nationalities as two-letter ISO 3166 codes, comma-separated (or an expression that returns a list)",
	},
	{
		displayName: 'Search Existing User',
		name: 'searchExistingUser',
		type: 'boolean',
		default: false,
		description:
			'Whether to screen the name and birth year Smile ID already holds for this user ID from an earlier Biometric KYC or Document Verification job',
	},
	{
		displayName: 'Strict Match',
		name: 'strictMatch',
		type: 'boolean',
		default: false,
		description:
			'Whether to report only exact name matches (fewer false matches, some risk of missing a spelling variant)',
	},
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['aml'], operation: ['screen'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export interface AmlRequest {
	fields: CommonJobFields;
	input: AmlInput;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<AmlRequest> {
	const fields = readCommonJobFields.call(this, itemIndex, false);
	const input: AmlInput = {
		fullName: String(this.getNodeParameter('fullName', itemIndex, '')).trim(),
		birthYear: String(this.getNodeParameter('birthYear', itemIndex, '')).trim(),
		countries: toList(this.getNodeParameter('countries', itemIndex, '')).map((c) =>
			c.toUpperCase(),
		),
		searchExistingUser: this.getNodeParameter('searchExistingUser', itemIndex, false) === true,
		strictMatch: this.getNodeParameter('strictMatch', itemIndex, false) === true,
	};
	throwIfProblem.call(this, checkAmlInput(input, new Date().getUTCFullYear()), itemIndex);
	return { fields, input };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ fields, input }: AmlRequest,
): Promise<INodeExecutionData> {
	const body = buildAmlBody(input, buildPartnerParams(fields));
	const { response, attempts } = await sendJsonJob.call(
		this,
		'Screening the person',
		PRODUCT,
		'/v1/aml',
		body,
		fields,
		itemIndex,
	);
	const answer = response.body;
	// assumption:aml-answer
	if (response.statusCode >= 300 || answer.Actions === undefined) {
		throw smileIdError.call(this, response, 'Screening the person', PRODUCT, itemIndex);
	}
	const screening = readAmlScreening(answer);
	return toOutput(normalizeResult(answer, { product: PRODUCT }), answer, [], itemIndex, {
		listed: screening.listed,
		personsFound: screening.personsFound,
		matches: screening.matches as IDataObject[],
		attempts,
	});
}
