import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listLinks } from '../../helpers/linkApi';
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
	// The docs show no paging; listLinks follows it when an answer announces more pages.
	const links = await listLinks.call(this, itemIndex, limit);
	return links.map((link) => linkItem(link, itemIndex));
}
