import type {
	IBinaryKeyData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkIdentifier } from '../../core/validation';
import { fetchJobStatus } from '../../jobs/jobStatus';
import { throwIfProblem } from '../../helpers/fields';
import { toOutput } from '../../helpers/output';
import { downloadFile, getSigningSecrets } from '../../transport';
import {
	JOB_STATUS_DEFAULT_CONCURRENCY,
	jobStatusOptions,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	userIdField('The user ID the job was submitted with'),
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		description: 'The job ID the job was submitted with (the jobId field of the submit output)',
	},
	{
		displayName: 'Include History',
		name: 'history',
		type: 'boolean',
		default: false,
		description:
			'Whether to include every result Smile ID reported for the job, e.g. provisional then final',
	},
	{
		displayName: 'Include Image Links',
		name: 'imageLinks',
		type: 'boolean',
		default: false,
		description: 'Whether to include expiring links to the images of the job',
	},
	{
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: false,
		displayOptions: { show: { imageLinks: [true] } },
		description:
			'Whether to download the linked images into binary properties named after them (e.g. selfie_image)',
	},
	jobStatusOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getStatus'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: JOB_STATUS_DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const userId = String(this.getNodeParameter('userId', itemIndex, '')).trim();
	const jobId = String(this.getNodeParameter('jobId', itemIndex, '')).trim();
	const imageLinks = this.getNodeParameter('imageLinks', itemIndex, false) as boolean;
	const download =
		imageLinks && (this.getNodeParameter('downloadImages', itemIndex, false) as boolean);
	throwIfProblem.call(this, checkIdentifier('User ID', userId, true), itemIndex);
	throwIfProblem.call(this, checkIdentifier('Job ID', jobId, true), itemIndex);

	const status = await fetchJobStatus.call(
		this,
		await getSigningSecrets.call(this),
		{
			userId,
			jobId,
			history: this.getNodeParameter('history', itemIndex, false) as boolean,
			imageLinks,
		},
		'general',
		itemIndex,
	);
	const output = toOutput(status.normalized, status.raw, [], itemIndex, {
		jobComplete: status.normalized.isFinal,
	});
	const links = status.raw.image_links;
	if (download && typeof links === 'object' && links !== null) {
		const binary: IBinaryKeyData = {};
		for (const [name, url] of Object.entries(links)) {
			if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) continue;
			const file = await downloadFile.call(this, url);
			binary[name] = await this.helpers.prepareBinaryData(
				file.data,
				`${jobId}-${name}.jpg`,
				file.contentType ?? 'image/jpeg',
			);
		}
		output.binary = binary;
	}
	return output;
}
