import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkCountryCode, checkRequiredText } from '../../core/validation';
import { readCode, throwIfProblem } from '../../helpers/fields';
import { smileIdApiRequest, smileIdError } from '../../transport';
import { countryField, DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';

const properties: INodeProperties[] = [
	countryField,
	{
		displayName: 'ID Type',
		name: 'idType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'NIN_V2',
		description: 'The Smile ID id_type keyword the blocked requests used, e.g. BVN or NATIONAL_ID',
	},
	{
		displayName: 'ID Number',
		name: 'idNumber',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID number Smile ID blocked (error 2222)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['idNumber'], operation: ['resetRateLimit'] } },
	properties,
);

const RESET_SUCCESS_MESSAGE = 'Rate limit reset successful';
// The endpoint takes the id_type of the blocked ID number requests (BVN, NIN_V2 …), which may
// come from Enhanced, Basic or Biometric KYC, each with its own ID type list: no one product's
// list can say the type is wrong, so it is sent as entered.
const ID_TYPE_NOT_CHECKED =
	'ID Type was sent as entered, not checked against the ID type lists Look Up uses. Smile ID answers with an error if it does not know it.';

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const country = readCode.call(this, 'country', itemIndex);
	const idType = readCode.call(this, 'idType', itemIndex);
	const idNumber = String(this.getNodeParameter('idNumber', itemIndex, '')).trim();
	throwIfProblem.call(this, checkCountryCode('Country', country), itemIndex);
	throwIfProblem.call(
		this,
		checkRequiredText('ID Type', idType, 'Enter the id_type of the blocked requests, e.g. BVN.'),
		itemIndex,
	);
	throwIfProblem.call(
		this,
		checkRequiredText('ID Number', idNumber, 'Enter the blocked ID number.'),
		itemIndex,
	);

	const response = await smileIdApiRequest.call(this, 'POST', '/v1/id_number_rate_limit_reset', {
		country,
		id_type: idType,
		id_number: idNumber,
	});
	// assumption:rate-limit-reset-answer
	const success = response.body.success === true || response.body.success === 'true';
	if (response.statusCode >= 300 || !success) {
		throw smileIdError.call(
			this,
			response,
			'Resetting the ID number rate limit',
			'id_rate_limit_reset',
			itemIndex,
		);
	}
	return {
		json: {
			success: true,
			message: String(response.body.message ?? RESET_SUCCESS_MESSAGE),
			country,
			idType,
			idNumber,
			warnings: [ID_TYPE_NOT_CHECKED],
			raw: response.body,
		},
		pairedItem: { item: itemIndex },
	};
}
