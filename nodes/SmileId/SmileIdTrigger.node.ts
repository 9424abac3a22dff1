import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { fromParameter, NodeConnectionTypes, webhookDescriptionFields } from 'n8n-workflow';

import { freshnessWindowField } from './actions/common.descriptions';
import { JOB_TYPE_FILTER_OPTIONS } from './core/callbackFilter';
import { OUTCOME_NAMES } from './core/resultCodes';
import { ACCEPTED_ANSWER, takeCallback } from './trigger/callbackIntake';

const CONFIRM_DESCRIPTION =
	"Whether to fetch the job's signed status from Smile ID (a free API call) and use it instead of the posted body. The callback signature does not cover the body: without this, a copy of a callback with its result changed can start the workflow at an n8n process that has not seen the original (queue mode with several webhook processes). If Smile ID cannot be reached the callback is answered 503 and Smile ID sends it again.";

const documentToBinaryField: INodeProperties = {
	displayName: 'Document Image to Binary',
	name: 'documentToBinary',
	type: 'boolean',
	default: false,
	description:
		'Whether to move the base64 Document image of Document Verification results into a binary property named "document"',
};

/** The Options collection, shown for the given trigger versions. */
function settingsCollection(versions: number[], options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { '@version': versions } },
		options,
	};
}

// Only n8n 2.x has these helpers. It resolves a path declared with them without its
// expression sandbox, which otherwise costs each callback an evaluation of the template; n8n
// 1.x evaluates the template.
const N8N_2 = typeof webhookDescriptionFields === 'function' && typeof fromParameter === 'function';
const WEBHOOK_PATH = N8N_2
	? webhookDescriptionFields({ path: fromParameter('path') })
	: { path: '={{$parameter["path"]}}' };

// A 2xx tells Smile ID not to send the callback again, so n8n must hold the run before it goes
// out. n8n 2.x answers an onReceived webhook with the node's webhookResponse only once it has
// created the execution (and queued it in queue mode). n8n 1.x answers onReceived before it
// creates the execution; there the trigger answers from its own step of the run, the way a
// Respond to Webhook node does.

