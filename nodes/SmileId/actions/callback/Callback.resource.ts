import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callback'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description: 'Check the signature of a result callback received by a Webhook or Wait node',
				action: 'Verify a callback',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
