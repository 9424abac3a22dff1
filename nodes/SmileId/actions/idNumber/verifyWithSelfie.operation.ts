import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idDetails } from '../../core/idLookup';
import type { LookupProduct } from '../../core/idNumberTypes';
import { JobType } from '../../core/jobPayload';
import { DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';
import {
	executeSelfieJob,
	prepareSelfieJob,
	selfieJobProperties,
	type SelfieJobRequest,
} from '../smartSelfie/selfieJob';
import { idNumberProperties, readIdNumberInput } from './idNumberFields';

const PRODUCT = 'biometric_kyc' satisfies LookupProduct;

export const description = updateDisplayOptions(
	{ show: { resource: ['idNumber'], operation: ['verifyWithSelfie'] } },
	selfieJobProperties(
		'A new ID for this person; after an approved result, SmartSelfie Authentication can use it',
		idNumberProperties,
	),
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<SelfieJobRequest> {
	// `entered`: the ID info was typed in, so Smile ID looks it up instead of reading an ID card.
	return await prepareSelfieJob.call(this, itemIndex, JobType.BiometricKyc, async () => {
		const { input, warnings } = await readIdNumberInput.call(this, itemIndex, PRODUCT);
		return { idInfo: { ...idDetails(input), entered: true }, warnings };
	});
}

export { executeSelfieJob as execute };
