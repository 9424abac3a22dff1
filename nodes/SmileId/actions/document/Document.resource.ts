import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description: 'Check that an ID document is genuine and belongs to the person in the selfie',
				action: 'Verify a document',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
