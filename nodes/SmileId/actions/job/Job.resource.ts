import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';

export { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the current or final result of a job',
				action: 'Get the status of a job',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
