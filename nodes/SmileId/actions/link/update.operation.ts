import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	buildUpdateLinkBody,
	checkRefId,
	type LinkIdTypeBody,
	type UpdateLinkInput,
} from '../../core/smileLink';
import { throwIfProblem } from '../../helpers/fields';
import { checkOfferedIdTypes, linkError } from '../../helpers/linkApi';
import { smileIdApiRequest } from '../../transport';
import { DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';
import { idTypesField, linkItem, readIdTypeRows, refIdField } from './descriptions';

const properties: INodeProperties[] = [
	refIdField,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'keep',
		options: [
			{ name: 'Keep As Is', value: 'keep' },
			{ name: 'Enable', value: 'enable', description: 'Customers can open the link again' },
			{
				name: 'Disable',
				value: 'disable',
				description: 'The link stops working at once, e.g. when it was sent to the wrong person',
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'A new expiry, in the future',
			},
			idTypesField(
				'Replaces every ID type of the link. One row per country and ID type, each with one verification method.',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['update'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const refId = String(this.getNodeParameter('refId', itemIndex, '')).trim();
	throwIfProblem.call(this, checkRefId(refId), itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as {
		expiresAt?: string;
		idTypes?: unknown;
	};
	const built = buildUpdateLinkBody(
		{
			status: this.getNodeParameter('status', itemIndex, 'keep') as UpdateLinkInput['status'],
			expiresAt: String(updateFields.expiresAt ?? ''),
			idTypes:
				updateFields.idTypes === undefined
					? undefined
					: readIdTypeRows.call(this, 'updateFields.idTypes', itemIndex),
		},
		new Date(),
	);
	if ('problem' in built) throwIfProblem.call(this, built.problem, itemIndex);
	const body = 'body' in built ? built.body : {};
	const unchecked = Array.isArray(body.id_types)
		? await checkOfferedIdTypes.call(this, body.id_types as LinkIdTypeBody[], itemIndex)
		: [];

	const response = await smileIdApiRequest.call(
		this,
		'PUT',
		`/v1/smile_links/${encodeURIComponent(refId)}`,
		body,
	);
	if (response.statusCode >= 300) {
		throw linkError.call(this, response, `Updating the link ${refId}`, 'update', itemIndex, {
			refId,
		});
	}
	return linkItem({ ref_id: refId, ...response.body }, itemIndex, { warnings: unchecked });
}
