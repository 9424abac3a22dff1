import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a hosted verification link (Smile Link) to send to a customer, who captures their own selfie and ID',
				action: 'Create a verification link',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one verification link',
				action: 'Get a verification link',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many verification links',
				action: 'Get many verification links',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Disable or enable a link, or change its expiry or ID types',
				action: 'Update a verification link',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
