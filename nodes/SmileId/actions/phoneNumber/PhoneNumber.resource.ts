import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description:
					"Check that a phone number (KE, NG, ZA, TZ, UG) belongs to the person: the owner's names or ID number compared with the operator's record, field by field",
				action: 'Verify a phone number',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
