import type {
	IBinaryKeyData,
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { freshnessWindowField } from './actions/common.descriptions';
import { DEFAULT_CALLBACK_WINDOW_MS, verifyCallback } from './core/callback';
import type { NormalizedResult } from './core/result';
import { ReplayGuard, type ReplayStore } from './core/replayGuard';
import { readCallbackBody, type RawBodyRequest } from './helpers/callbackBody';
import { confirmWithJobStatus } from './helpers/confirmJob';

const OUTCOME_OPTIONS = [
	{ name: 'Approved', value: 'approved' },
	{ name: 'Approved With Attention', value: 'approved_with_attention' },
	{ name: 'Error', value: 'error' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Provisional', value: 'provisional' },
	{ name: 'Rejected', value: 'rejected' },
	{ name: 'Under Review', value: 'under_review' },
];

// n8n loads a fresh copy of the workflow's static data for each webhook request and saves
// it whole afterwards (last write wins), so two copies of one callback arriving together
// would both pass a static-data check. This per-process memory refuses every copy within a
// process; static data covers restarts and other processes only as far as README's queue
// mode section says.
const processReplayStores = new Map<string, ReplayStore>();

function processReplayStore(key: string): ReplayStore {
	let store = processReplayStores.get(key);
	if (!store) {
		store = {};
		processReplayStores.set(key, store);
	}
	return store;
}

interface TriggerSettings {
	windowMinutes?: number;
	documentToBinary?: boolean;
	confirmWithJobStatus?: boolean;
}

export class SmileIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID Trigger',
		name: 'smileIdTrigger',
		icon: { light: 'file:../../icons/smileid.svg', dark: 'file:../../icons/smileid.dark.svg' },
		group: ['trigger'],
		version: 1,
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
				path: '={{ $parameter["path"] }}',
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
				options: [
					{ name: 'AML Check (10)', value: '10' },
					{ name: 'Biometric KYC (1)', value: '1' },
					{ name: 'Business Verification (7)', value: '7' },
					{ name: 'Document Verification (6)', value: '6' },
					{ name: 'Enhanced Document Verification (11)', value: '11' },
					{ name: 'Enhanced KYC / Basic KYC (5)', value: '5' },
					{ name: 'SmartSelfie Authentication (2)', value: '2' },
					{ name: 'SmartSelfie Registration (4)', value: '4' },
				],
				description: 'Start the workflow only for these job types. Empty: all job types.',
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
			// n8n leaves the request body unparsed when the trigger asks for binary data, so
			// the node can answer malformed or oversized bodies itself with a 400.
			{
				displayName: 'Raw Body',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
			},
		],
	};

	// Smile ID takes the callback URL with each job, so there is no subscription to create,
	// check or remove: the lifecycle methods only report that nothing needs doing.
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
		const res = this.getResponseObject();
		const reply = (status: number, body: IDataObject): IWebhookResponseData => {
			res.status(status).json(body);
			return { noWebhookResponse: true };
		};

		const parsed = await readCallbackBody(this.getRequestObject() as RawBodyRequest, () =>
			this.getBodyData(),
		);
		if (!parsed.ok) return reply(400, { error: parsed.message });

		const credentials = await this.getCredentials('smileIdApi');
		const settings = this.getNodeParameter('settings', {}) as TriggerSettings;
		const windowMs =
			settings.windowMinutes === undefined
				? DEFAULT_CALLBACK_WINDOW_MS
				: Math.max(0, settings.windowMinutes) * 60 * 1000;
		const verdict = verifyCallback(
			parsed.body,
			{ apiKey: String(credentials.apiKey ?? ''), partnerId: String(credentials.partnerId ?? '') },
			windowMs,
		);
		if (!verdict.accepted) {
			return reply(verdict.reason === 'not_an_object' ? 400 : 401, {
				error: 'Callback rejected',
				reason: verdict.reason,
			});
		}

		const now = Date.now();
		const inProcess = new ReplayGuard(
			processReplayStore(`${String(this.getWorkflow().id)}:${this.getNode().name}`),
			windowMs,
		);
		const persisted = new ReplayGuard(this.getWorkflowStaticData('node') as ReplayStore, windowMs);
		const firstInProcess = inProcess.accept(verdict.replayKey, now);
		const firstPersisted = persisted.accept(verdict.replayKey, now);
		if (!firstInProcess || !firstPersisted) {
			return reply(200, { received: true, duplicate: true });
		}

		const body = parsed.body as IDataObject;
		let result: NormalizedResult = verdict.result;
		let raw: IDataObject = body;
		if (settings.confirmWithJobStatus) {
			try {
				const confirmed = await confirmWithJobStatus.call(this, result);
				result = confirmed.result;
				raw = { callback: body, jobStatus: confirmed.raw };
			} catch (error) {
				// Not confirmed is not seen: Smile ID's own retry of this callback must get through.
				inProcess.forget(verdict.replayKey);
				persisted.forget(verdict.replayKey);
				return reply(503, {
					error: 'The callback could not be confirmed with Job Status; send it again later',
					reason: (error as Error).message,
				});
			}
		}

		const jobTypes = this.getNodeParameter('jobTypes', []) as string[];
		const outcomes = this.getNodeParameter('outcomes', []) as string[];
		const finalOnly = this.getNodeParameter('finalOnly', false) as boolean;
		const filteredOut =
			(jobTypes.length > 0 && !jobTypes.includes(String(result.jobType))) ||
			(outcomes.length > 0 && !outcomes.includes(result.outcome)) ||
			(finalOnly && !result.isFinal);
		if (filteredOut) return reply(200, { received: true, filtered: true });

		const item: INodeExecutionData = {
			json: { ...result, warnings: [], raw } as unknown as IDataObject,
		};
		if (settings.documentToBinary && typeof body.Document === 'string' && body.Document !== '') {
			const binary: IBinaryKeyData = {
				document: await this.helpers.prepareBinaryData(
					Buffer.from(body.Document, 'base64'),
					`${result.jobId ?? 'document'}.jpg`,
					'image/jpeg',
				),
			};
			item.binary = binary;
			const withoutDocument = { ...body };
			delete withoutDocument.Document;
			item.json.raw = settings.confirmWithJobStatus
				? { ...raw, callback: withoutDocument }
				: withoutDocument;
		}
		res.status(200).json({ received: true });
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}
