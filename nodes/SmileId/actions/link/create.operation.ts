import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildCreateLinkBody, type LinkIdTypeBody } from '../../core/smileLink';
import type { PartnerParamEntry } from '../../core/validation';
import { throwIfProblem } from '../../helpers/fields';
import { checkOfferedIdTypes } from '../../helpers/linkApi';
import { createLink, heldExpiry } from '../../helpers/linkCreate';
import {
	callbackUrlField,
	DEFAULT_CONCURRENCY,
	partnerParamsOption,
	type OperationDefaults,
} from '../common.descriptions';
import { idTypesField, linkItem, readIdTypeRows } from './descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Customer onboarding',
		description: 'Name of the link in the Smile ID portal',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		required: true,
		description: 'Your company as the customer sees it on the hosted page',
	},
	idTypesField(
		'The IDs the customer may verify with. Add one row per country and ID type; each row runs one verification method.',
	),
	{
		displayName: 'Single Use',
		name: 'isSingleUse',
		type: 'boolean',
		default: true,
		description:
			'Whether the link belongs to one customer and stops working once completed. Turn off for one link many customers can use (e.g. on a web page).',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'customer-4711',
		displayOptions: { show: { isSingleUse: [true] } },
		description:
			'The customer this link is for; it comes back as userId with the result, so the workflow can match it',
	},
	{
		...callbackUrlField,
		description:
			"Where Smile ID posts the result when the customer completes the link. Paste the Production URL of a Smile ID Trigger node (shown in its panel); n8n does not give one node another node's webhook URL, so it cannot be filled in for you.",
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		description:
			"When the link stops working. Leave empty for Smile ID's default of 90 days. Must be in the future.",
	},
	{
		displayName: 'Privacy Policy URL',
		name: 'privacyPolicyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/privacy',
		description: 'Your data privacy policy, linked on the hosted page',
	},
	{
		displayName: 'Logo URL',
		name: 'logoUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/logo.png',
		description: 'Your logo, shown on the hosted page',
	},
	{
		...partnerParamsOption,
		description:
			'Your own key/value pairs, e.g. your customer reference. Smile ID returns them with every result of this link (in partnerParams), so the workflow can match a result to its customer.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['create'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

function readPartnerParams(this: IExecuteFunctions, itemIndex: number): PartnerParamEntry[] {
	const value = this.getNodeParameter('partnerParams', itemIndex, {}) as {
		param?: PartnerParamEntry[];
	};
	return (value.param ?? []).map((p) => ({
		key: String(p.key ?? '').trim(),
		value: String(p.value ?? ''),
	}));
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const isSingleUse = this.getNodeParameter('isSingleUse', itemIndex, true) as boolean;
	const built = buildCreateLinkBody(
		{
			name: String(this.getNodeParameter('name', itemIndex, '')),
			companyName: String(this.getNodeParameter('companyName', itemIndex, '')),
			idTypes: readIdTypeRows.call(this, 'idTypes', itemIndex),
			isSingleUse,
			userId: isSingleUse ? String(this.getNodeParameter('userId', itemIndex, '')).trim() : '',
			expiresAt: String(this.getNodeParameter('expiresAt', itemIndex, '') ?? ''),
			callbackUrl: String(this.getNodeParameter('callbackUrl', itemIndex, '')).trim(),
			privacyPolicyUrl: String(this.getNodeParameter('privacyPolicyUrl', itemIndex, '')).trim(),
			logoUrl: String(this.getNodeParameter('logoUrl', itemIndex, '')).trim(),
			partnerParams: readPartnerParams.call(this, itemIndex),
		},
		new Date(),
	);
	if ('problem' in built) throwIfProblem.call(this, built.problem, itemIndex);
	const body = 'body' in built ? built.body : {};
	const unchecked = await checkOfferedIdTypes.call(
		this,
		body.id_types as LinkIdTypeBody[],
		itemIndex,
	);

	const created = await createLink.call(this, body, itemIndex);
	const expiry = await heldExpiry.call(this, created.answer);
	return linkItem(created.answer, itemIndex, {
		expiresAt: expiry.expiresAt,
		isSingleUse,
		userId: isSingleUse ? body.user_id : null,
		warnings: [...unchecked, ...created.warnings, ...expiry.warnings],
	});
}
