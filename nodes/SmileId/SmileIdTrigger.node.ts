import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { fromParameter, NodeConnectionTypes, webhookDescriptionFields } from 'n8n-workflow';

import { freshnessWindowField } from './actions/common.descriptions';
import { JOB_TYPE_FILTER_OPTIONS } from './core/callbackFilter';
import { OUTCOME_NAMES } from './core/resultCodes';
import { takeCallback } from './helpers/callbackIntake';

// n8n 2.x resolves a path declared with these helpers without its expression sandbox, which
// otherwise costs each callback an evaluation of the template; n8n 1.x has no such helpers and
// evaluates the template.
const WEBHOOK_PATH =
	typeof webhookDescriptionFields === 'function' && typeof fromParameter === 'function'
		? webhookDescriptionFields({ path: fromParameter('path') })
		: { path: '={{$parameter["path"]}}' };

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
		// Raw Body option in its expression sandbox on every callback.
		version: [1, 2],
		defaultVersion: 2,
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
				responseMode: 'onReceived',
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
				displayName: 'Options',
				name: 'settings',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Confirm With Job Status',
						name: 'confirmWithJobStatus',
						type: 'boolean',
						default: false,
						description:
							"Whether to fetch the job's signed status from Smile ID and use it instead of the posted body. The callback signature does not cover the body; this closes that gap at the cost of one API call.",
					},
					{
						displayName: 'Document Image to Binary',
						name: 'documentToBinary',
						type: 'boolean',
						default: false,
						description:
							'Whether to move the base64 Document image of Document Verification results into a binary property named "document"',
					},
					freshnessWindowField,
				],
			},
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
		this.getResponseObject().status(intake.status).json(intake.answer);
		return intake.item === undefined
			? { noWebhookResponse: true }
			: { noWebhookResponse: true, workflowData: [[intake.item]] };
	}
}
