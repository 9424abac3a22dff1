import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	buildPhoneBody,
	checkPhoneInput,
	PHONE_COUNTRIES,
	PHONE_VERIFICATION_PATH,
	type PhoneInput,
	type PhoneMatchField,
} from '../../core/phoneVerification';
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

/** The docs give phone verification no job type. */
const JOB: SyncOrAsyncJob = {
	action: 'Verifying the phone number',
	product: 'phone_verification',
	path: PHONE_VERIFICATION_PATH,
};

const MATCH_FIELDS: Array<[PhoneMatchField, string, string]> = [
	['first_name', 'firstName', 'First Name'],
	['other_name', 'otherName', 'Other Name'],
	['last_name', 'lastName', 'Last Name'],
	['id_number', 'idNumber', 'ID Number'],
];

const properties: INodeProperties[] = [
	userIdField('Your ID for the person whose phone number is verified'),
	jobIdField,
	{
		displayName: 'Country',
		name: 'country',
		type: 'options',
		default: 'NG',
		options: Object.entries(PHONE_COUNTRIES).map(([value, c]) => ({
			name: c.name,
			value,
			description: `Match fields: ${c.matchFields.join(', ')}`,
		})),
		description: 'Where the phone number is registered',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: '08000000000',
		description:
			'Digits only, as dialled in the country (no + or country code): Kenya, South Africa and Uganda 10 digits, Nigeria 11, Tanzania 12',
	},
	...MATCH_FIELDS.map(
		([field, name, displayName]): INodeProperties => ({
			displayName,
			name,
			type: 'string',
			default: '',
			description:
				field === 'id_number'
					? "Kenya and South Africa only: the national ID number of the phone number's owner, compared with the operator's record"
					: `Nigeria, South Africa, Tanzania and Uganda: the owner's ${displayName.toLowerCase()}, compared with the operator's record`,
		}),
	),
	...answerModeProperties(PHONE_VERIFICATION_PATH),
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['verify'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export interface PhoneRequest {
	isAsync: boolean;
	fields: CommonJobFields;
	input: PhoneInput;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PhoneRequest> {
	const isAsync = this.getNodeParameter('lookupMode', itemIndex, 'sync') === 'async';
	const fields = readCommonJobFields.call(this, itemIndex, isAsync);
	const input: PhoneInput = {
		country: readCode.call(this, 'country', itemIndex),
		phoneNumber: String(this.getNodeParameter('phoneNumber', itemIndex, '')).trim(),
		matchFields: Object.fromEntries(
			MATCH_FIELDS.map(([field, name]) => [
				field,
				String(this.getNodeParameter(name, itemIndex, '')).trim(),
			]),
		),
	};
	throwIfProblem.call(this, checkPhoneInput(input), itemIndex);
	return { isAsync, fields, input };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ isAsync, fields, input }: PhoneRequest,
): Promise<INodeExecutionData> {
	const body = buildPhoneBody({
		input,
		partnerParams: buildPartnerParams(fields),
		callbackUrl: isAsync ? fields.callbackUrl : undefined,
	});
	return await runAnswerableJob.call(this, JOB, isAsync, body, fields, [], itemIndex);
}
