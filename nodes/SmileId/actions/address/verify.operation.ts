import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	ADDRESS_COUNTRIES,
	ADDRESS_VERIFICATION_PATH,
	buildAddressBody,
	checkAddressInput,
	type AddressInput,
} from '../../core/addressVerification';
import {
	buildPartnerParams,
	readCode,
	readCommonJobFields,
	throwIfProblem,
	type CommonJobFields,
} from '../../helpers/fields';
import { sendAsyncJob, type AnswerableJob } from '../../jobs/jsonJob';
import {
	callbackUrlField,
	compareOptions,
	DEFAULT_CONCURRENCY,
	jobIdField,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';

/** The docs give one asynchronous route and no job type: the result always comes by callback. */
const JOB: AnswerableJob = {
	action: 'Verifying the address',
	product: 'address_verification',
	path: { async: ADDRESS_VERIFICATION_PATH },
};

const properties: INodeProperties[] = [
	userIdField('Your ID for the person whose address is verified'),
	jobIdField,
	{
		displayName: 'Country',
		name: 'country',
		type: 'options',
		default: 'NG',
		options: Object.entries(ADDRESS_COUNTRIES).map(([value, c]) => ({
			name: c.name,
			value,
			description: `Looked up by ${c.identifier.label.toLowerCase()}`,
		})),
		description: 'Where the address is',
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		placeholder: 'Joe Doe Leo',
		description: "The person's full name, matched with the address's record",
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		description: "The person's full address: street and number, town, province or state",
	},
	{
		displayName: 'ID or Utility Number',
		name: 'identifier',
		type: 'string',
		default: '',
		placeholder: '0000000000000',
		description:
			"South Africa: the person's 13-digit national ID number. Nigeria: the utility number on their bill.",
	},
	{ ...callbackUrlField, required: true },
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['address'], operation: ['verify'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export interface AddressRequest {
	fields: CommonJobFields;
	input: AddressInput;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<AddressRequest> {
	const fields = readCommonJobFields.call(this, itemIndex, true);
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '')).trim();
	const input: AddressInput = {
		country: readCode.call(this, 'country', itemIndex),
		fullName: text('fullName'),
		address: text('address'),
		identifier: text('identifier'),
	};
	throwIfProblem.call(this, checkAddressInput(input), itemIndex);
	return { fields, input };
}

/** Outputs the pending result; the verdict, distance and reason come with the callback. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ fields, input }: AddressRequest,
): Promise<INodeExecutionData> {
	const body = buildAddressBody({
		input,
		partnerParams: buildPartnerParams(fields),
		callbackUrl: fields.callbackUrl,
	});
	return await sendAsyncJob.call(this, JOB, body, fields, [], itemIndex);
}
