import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ExecutionBaseError, NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as aml from './aml/Aml.resource';
import * as callback from './callback/Callback.resource';
import type { OperationDefaults } from './common.descriptions';
import * as document from './document/Document.resource';
import * as idNumber from './idNumber/IdNumber.resource';
import * as job from './job/Job.resource';
import * as link from './link/Link.resource';
import * as smartSelfie from './smartSelfie/SmartSelfie.resource';

/** What every *.operation.ts exports: its execute (one item, or a list such as Get Many's) and its defaults. */
interface Operation {
	execute: (
		this: IExecuteFunctions,
		itemIndex: number,
	) => Promise<INodeExecutionData | INodeExecutionData[]>;
	defaults: OperationDefaults;
}

const operations: Record<string, Record<string, Operation>> = {
	aml: { screen: aml.screen },
	callback: { verify: callback.verify },
	document: { verify: document.verify, verifyWithAuthority: document.verifyWithAuthority },
	idNumber: {
		lookUp: idNumber.lookUp,
		resetRateLimit: idNumber.resetRateLimit,
		verifyDetails: idNumber.verifyDetails,
		verifyWithSelfie: idNumber.verifyWithSelfie,
	},
	job: { getStatus: job.getStatus },
	link: { create: link.create, get: link.get, getAll: link.getAll, update: link.update },
	smartSelfie: {
		authenticate: smartSelfie.authenticate,
		compare: smartSelfie.compare,
		register: smartSelfie.register,
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
	const selected = operations[resource]?.[operation];
	if (!selected) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const options = this.getNodeParameter('options', 0, {}) as { concurrency?: number };
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? selected.defaults.concurrency));

	const results: Array<INodeExecutionData | INodeExecutionData[]> = new Array(items.length);
	let next = 0;
	let failure: unknown;
	const worker = async (): Promise<void> => {
		while (failure === undefined && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await selected.execute.call(this, itemIndex);
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
		// n8n's own errors pass unchanged: a NodeApiError keeps Smile ID's code, advice and
		// HTTP status, as it does with Continue On Fail.
		if (failure instanceof ExecutionBaseError) throw failure;
		throw new NodeOperationError(this.getNode(), failure as Error);
	}
	return [results.flat()];
}
