import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { BASIC_KYC_PATH, buildBasicKycBody, checkBasicKycInput } from '../../core/idLookup';
import { normalizeResult } from '../../core/result';
import { throwIfProblem } from '../../helpers/fields';
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
	action: 'Verifying the ID details',
	product: 'basic_kyc',
	path: BASIC_KYC_PATH,
};

/** What Basic KYC does with the shared fields: it compares them, so the names count. */
const BASIC_KYC_DESCRIPTIONS: Record<string, string> = {
	firstName:
		"Required (except in UG): the person's first name, compared with the authority's record",
	lastName: "Required (except in UG): the person's last name, compared with the authority's record",
	dob: 'Written yyyy-mm-dd; compared with the record. Required in UG.',
	phoneNumber: "Optional: compared with the authority's record where it holds one",
};

const properties: INodeProperties[] = [
	userIdField('Your ID for the person whose details are verified'),
	jobIdField,
	...idNumberProperties.map((p) =>
		BASIC_KYC_DESCRIPTIONS[p.name] ? { ...p, description: BASIC_KYC_DESCRIPTIONS[p.name] } : p,
	),
	{
		displayName: 'Secondary ID Number',
		name: 'secondaryIdNumber',
		type: 'string',
		default: '',
		description:
			'Required in UG (Uganda): the card number printed on the national ID card, while ID Number holds the NIN. Leave empty elsewhere.',
	},
	...answerModeProperties(JOB.path),
	compareOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['idNumber'], operation: ['verifyDetails'] } },
	properties,
);

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export interface VerifyDetailsRequest {
	request: IdNumberJobRequest;
	secondaryIdNumber: string;
}

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<VerifyDetailsRequest> {
	const request = await readIdNumberJob.call(this, JOB, itemIndex);
	const secondaryIdNumber = String(
		this.getNodeParameter('secondaryIdNumber', itemIndex, '') ?? '',
	).trim();
	throwIfProblem.call(this, checkBasicKycInput(request.input, secondaryIdNumber), itemIndex);
	return { request, secondaryIdNumber };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ request, secondaryIdNumber }: VerifyDetailsRequest,
): Promise<INodeExecutionData> {
	const sent = await sendIdNumberJob.call(this, JOB, request, itemIndex, (spec) =>
		buildBasicKycBody({ ...spec, secondaryIdNumber }),
	);
	if (sent.pending) return sent.pending;
	const normalized = normalizeResult(sent.answer, { product: JOB.product });
	return toOutput(normalized, sent.answer, request.warnings, itemIndex, {
		attempts: sent.attempts,
	});
}
