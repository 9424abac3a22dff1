import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { passesFilters, type CallbackFilters } from '../core/callbackFilter';
import {
	fieldsDifferingFromJobStatus,
	freshnessWindowMs,
	verifyCallback,
} from '../core/callback';
import { CallbackMemory, type ReplayStore } from '../core/replayGuard';
import { resultWarnings, type NormalizedResult } from '../core/result';
import { SecretsCache } from '../core/secretsCache';
import { readCallbackBody, type RawBodyRequest } from './callbackBody';
import { confirmWithJobStatus } from '../jobs/confirmJob';
import { getSigningSecrets } from '../transport';

/**
 * What the trigger answers Smile ID, and the item to start the workflow with, if any. An
 * accepted callback comes with `release`, to call when its answer did not go out as a 2xx
 * after all: Smile ID sends it again, and that retry must run.
 */
export type CallbackIntake =
	| { status: number; answer: IDataObject; item?: undefined }
	| { status: number; answer: IDataObject; item: INodeExecutionData; release: () => void };

interface TriggerOptions {
	windowMinutes?: number;
	documentToBinary?: boolean;
	confirmWithJobStatus?: boolean;
}

// Per process, shared by every trigger using a credential: reading the credential costs n8n
// a database query, decryption and an expression sandbox, more than the rest of the check.
const secretsCache = new SecretsCache();

// n8n loads a fresh copy of the workflow's static data for each webhook request and saves
// it whole afterwards (last write wins), so two copies of one callback arriving together
// would both pass a static-data check, and records of callbacks accepted together overwrite
// each other. This per-process memory refuses every copy within a process. Versions 1 and 2
// also write static data, which covers restarts and other processes only as far as README's
// queue mode section says; version 3 does not pay for that write.
const processReplayStores = new Map<string, ReplayStore>();

function processReplayStore(key: string): ReplayStore {
	let store = processReplayStores.get(key);
	if (!store) {
		store = {};
		processReplayStores.set(key, store);
	}
	return store;
}

/** The answer to an accepted callback. */
export const ACCEPTED_ANSWER: Readonly<IDataObject> = { received: true };

function refuse(status: number, answer: IDataObject): CallbackIntake {
	return { status, answer };
}

/**
 * Takes one posted callback: reads and checks it, refuses replays, confirms it with Job
 * Status when the option says so or its signature came with another body, applies the
 * trigger's filters and builds the item that starts the run.
 */
export async function takeCallback(this: IWebhookFunctions): Promise<CallbackIntake> {
	const parsed = await readCallbackBody(this.getRequestObject() as RawBodyRequest, () =>
		this.getBodyData(),
	);
	if (!parsed.ok) return refuse(400, { error: parsed.message });

	const version = this.getNode().typeVersion;
	const options = { ...(this.getNodeParameter('settings', {}) as TriggerOptions) };
	// Version 3 has Confirm With Job Status as a switch of its own, on by default.
	if (version >= 3) {
		options.confirmWithJobStatus = this.getNodeParameter('confirmWithJobStatus', true) as boolean;
	}
	const windowMs = freshnessWindowMs(options.windowMinutes);
	const credential = this.getNode().credentials?.smileIdApi;
	const verdict = await secretsCache.verify(
		credential?.id ?? undefined,
		async () => await getSigningSecrets.call(this),
		(secrets) => verifyCallback(parsed.body, secrets, windowMs),
		Date.now(),
	);
	if (!verdict.accepted) {
		return refuse(verdict.reason === 'not_an_object' ? 400 : 401, {
			error: 'Callback rejected',
			reason: verdict.reason,
		});
	}

	const stores = [processReplayStore(`${String(this.getWorkflow().id)}:${this.getNode().name}`)];
	if (version < 3) stores.push(this.getWorkflowStaticData('node') as ReplayStore);
	const admission = new CallbackMemory(stores, windowMs).admit(
		verdict.replayKey,
		verdict.signature,
		Date.now(),
	);
	if (admission.kind === 'duplicate') return refuse(200, { received: true, duplicate: true });
	// Only a callback answered 2xx counts as seen. Smile ID retries the others (a throw below
	// is answered 5xx by n8n), and that retry must run; a refused altered copy must stay
	// refused rather than pass as a duplicate.
	let taken = false;
	try {
		const intake = await takeAdmitted.call(
			this,
			parsed.body as IDataObject,
			verdict.result,
			admission.kind === 'signature_reused',
			options,
		);
		taken = intake.status < 300;
		const { status, answer, item } = intake;
		return item === undefined
			? { status, answer }
			: { status, answer, item, release: admission.release };
	} finally {
		if (!taken) admission.release();
	}
}

