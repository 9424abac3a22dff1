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
	documentJobProperties(
		{
			displayName: 'ID Type Name or ID',
			name: 'idType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getDocumentIdTypes', loadOptionsDependsOn: ['country'] },
			default: '',
			required: true,
			description:
				'The kind of document, e.g. NATIONAL_ID or PASSPORT: its data is checked with the issuing authority. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		false,
	),
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<DocumentJobRequest> {
	return await prepareDocumentJob.call(this, itemIndex, JobType.EnhancedDocumentVerification);
}

export { executeDocumentJob as execute };
