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
	{ show: { resource: ['document'], operation: ['verify'] } },
	documentJobProperties(
		{
			displayName: 'ID Type Name or ID',
			name: 'idType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getDocumentIdTypes', loadOptionsDependsOn: ['country'] },
			default: '',
			description:
				'The kind of document. Leave empty to let Smile ID classify it (a document it cannot classify is rejected). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		true,
	),
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<DocumentJobRequest> {
	return await prepareDocumentJob.call(this, itemIndex, JobType.DocumentVerification);
}

export { executeDocumentJob as execute };