const OUTCOME_OPTIONS = Object.entries(OUTCOME_NAMES)
	.map(([value, name]) => ({ name, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

export class SmileIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID Trigger',
		name: 'smileIdTrigger',
		icon: { light: 'file:../../icons/smileid.svg', dark: 'file:../../icons/smileid.dark.svg' },
		group: ['trigger'],
		// Version 2 lets n8n read the body: for a version 1 trigger n8n 2.x evaluates the hidden
		// Raw Body option in its expression sandbox on every callback. Version 3 confirms every
		// callback with Job Status by default and keeps no replay memory in static data, which
		// n8n cannot keep whole under concurrent callbacks (README, queue mode).
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '=Results posted to /{{ $parameter["path"] }}',
		description:
			'Verify ID documents and selfies with Smile ID, and start workflows from its signed job results',
		defaults: { name: 'Smile ID Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smileIdApi', required: true }],
		triggerPanel: {
			header: 'Listen for Smile ID results',
			executionsHelp: {
				inactive:
					"Smile ID posts each job's result to the Callback URL sent with the job.<br /><br /><b>While building</b>: click 'Execute step', then submit a job whose Callback URL is the Test URL; the result shows up here.<br /><br /><b>In production</b>: publish the workflow and use the Production URL; every signed result starts an execution, shown in the executions list.",
				active:
					"Smile ID posts each job's result to the Callback URL sent with the job.<br /><br /><b>While building</b>: click 'Execute step', then submit a job whose Callback URL is the Test URL; the result shows up here.<br /><br />Since the workflow is published, results posted to the Production URL appear in the <a data-key=\"executions\">executions list</a>.",
			},
			activationHint:
				'Once the workflow is published, results posted to the Production URL start it without this button.',
		},
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: N8N_2 ? 'onReceived' : 'responseNode',
				// n8n would otherwise send its default, the text 'firstEntryJson', as the body
				// rather than the node's webhookResponse.
				responseData: '',
				...WEBHOOK_PATH,
				// A short, readable URL (/webhook/<path>) that users paste into each job.
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName:
					"Paste this node's Production URL (under Webhook URLs above) into the Callback URL of your Smile ID jobs. Results start the workflow once it is active (published). While building, use the Test URL and execute this step.",
				name: 'callbackNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'smile-id',
				required: true,
				description: 'The last part of the webhook URL. Use a different path per workflow.',
			},
			{
				displayName: 'Job Types',
				name: 'jobTypes',
				type: 'multiOptions',
				default: [],
				options: JOB_TYPE_FILTER_OPTIONS,
				description:
					'Start the workflow only for these job types. Phone number and address verification results carry no job type and are chosen by product. Empty: all job types.',
			},
			{
				displayName: 'Outcomes',
				name: 'outcomes',
				type: 'multiOptions',
				default: [],
				options: OUTCOME_OPTIONS,
				description: 'Start the workflow only for these outcomes. Empty: every outcome.',
			},
			{
				displayName: 'Final Results Only',
				name: 'finalOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to ignore provisional results (e.g. before human review) and start only for final ones',
			},
			{
				displayName:
					'Running several n8n webhook processes (queue mode)? Each callback is confirmed with Job Status, so a copy with a changed result never runs, and each process refuses copies it has seen. A copy reaching another process can start a second run with the genuine result: make the workflow skip a job ID it has already handled.',
				name: 'replayNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [3], confirmWithJobStatus: [true] } },
			},
			{
				displayName:
					'Without Job Status confirmation, a copy of a callback with its result changed (e.g. rejected edited to approved) is refused only by an n8n process that saw the original. With several webhook processes (queue mode), keep Confirm With Job Status on.',
				name: 'unconfirmedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [3], confirmWithJobStatus: [false] } },
			},
			{
				displayName:
					'Running several n8n webhook processes (queue mode)? Add the option Confirm With Job Status: without it, a copy of a callback with its result changed is refused only by an n8n process that saw the original. A copy can also start a second run at another process: make the workflow skip a job ID it has already handled.',
				name: 'legacyReplayNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [1, 2] } },
			},
			{
				displayName: 'Confirm With Job Status',
				name: 'confirmWithJobStatus',
				type: 'boolean',
				default: true,
				description: CONFIRM_DESCRIPTION,
				displayOptions: { show: { '@version': [3] } },
			},
			settingsCollection(
				[1, 2],
				[
					{
						displayName: 'Confirm With Job Status',
						name: 'confirmWithJobStatus',
						type: 'boolean',
						default: false,
						description: CONFIRM_DESCRIPTION,
					},
					documentToBinaryField,
					freshnessWindowField,
				],
			),
			settingsCollection([3], [documentToBinaryField, freshnessWindowField]),
			// Version 1: n8n leaves the request body unparsed when the trigger asks for binary
			// data, so the node answers malformed bodies itself with a 400. Version 2: n8n parses
			// JSON itself (malformed: its own 422, before the node runs) and keeps the raw body,
			// which the node still reads.
			{
				displayName: 'Raw Body',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
				displayOptions: { show: { '@version': [1] } },
			},
		],
	};

	// Smile ID takes the callback URL with each job, so there is no subscription to create,
	// check or remove. n8n itself runs without these methods (as for its own Webhook node), but
	// the community node linter requires them on a webhook trigger, so they report that
	// nothing needs doing.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const intake = await takeCallback.call(this);
		const response = this.getResponseObject();
		if (intake.item === undefined) {
			response.status(intake.status).json(intake.answer);
			return { noWebhookResponse: true };
		}
		// n8n answers an accepted callback itself (n8n 2.x once the execution exists). Smile ID
		// resends a callback it did not get a 2xx for, so the replay memory keeps this one only
		// if that answer really went out as a 2xx.
		const { release } = intake;
		response.once('close', () => {
			if (!response.writableFinished || response.statusCode >= 300) release();
		});
		return { webhookResponse: intake.answer as IDataObject, workflowData: [[intake.item]] };
	}

	// The trigger's step of the run: it passes the callback's item on, and on n8n 1.x answers
	// Smile ID from here, once n8n has created the execution. n8n 1.x writes a Buffer body at
	// once; any other body it writes a tick later, after it may already have ended the response.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (!N8N_2) {
			await this.sendResponse({
				body: Buffer.from(JSON.stringify(ACCEPTED_ANSWER)),
				headers: { 'content-type': 'application/json; charset=utf-8' },
				statusCode: 200,
			});
		}
		return [this.getInputData()];
	}
}
