import type { INodeProperties } from 'n8n-workflow';

import * as screen from './screen.operation';

export { screen };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['aml'] } },
		options: [
			{
				name: 'Screen',
				value: 'screen',
				description:
					'Check a person against sanctions, politically exposed persons (PEP) and adverse-media lists (AML check)',
				action: 'Screen a person',
			},
		],
		default: 'screen',
	},
	...screen.description,
];
