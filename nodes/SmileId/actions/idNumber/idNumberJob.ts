import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { IdNumberInput, LookupBodyInput } from '../../core/idLookup';
import type { LookupProduct } from '../../core/idNumberTypes';
import { JobType } from '../../core/jobPayload';
import {
	buildPartnerParams,
	readCommonJobFields,
	type CommonJobFields,
} from '../../helpers/fields';
import { sendAnswerableJob, type AnswerableJobAnswer } from '../../jobs/jsonJob';
import { callbackUrlField } from '../common.descriptions';
import { readIdNumberInput } from './idNumberFields';

/** A job-type-5 request answered at once (sync) or by callback (async): Enhanced and Basic KYC. */
export interface IdNumberJob {
	/** What the node was doing, for messages: "Looking up the ID number". */
	action: string;
	product: LookupProduct;
	path: { sync: string; async: string };
}

/** The Answer choice (sync or by callback) and the callback URL it needs. */
export function answerModeProperties(path: IdNumberJob['path']): INodeProperties[] {
	return [
		{
			displayName: 'Answer',
			name: 'lookupMode',
			type: 'options',
			default: 'sync',
			options: [
				{
					name: 'Wait for the ID Authority',
					value: 'sync',
					description: `Synchronous ${path.sync}: the result is the output. When the authority is down, the item does not fail: it outputs result code 1015 with outcome error, to try again later.`,
				},
				{
					name: 'By Callback',
					value: 'async',
					description: `Asynchronous ${path.async}: Smile ID posts the result to the callback URL, even after an authority outage. Smile ID recommends it for volume.`,
				},
			],
			description: 'How the result arrives',
		},
		{ ...callbackUrlField, displayOptions: { show: { lookupMode: ['async'] } } },
	];
}

export type IdNumberJobAnswer = AnswerableJobAnswer;

/** What an item asks of an ID-number job: the Answer mode, the common fields and the checked input. */
export interface IdNumberJobRequest {
	/** The Answer field: 'async' posts to the async path, anything else to the sync one. */
	mode: string;
	fields: CommonJobFields;
	input: IdNumberInput;
	/** The input checks' warnings, carried into the output. */
	warnings: string[];
}

/** Reads an item's Answer mode and common fields, and checks its ID number; nothing is sent yet. */
export async function readIdNumberJob(
	this: IExecuteFunctions,
	job: IdNumberJob,
	itemIndex: number,
): Promise<IdNumberJobRequest> {
	const mode = this.getNodeParameter('lookupMode', itemIndex, 'sync') as string;
	const fields = readCommonJobFields.call(this, itemIndex, mode === 'async');
	const { input, warnings } = await readIdNumberInput.call(this, itemIndex, job.product);
	return { mode, fields, input, warnings };
}

/** Builds the body from the request and sends it to the sync or async path (sendAnswerableJob). */
export async function sendIdNumberJob(
	this: IExecuteFunctions,
	job: IdNumberJob,
	{ mode, fields, input, warnings }: IdNumberJobRequest,
	itemIndex: number,
	buildBody: (spec: LookupBodyInput) => Record<string, unknown>,
): Promise<IdNumberJobAnswer> {
	const isAsync = mode === 'async';
	const body = buildBody({
		input,
		partnerParams: buildPartnerParams(fields),
		callbackUrl: isAsync ? fields.callbackUrl : undefined,
		consentGrantedAt: new Date().toISOString(),
	});
	return await sendAnswerableJob.call(
		this,
		{ ...job, jobType: JobType.EnhancedKyc },
		isAsync,
		body,
		fields,
		warnings,
		itemIndex,
	);
}
