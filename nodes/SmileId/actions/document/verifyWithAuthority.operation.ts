import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { JobType } from '../../core/jobPayload';
import { DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';
import {
	documentJobProperties,
	executeDocumentJob,
	prepareDocumentJob,
	type DocumentJobRequest,
} from './documentJob';

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['verifyWithAuthority'] } },
	documentJobProperties({
		description:
			'The kind of document, e.g. NATIONAL_ID or PASSPORT: its data is checked with the issuing authority.',
		required: true,
		offersEnrolledSelfie: false,
	}),
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<DocumentJobRequest> {
	return await prepareDocumentJob.call(this, itemIndex, JobType.EnhancedDocumentVerification);
}

export { executeDocumentJob as execute };
