import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { JobType } from '../../core/jobPayload';
import { DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';
import {
	executeSelfieJob,
	prepareSelfieJob,
	selfieJobProperties,
	type SelfieJobRequest,
} from './selfieJob';

export const description = updateDisplayOptions(
	{ show: { resource: ['smartSelfie'], operation: ['register'] } },
	selfieJobProperties(
		'A new ID for this person; later authentications use it. Smile ID refuses an ID that is already enrolled.',
	),
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<SelfieJobRequest> {
	return await prepareSelfieJob.call(this, itemIndex, JobType.SmartSelfieRegistration);
}

export { executeSelfieJob as execute };
