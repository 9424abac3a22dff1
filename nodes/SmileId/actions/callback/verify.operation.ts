import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	DEFAULT_CALLBACK_WINDOW_MINUTES,
	freshnessWindowMs,
	verifyCallback,
} from '../../core/callback';
import { getSigningSecrets } from '../../transport';
import { toOutput } from '../../helpers/output';
import {
	DEFAULT_CONCURRENCY,
	freshnessWindowField,
	type OperationDefaults,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Callback Body',
		name: 'callbackBody',
		type: 'json',
		default: '={{ $json.body }}',
		required: true,
		description:
			'The JSON Smile ID posted, e.g. the body a Webhook or Wait node received. The default expression reads the body field of the incoming item: keep it when this node comes right after that Webhook or Wait node.',
	},
	freshnessWindowField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callback'], operation: ['verify'] } },
	properties,
);

function parseCallbackParameter(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return undefined;
	}
}

export const defaults: OperationDefaults = { concurrency: DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const body = parseCallbackParameter(this.getNodeParameter('callbackBody', itemIndex));
	const windowMinutes = this.getNodeParameter(
		'windowMinutes',
		itemIndex,
		DEFAULT_CALLBACK_WINDOW_MINUTES,
	) as number;
	const verdict = verifyCallback(
		body,
		await getSigningSecrets.call(this),
		freshnessWindowMs(windowMinutes),
	);
	if (!verdict.accepted) {
		throw new NodeOperationError(this.getNode(), `The callback was rejected: ${verdict.message}`, {
			itemIndex,
			description:
				"Only callbacks signed with this credential's partner ID and API key, and sent within the freshness window, are accepted. Check that the credential is for the same environment as the job, and map the callback's JSON body (not the whole webhook item).",
		});
	}
	return toOutput(verdict.result, body as IDataObject, [], itemIndex);
}
