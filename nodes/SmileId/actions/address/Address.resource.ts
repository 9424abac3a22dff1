import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['address'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description:
					"Check a person's address (NG, ZA) against the record of their ID or utility number (Digital Address Verification); the verdict comes by callback",
				action: 'Verify an address',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
