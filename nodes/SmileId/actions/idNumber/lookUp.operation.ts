import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildIdLookupBody } from '../../core/idLookup';
import { normalizeResult } from '../../core/result';
import { toOutput } from '../../helpers/output';
import {
	compareOptions,
	DEFAULT_CONCURRENCY,
	jobIdField,
	type OperationDefaults,
	userIdField,
} from '../common.descriptions';
import { idNumberProperties } from './idNumberFields';
import {
	answerModeProperties,
	readIdNumberJob,
	sendIdNumberJob,
	type IdNumberJob,
	type IdNumberJobRequest,
} from './idNumberJob';

const JOB: IdNumberJob = {
	action: 'Looking up the ID number',
	product: 'enhanced_kyc',
	path: { sync: '/v1/id_verification', async: '/v1/async_id_verification' },
};

const properties: INodeProperties[] = [
	userIdField('Your ID for the person whose ID number is looked up'),
	jobIdField,
	...idNumberProperties,
	...answerModeProperties(JOB.path),
	{
		displayName: 'Put Photo in Field',
		name: 'photoProperty',
		type: 'string',
		default: 'photo',
		displayOptions: { show: { lookupMode: ['sync'] } },
		description:
			"The binary property that receives the authority's photo of the person, where the ID type returns one",
	},
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['idNumber'], operation: ['lookUp'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

/** The checked request, and where the photo goes: read before the paid lookup, so neither can fail after it. */
export interface LookUpRequest {
	request: IdNumberJobRequest;
	photoProperty: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<LookUpRequest> {
	const request = await readIdNumberJob.call(this, JOB, itemIndex);
	const photoProperty =
		request.mode === 'async'
			? ''
			: String(this.getNodeParameter('photoProperty', itemIndex, 'photo')) || 'photo';
	return { request, photoProperty };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ request, photoProperty }: LookUpRequest,
): Promise<INodeExecutionData> {
	const sent = await sendIdNumberJob.call(this, JOB, request, itemIndex, buildIdLookupBody);
	if (sent.pending) return sent.pending;
	const { answer, attempts } = sent;

	const { Photo: photo, ...raw } = answer;
	const normalized = normalizeResult(raw, { product: JOB.product });
	const output = toOutput(normalized, raw, request.warnings, itemIndex, { attempts });
	if (typeof photo === 'string' && photo !== '' && photo !== 'Not Available') {
		output.binary = {
			[photoProperty]: await this.helpers.prepareBinaryData(
				Buffer.from(photo, 'base64'),
				`${normalized.jobId ?? 'id-authority'}-photo.jpg`,
				'image/jpeg',
			),
		};
	}
	return output;
}
