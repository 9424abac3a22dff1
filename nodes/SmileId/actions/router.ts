import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ExecutionBaseError, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { alreadySentAdvice, appendAdvice, nothingSentAdvice, type SentItem } from '../core/batch';
import { RepeatedToolCall } from '../core/toolCall';
import { isToolCall, repeatedCallOutput, toolAnswer } from '../helpers/toolCall';
import * as address from './address/Address.resource';
import * as aml from './aml/Aml.resource';
import * as business from './business/Business.resource';
import * as callback from './callback/Callback.resource';
import type { OperationDefaults } from './common.descriptions';
import * as document from './document/Document.resource';
import * as idNumber from './idNumber/IdNumber.resource';
import * as job from './job/Job.resource';
import * as link from './link/Link.resource';
import * as phoneNumber from './phoneNumber/PhoneNumber.resource';
import * as smartSelfie from './smartSelfie/SmartSelfie.resource';

/**
 * What every *.operation.ts exports: its execute (one item, or a list such as Get Many's) and
 * its defaults. An operation that sends a billed request also exports prepare: it reads and
 * checks one item's input and sends nothing billed, so a bad item stops the run before any
 * item is paid for; execute then gets what prepare returned. Method signatures, so that each
 * operation may declare the type its own prepare returns.
 */
interface Operation {
	prepare?(this: IExecuteFunctions, itemIndex: number): Promise<unknown>;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		prepared: unknown,
	): Promise<INodeExecutionData | INodeExecutionData[]>;
	defaults: OperationDefaults;
}

const operations: Record<string, Record<string, Operation>> = {
	address: { verify: address.verify },
	aml: { screen: aml.screen },
	business: { verify: business.verify },
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
	phoneNumber: { verify: phoneNumber.verify },
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

/** n8n's own errors pass unchanged: a NodeApiError keeps Smile ID's code, advice and HTTP status. */
function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): ExecutionBaseError {
	return error instanceof ExecutionBaseError
		? error
		: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** The items whose output names a job: what the failed run had already sent to Smile ID. */
function sentItems(
	results: Array<INodeExecutionData | INodeExecutionData[] | undefined>,
): SentItem[] {
	const sent: SentItem[] = [];
	results.forEach((result, itemIndex) => {
		const json = result === undefined || Array.isArray(result) ? undefined : result.json;
		if (typeof json?.jobId !== 'string') return;
		sent.push({
			itemIndex,
			jobId: json.jobId,
			userId: typeof json.userId === 'string' ? json.userId : null,
		});
	});
	return sent;
}

/** An operation's answer; a repeated tool call's is the first call's job, read with Job Status. */
async function executeItem(
	this: IExecuteFunctions,
	selected: Operation,
	itemIndex: number,
	prepared: unknown,
): Promise<INodeExecutionData | INodeExecutionData[]> {
	try {
		return await selected.execute.call(this, itemIndex, prepared);
	} catch (error) {
		if (error instanceof RepeatedToolCall) {
			return await repeatedCallOutput.call(this, error, itemIndex);
		}
		throw asNodeError.call(this, error, itemIndex);
	}
}

/**
 * Runs the chosen operation for every item: first prepare (the checks) for every item in
 * order, then execute a few at a time: Smile ID answers in hundreds of milliseconds, so a
 * bulk run would otherwise spend most of its time waiting.
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
	const prepared: unknown[] = new Array(items.length);
	const ready: number[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = await selected.prepare?.call(this, itemIndex);
			ready.push(itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) {
				const nodeError = asNodeError.call(this, error);
				const advice = nothingSentAdvice(itemIndex, items.length);
				if (advice) nodeError.description = appendAdvice(nodeError.description, advice);
				throw nodeError;
			}
			results[itemIndex] = errorOutput.call(this, error as Error, itemIndex);
		}
	}

	let next = 0;
	let failure: unknown;
	const worker = async (): Promise<void> => {
		while (failure === undefined && next < ready.length) {
			const itemIndex = ready[next++];
			try {
				results[itemIndex] = await executeItem.call(this, selected, itemIndex, prepared[itemIndex]);
			} catch (error) {
				if (this.continueOnFail()) {
					results[itemIndex] = errorOutput.call(this, error as Error, itemIndex);
				} else {
					failure = error;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, ready.length) }, worker));
	if (failure !== undefined) {
		const nodeError = asNodeError.call(this, failure);
		const advice = selected.prepare && alreadySentAdvice(sentItems(results));
		if (advice) nodeError.description = appendAdvice(nodeError.description, advice);
		throw nodeError;
	}
	return [isToolCall.call(this) ? toolAnswer.call(this, results.flat()) : results.flat()];
}
