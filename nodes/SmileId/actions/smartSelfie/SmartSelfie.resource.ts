import type { INodeProperties } from 'n8n-workflow';

import * as authenticate from './authenticate.operation';
import * as compare from './compare.operation';
import * as register from './register.operation';

export { authenticate, compare, register };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['smartSelfie'] } },
		options: [
			{
				name: 'Authenticate',
				value: 'authenticate',
				description: 'Check that a returning user is the person who enrolled',
				action: 'Authenticate a selfie',
			},
			{
				name: 'Compare',
				value: 'compare',
				description: 'Compare a selfie with a photo on file and enrol the user in one step',
				action: 'Compare a selfie with a photo',
			},
			{
				name: 'Register',
				value: 'register',
				description: 'Enrol a new user with a selfie for later authentication',
				action: 'Register a selfie',
			},
		],
		default: 'register',
	},
	...authenticate.description,
	...compare.description,
	...register.description,
];
