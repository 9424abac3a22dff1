import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkIdNumberLookup, type IdNumberInput } from '../../core/idLookup';
import type { LookupProduct } from '../../core/idNumberTypes';
import { checkCountryCode } from '../../core/validation';
import { readCode, throwIfProblem } from '../../helpers/fields';
import { executionIdNumberTypes } from '../../helpers/liveLists';

/** The ID number and the personal details an ID type may need (Enhanced, Basic and Biometric KYC). */
export const idNumberProperties: INodeProperties[] = [
	{
		displayName: 'Country Name or ID',
		name: 'country',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getIdNumberCountries' },
		default: '',
		required: true,
		description:
			'Country that issued the ID, as a two-letter ISO code such as NG; the list is read live from Smile ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'ID Type Name or ID',
		name: 'idType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getIdNumberTypes', loadOptionsDependsOn: ['country'] },
		default: '',
		required: true,
		description:
			'The kind of ID number, e.g. BVN, NIN_V2, GHANA_CARD or NATIONAL_ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'ID Number',
		name: 'idNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '00000000000',
		description:
			"The person's ID number. It is checked against the ID type's format before any paid lookup.",
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'Optional for most ID types: Smile ID compares it with the authority record',
	},
	{
		displayName: 'Middle Name',
		name: 'middleName',
		type: 'string',
		default: '',
		description: 'Optional: compared with the authority record',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Optional for most ID types: compared with the authority record',
	},
	{
		displayName: 'Date of Birth',
		name: 'dob',
		type: 'string',
		default: '',
		placeholder: '1990-01-31',
		description: 'Optional: written yyyy-mm-dd',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		description: 'Optional: compared with the authority record where it holds one',
	},
	{
		displayName: 'Bank Code',
		name: 'bankCode',
		type: 'string',
		default: '',
		description: "Required for BANK_ACCOUNT: the code Smile ID lists for the account's bank",
	},
	{
		displayName: 'Consent Given',
		name: 'consent',
		type: 'boolean',
		default: false,
		description:
			'Whether the person agreed to this lookup of their personal, contact and document information. Smile ID requires it for some ID types; the node refuses those lookups without it.',
	},
];

export interface CheckedIdNumberInput {
	input: IdNumberInput;
	/** For the output: what could not be checked before the lookup. */
	warnings: string[];
}

/**
 * Reads the fields above (codes trimmed and in capitals, the rest trimmed) and checks them
 * against the product's ID types as Smile ID's live list gives them (read once per
 * execution), or the built-in table when that list cannot be read; nothing paid is sent yet.
 */
export async function readIdNumberInput(
	this: IExecuteFunctions,
	itemIndex: number,
	product: LookupProduct,
): Promise<CheckedIdNumberInput> {
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const input: IdNumberInput = {
		country: readCode.call(this, 'country', itemIndex),
		idType: readCode.call(this, 'idType', itemIndex),
		idNumber: text('idNumber'),
		firstName: text('firstName'),
		middleName: text('middleName'),
		lastName: text('lastName'),
		dob: text('dob'),
		phoneNumber: text('phoneNumber'),
		bankCode: text('bankCode'),
		consent: this.getNodeParameter('consent', itemIndex, false) === true,
	};
	throwIfProblem.call(this, checkCountryCode('Country', input.country), itemIndex);
	const liveTable = await executionIdNumberTypes.call(this, product);
	const { problem, warning } = checkIdNumberLookup(input, liveTable);
	throwIfProblem.call(this, problem, itemIndex);
	return { input, warnings: warning === undefined ? [] : [warning] };
}