const SIGNATURE_REUSED =
	'The timestamp and signature of this callback came before with a different body (the signature does not cover the body)';

/**
 * Takes a callback the replay memory let through. One whose signature came with another
 * body is confirmed with Job Status as the Confirm With Job Status option does, and refused
 * if its result is not the job's.
 */
async function takeAdmitted(
	this: IWebhookFunctions,
	body: IDataObject,
	posted: NormalizedResult,
	signatureReused: boolean,
	options: TriggerOptions,
): Promise<{ status: number; answer: IDataObject; item?: INodeExecutionData }> {
	let result = posted;
	let jobStatus: IDataObject | undefined;
	if (options.confirmWithJobStatus || signatureReused) {
		try {
			({ result, raw: jobStatus } = await confirmWithJobStatus.call(this, posted));
		} catch (error) {
			const problem = (error as Error).message;
			return refuse(503, {
				error: 'The callback could not be confirmed with Job Status; send it again later',
				reason: signatureReused
					? `${SIGNATURE_REUSED}, so it must be confirmed with Job Status: ${problem}`
					: problem,
			});
		}
		const differing = signatureReused ? fieldsDifferingFromJobStatus(posted, result) : [];
		if (differing.length > 0) {
			return refuse(401, {
				error: 'Callback rejected',
				reason: 'signature_reused',
				message: `${SIGNATURE_REUSED}, and the job's signed status from Smile ID disagrees on ${differing.join(', ')}: the body was changed after signing. To see the genuine result, look the job up with the Job Status operation.`,
			});
		}
	}

	const filters: CallbackFilters = {
		jobTypes: this.getNodeParameter('jobTypes', []) as string[],
		outcomes: this.getNodeParameter('outcomes', []) as string[],
		finalOnly: this.getNodeParameter('finalOnly', false) as boolean,
	};
	if (!passesFilters(result, filters)) return refuse(200, { received: true, filtered: true });

	return {
		status: 200,
		answer: { ...ACCEPTED_ANSWER },
		item: await callbackItem.call(this, result, body, jobStatus, options.documentToBinary === true),
	};
}

/**
 * The item a callback starts the workflow with. `raw` is always the posted body (without
 * the Document image when that goes to binary); the signed Job Status answer, when the
 * trigger confirms callbacks, comes next to it as `jobStatus`.
 */
async function callbackItem(
	this: IWebhookFunctions,
	result: NormalizedResult,
	body: IDataObject,
	jobStatus: IDataObject | undefined,
	documentToBinary: boolean,
): Promise<INodeExecutionData> {
	const hasDocument = documentToBinary && typeof body.Document === 'string' && body.Document !== '';
	let raw = body;
	if (hasDocument) {
		raw = { ...body };
		delete raw.Document;
	}
	const json = { ...result, warnings: resultWarnings(result), raw } as unknown as IDataObject;
	if (jobStatus !== undefined) json.jobStatus = jobStatus;
	if (!hasDocument) return { json };
	return {
		json,
		binary: {
			document: await this.helpers.prepareBinaryData(
				Buffer.from(body.Document as string, 'base64'),
				`${result.jobId ?? 'document'}.jpg`,
				'image/jpeg',
			),
		},
	};
}
