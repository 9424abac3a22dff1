import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as callback from './callback/Callback.resource';
import { DEFAULT_CONCURRENCY, JOB_STATUS_DEFAULT_CONCURRENCY } from './common.descriptions';
import * as document from './document/Document.resource';
import * as idNumber from './idNumber/IdNumber.resource';
import * as job from './job/Job.resource';
import * as smartSelfie from './smartSelfie/SmartSelfie.resource';

type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData>;

const operations: Record<string, Record<string, OperationExecute>> = {
	callback: { verify: callback.verify.execute },
	document: { verify: document.verify.execute },
	idNumber: { resetRateLimit: idNumber.resetRateLimit.execute },
	job: { getStatus: job.getStatus.execute },
	smartSelfie: {
		authenticate: smartSelfie.authenticate.execute,
		compare: smartSelfie.compare.execute,
		register: smartSelfie.register.execute,
	},
};

// With "Continue (using error output)" n8n routes an item by its `error` field. With
// "Continue (using regular output)" the e2e tests saw that field cost the item its advice
// (errorDescription), so it is set only where it routes; the json always carries both.
function errorOutput(this: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), error, { itemIndex });
	const description = nodeError.description;
	return {
		json: {
			error: nodeError.message,
			...(typeof description === 'string' && description ? { errorDescription: description } : {}),
		},
		...(this.getNode().onError === 'continueErrorOutput' ? { error: nodeError } : {}),
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs the chosen operation for every item, a few at a time: Smile ID answers in hundreds
 * of milliseconds, so a bulk run would otherwise spend most of its time waiting.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const options = this.getNodeParameter('options', 0, {}) as { concurrency?: number };
	const defaultConcurrency =
		resource === 'job' && operation === 'getStatus'
			? JOB_STATUS_DEFAULT_CONCURRENCY
			: DEFAULT_CONCURRENCY;
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency));

	const results: INodeExecutionData[] = new Array(items.length);
	let next = 0;
	let failure: unknown;
	const worker = async (): Promise<void> => {
		while (failure === undefined && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await execute.call(this, itemIndex);
			} catch (error) {
				if (this.continueOnFail()) {
					results[itemIndex] = errorOutput.call(this, error as Error, itemIndex);
				} else {
					failure = error;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (failure !== undefined) {
		if (failure instanceof NodeOperationError) throw failure;
		throw new NodeOperationError(this.getNode(), failure as Error);
	}
	return [results];
}
