import type { INodeProperties } from 'n8n-workflow';

import * as lookUp from './lookUp.operation';
import * as resetRateLimit from './resetRateLimit.operation';
import * as verifyDetails from './verifyDetails.operation';
import * as verifyWithSelfie from './verifyWithSelfie.operation';

export { lookUp, resetRateLimit, verifyDetails, verifyWithSelfie };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['idNumber'] } },
		options: [
			{
				name: 'Look Up',
				value: 'lookUp',
				description:
					"Look an ID number up at its issuing authority (Enhanced KYC): the person's details and photo as the authority holds them",
				action: 'Look up an ID number',
			},
			{
				name: 'Reset Rate Limit',
				value: 'resetRateLimit',
				description:
					'Unblock an ID number that Smile ID blocked after too many requests (error 2222)',
				action: 'Reset the rate limit of an ID number',
			},
			{
				name: 'Verify Details',
				value: 'verifyDetails',
				description:
					"Compare a person's names, date of birth and phone number with the ID authority's record of their ID number (Basic KYC): exact, partial or no match, field by field",
				action: 'Verify details against an ID number',
			},
			{
				name: 'Verify with Selfie',
				value: 'verifyWithSelfie',
				description:
					"Look an ID number up and compare the person's selfie with the authority's photo (Biometric KYC)",
				action: 'Verify a selfie against an ID number',
			},
		],
		// The resource's first operation: saved workflows omit a default value, so a new default
		// would silently turn their rate-limit resets into paid lookups.
		default: 'resetRateLimit',
	},
	...lookUp.description,
	...resetRateLimit.description,
	...verifyDetails.description,
	...verifyWithSelfie.description,
];
