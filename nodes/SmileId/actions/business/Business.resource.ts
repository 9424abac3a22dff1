import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['business'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description:
					"Look a business up in its country's registry (Business Verification, KYB): company record, directors, beneficial owners and fiduciaries as lists",
				action: 'Verify a business',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
