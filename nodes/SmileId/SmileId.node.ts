import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as address from './actions/address/Address.resource';
import * as aml from './actions/aml/Aml.resource';
import * as business from './actions/business/Business.resource';
import * as callback from './actions/callback/Callback.resource';
import * as document from './actions/document/Document.resource';
import * as idNumber from './actions/idNumber/IdNumber.resource';
import * as job from './actions/job/Job.resource';
import * as link from './actions/link/Link.resource';
import * as phoneNumber from './actions/phoneNumber/PhoneNumber.resource';
import { router } from './actions/router';
import * as smartSelfie from './actions/smartSelfie/SmartSelfie.resource';
import { toolProperties } from './actions/toolProperties';
import { loadOptions } from './methods';

export class SmileId implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID',
		name: 'smileId',
		icon: { light: 'file:../../icons/smileid.svg', dark: 'file:../../icons/smileid.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Verify identity documents, ID numbers and selfies with Smile ID (KYC for Africa): document verification, Enhanced and Biometric KYC, AML screening, SmartSelfie registration, authentication and compare, job status',
		defaults: { name: 'Smile ID' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smileIdApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Address', value: 'address' },
					{ name: 'AML', value: 'aml' },
					{ name: 'Business', value: 'business' },
					{ name: 'Callback', value: 'callback' },
					{ name: 'Document', value: 'document' },
					{ name: 'ID Number', value: 'idNumber' },
					{ name: 'Job', value: 'job' },
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'SmartSelfie', value: 'smartSelfie' },
					{ name: 'Verification Link', value: 'link' },
				],
				default: 'document',
			},
			...document.description,
			...smartSelfie.description,
			...job.description,
			...idNumber.description,
			...callback.description,
			...link.description,
			...aml.description,
			...business.description,
			...phoneNumber.description,
			...address.description,
			...toolProperties,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
