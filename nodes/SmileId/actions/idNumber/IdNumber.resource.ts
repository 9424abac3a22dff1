import type { INodeProperties } from 'n8n-workflow';

import * as resetRateLimit from './resetRateLimit.operation';

export { resetRateLimit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['idNumber'] } },
		options: [
			{
				name: 'Reset Rate Limit',
				value: 'resetRateLimit',
				description:
					'Unblock an ID number that Smile ID blocked after too many requests (error 2222)',
				action: 'Reset the rate limit of an ID number',
			},
		],
		default: 'resetRateLimit',
	},
	...resetRateLimit.description,
];
