import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { linksOf } from '../../core/smileLink';
import { smileIdApiRequest, smileIdError } from '../../transport';
import { JOB_STATUS_DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';
import { linkItem } from './descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['getAll'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: JOB_STATUS_DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	// Get All Links documents no paging: one answer holds every link, so Limit cuts it here.
	const response = await smileIdApiRequest.call(this, 'GET', '/v1/smile_links', {});
	if (response.statusCode >= 300) {
		throw smileIdError.call(this, response, 'Listing the links', 'general', itemIndex);
	}
	return linksOf(response.body)
		.slice(0, limit)
		.map((link) => linkItem(link, itemIndex));
}
