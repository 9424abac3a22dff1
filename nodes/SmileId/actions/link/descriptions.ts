import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LINK_METHOD_NAMES } from '../../core/linkOffers';
import { summariseLink } from '../../core/linkAnswer';
import { LINK_VERIFICATION_METHODS, type LinkIdTypeRow } from '../../core/smileLink';

/** The ID types a link offers: one row per country + ID type, each with its one method. */
export const idTypesField = (description: string): INodeProperties => ({
	displayName: 'ID Types',
	name: 'idTypes',
	type: 'fixedCollection',
	placeholder: 'Add ID Type',
	typeOptions: { multipleValues: true },
	default: {},
	description,
	options: [
		{
			displayName: 'ID Type',
			name: 'idType',
			values: [
				{
					displayName: 'Country',
					name: 'country',
					type: 'string',
					default: '',
					placeholder: 'NG',
					description: 'Two-letter ISO code of the country that issued the ID',
				},
				{
					displayName: 'ID Type',
					name: 'idType',
					type: 'string',
					default: '',
					placeholder: 'PASSPORT',
					description: 'The Smile ID id_type keyword, e.g. PASSPORT, NATIONAL_ID or BVN',
				},
				{
					displayName: 'Verification Method',
					name: 'verificationMethod',
					type: 'options',
					default: 'doc_verification',
					options: LINK_VERIFICATION_METHODS.map((value) => ({
						name: LINK_METHOD_NAMES[value],
						value,
					})),
					description: 'The check Smile ID runs for this ID type (one method per ID type)',
				},
			],
		},
	],
});

export function readIdTypeRows(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): LinkIdTypeRow[] {
	const value = this.getNodeParameter(name, itemIndex, {}) as { idType?: LinkIdTypeRow[] };
	return value.idType ?? [];
}

export const refIdField: INodeProperties = {
	displayName: 'Link Reference ID',
	name: 'refId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. the refId that Create returned',
	description: "The link's ref_id, as the Create and Get Many operations return it",
};

/** One output item per link, the same fields for every operation. */
export function linkItem(
	body: Record<string, unknown>,
	itemIndex: number,
	extra: Record<string, unknown> = {},
): INodeExecutionData {
	return {
		json: { ...summariseLink(body), ...extra, raw: body } as INodeExecutionData['json'],
		pairedItem: { item: itemIndex },
	};
}
