/** The node called as a tool by an AI agent or through n8n's MCP Server Trigger. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	compactForTool,
	deriveToolJobId,
	DEFAULT_REPEAT_WINDOW_HOURS,
	type RepeatedToolCall,
} from '../core/toolCall';
import { fetchJobStatus } from '../jobs/jobStatus';
import { getSigningSecrets } from '../transport';
import { toOutput } from './output';

/** The tool variant's own fields (actions/toolProperties.ts). */
export const TOOL_DESCRIPTION = 'toolDescription';
export const REPEAT_WINDOW = 'toolRepeatWindowHours';
export const INCLUDE_RAW = 'toolIncludeRaw';

/**
 * n8n runs a node as a tool under its generated tool type, named after the node with "Tool"
 * appended (n8n-nodes-smileid.smileIdTool); the `@tool` display condition reads the same.
 */
export function isToolCall(this: IExecuteFunctions): boolean {
	return this.getNode().type.endsWith('Tool');
}

/** Settings of the tool itself: they change nothing in the request to Smile ID. */
const NOT_THE_REQUEST = new Set([
	'jobId',
	'descriptionType',
	TOOL_DESCRIPTION,
	REPEAT_WINDOW,
	INCLUDE_RAW,
]);

/**
 * The job ID of a billed tool call with Job ID empty: made from every parameter as this call
 * resolves it ($fromAI arguments included) and the repeat window, so the same call again
 * within the window reaches the job the first one made.
 */
export function toolJobId(this: IExecuteFunctions, itemIndex: number): string {
	const input: Record<string, unknown> = {};
	for (const name of Object.keys(this.getNode().parameters)) {
		if (!NOT_THE_REQUEST.has(name)) input[name] = this.getNodeParameter(name, itemIndex, null);
	}
	const hours = Number(
		this.getNodeParameter(REPEAT_WINDOW, itemIndex, DEFAULT_REPEAT_WINDOW_HOURS),
	);
	return deriveToolJobId(
		input,
		Number.isFinite(hours) ? hours : DEFAULT_REPEAT_WINDOW_HOURS,
		Date.now(),
	);
}

/**
 * A repeated tool call's answer (assumption:job-status-all-products): the first call's job,
 * read with Job Status (free), instead of
 * Smile ID's "job already exists" refusal.
 */
export async function repeatedCallOutput(
	this: IExecuteFunctions,
	repeat: RepeatedToolCall,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const status = await fetchJobStatus.call(
		this,
		await getSigningSecrets.call(this),
		{ userId: repeat.userId, jobId: repeat.jobId },
		repeat.product,
		itemIndex,
	);
	return toOutput(status.normalized, status.raw, [], itemIndex, {
		jobComplete: status.normalized.isFinal,
		repeatedCall: true,
		note: `The same call was made earlier within the repeat window: this is that job's result (job ID ${repeat.jobId}), read with Job Status. No new job was created or billed.`,
	});
}

/**
 * The items as a model gets them: small and without images (n8n itself leaves binary data
 * out). A tool call is one item, so Include Raw Answer is read once.
 */
export function toolAnswer(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	const includeRaw = this.getNodeParameter(INCLUDE_RAW, 0, false) === true;
	return items.map((item) => ({
		...item,
		json: compactForTool(item.json, includeRaw) as IDataObject,
	}));
}
