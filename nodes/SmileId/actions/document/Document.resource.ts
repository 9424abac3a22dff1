import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';
import * as verifyWithAuthority from './verifyWithAuthority.operation';

export { verify, verifyWithAuthority };

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
			{
				name: 'Verify with Issuing Authority',
				value: 'verifyWithAuthority',
				description:
					'Verify a document as above and check its data with the authority that issued it (Enhanced Document Verification)',
				action: 'Verify a document against the issuing authority',
			},
		],
		default: 'verify',
	},
	...verify.description,
	...verifyWithAuthority.description,
];
