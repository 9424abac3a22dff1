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
	{ show: { resource: ['smartSelfie'], operation: ['authenticate'] } },
	selfieJobProperties(
		'The ID of a person already enrolled with Smile ID (by SmartSelfie Register, Document Verification, Biometric KYC or Compare)',
	),
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<SelfieJobRequest> {
	return await prepareSelfieJob.call(this, itemIndex, JobType.SmartSelfieAuthentication);
}

export { executeSelfieJob as execute };
