// @ts-check
/**
 * Runs every operation of the Smile ID node once (and the Smile ID Trigger when a callback
 * can reach it) through real workflows in a local n8n, against one Smile ID API: the real
 * sandbox or the offline simulator. Returns what was sent and answered per operation and the
 * evidence the assumption checks read (checks.js).
 *
 * The inputs are the docs' sandbox test data (ID number 00000000000 for Nigerian BVN,
 * Document Verification with an ID card image and a selfie, business registration 0000000
 * and tax number 00000000-0000, phone numbers 00000000000 (NG) and 0000000000 (KE), South
 * African ID number 0000000000000 for an address); the images are generated JPEGs,
 * so the sandbox's selfie comparison may well fail: a failed result is still an answer whose
 * shape is checked.
 */
import { createHash } from 'node:crypto';

import {
	ActionBench,
	errorText,
	imageSet,
	itemDrivenSubmit,
	rnd,
	sleep,
	smileNode,
	splitItems,
} from '../../test/e2e/lib/action-helpers.mjs';
import {
	addressParams,
	amlParams,
	businessParams,
	idNumberParams,
	phoneParams,
} from '../../test/e2e/lib/kyc-helpers.mjs';
import {
	ExecutionLog,
	TRIGGER_NAME,
	triggerWorkflow,
} from '../../test/e2e/lib/trigger-helpers.mjs';

/** n8n's and Node's words for a request that never reached Smile ID. */
const UNREACHABLE =
	/connection cannot be established|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|timed out/i;

const OUTCOMES = ['approved', 'rejected', 'under_review', 'provisional', 'pending', 'error'];

/** @param {Buffer} b */
const b64 = (b) => b.toString('base64');

/** Problems with a result item (the one output shape of every result operation). @param {any} out */
function resultShape(out) {
	const problems = [];
	if (!OUTCOMES.includes(out.outcome)) problems.push(`outcome ${JSON.stringify(out.outcome)}`);
	if (out.outcome !== 'pending' && !out.resultCode) problems.push('no resultCode');
	if (!out.jobId) problems.push('no jobId');
	if (typeof out.raw !== 'object' || out.raw === null) problems.push('no raw answer');
	return problems;
}

/** @param {any} out */
/** AML answers no result code: it says what it found in Actions.Listed. @param {any} out */
function amlShape(out) {
	return resultShape({ ...out, resultCode: out.resultCode ?? out.actions?.Listed });
}

/** @param {any} out */
function linkShape(out) {
	return ['link', 'refId'].filter((f) => !out[f]).map((f) => `no ${f}`);
}

/** Images in a sent item, shown by size: the report holds no image data. @param {Record<string, any>} item */
function describeItem(item) {
	/** @type {Record<string, any>} */
	const shown = {};
	for (const [k, v] of Object.entries(item)) {
		if (Array.isArray(v)) shown[k] = `${v.length} JPEG frames`;
		else if (typeof v === 'string' && v.length > 200)
			shown[k] = `JPEG, ${Math.round((v.length * 3) / 4)} bytes (base64)`;
		else shown[k] = v;
	}
	return shown;
}

/**
 * @param {{ n8n: import('../../test/e2e/lib/n8n.mjs').N8nInstance, cred: {id: string, name: string},
 *   line: '1'|'2', baseUrl: string, simulated: boolean, publicUrl?: string, log: (s: string) => void,
 *   waitTimeout: number, completeLink?: (link: string) => Promise<void> }} o
 */
export async function runOperations(o) {
	const bench = new ActionBench({
		line: o.line,
		n8n: o.n8n,
		sim: undefined,
		aux: /** @type {any} */ (undefined),
		cred: o.cred,
	});
	const run = `${Date.now().toString(36)}-${rnd(3)}`;
	const img = imageSet(`sandbox-${run}`, { liveness: 8, bigId: true });
	/** @type {Record<string, any>} */
	const runs = {};
	/** @type {any[]} */
	const operations = [];

	// The trigger: reached by the simulator on loopback, by the real sandbox only through the
	// user's own public URL.
	let callbackUrl = 'https://example.invalid/smile-id-sandbox-check';
	/** @type {{id: string} | undefined} */
	let triggerWf;
	if (o.simulated || o.publicUrl) {
		const created = await o.n8n.createActiveWorkflow(
			triggerWorkflow(`sandbox check trigger ${run}`, { path: `smile-id-sandbox-${run}` }),
			{ credential: o.cred },
		);
		const full = await o.n8n.getWorkflow(created.id);
		const hook = (await o.n8n.productionWebhooks(full)).find((h) => h.node === TRIGGER_NAME);
		if (!hook) throw new Error('the Smile ID Trigger has no production URL');
		callbackUrl = o.publicUrl
			? `${o.publicUrl.replace(/\/+$/, '')}${new URL(hook.url).pathname}`
			: hook.url;
		triggerWf = full;
	}

	/**
	 * Deploy, run one item, record.
	 * @param {string} key @param {string} label @param {any[]} nodes @param {Record<string, any>} item
	 * @param {(out: any) => string[]} shape @param {{expectError?: boolean, many?: boolean}} [opt]
	 */
	const step = async (key, label, nodes, item, shape, opt = {}) => {
		const started = Date.now();
		/** @type {any} */
		let record;
		try {
			const wf = await bench.deploy(`${key.replace(/\W/g, '-')}-${run}`, nodes);
			const res = await bench.run(wf, { items: [item] });
			if (res.status !== 200)
				throw new Error(`workflow answered HTTP ${res.status}: ${res.text.slice(0, 300)}`);
			const outputs = res.items;
			const first = outputs[0] ?? {};
			const error = first.error !== undefined ? errorText(first).trim() : undefined;
			const problems = opt.expectError
				? error === undefined || !/Smile ID code \d+/.test(error)
					? [`Smile ID did not refuse it with a code: ${error ?? 'no error'}`]
					: []
				: error !== undefined
					? [`error: ${error}`]
					: opt.many
						? outputs.flatMap(shape)
						: shape(first);
			runs[key] = {
				output: first,
				outputs,
				error,
				unreachable: error !== undefined && UNREACHABLE.test(error),
			};
			record = {
				key,
				operation: label,
				sent: describeItem(item),
				answered: opt.many ? outputs : first,
				shape: problems.length === 0 ? 'expected' : 'unexpected',
				problems,
			};
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			runs[key] = { error: message };
			record = {
				key,
				operation: label,
				sent: describeItem(item),
				answered: null,
				shape: 'unexpected',
				problems: [message],
			};
		}
		record.ms = Date.now() - started;
		operations.push(record);
		o.log(
			`${record.shape === 'expected' ? 'ok  ' : 'FAIL'} ${label} (${record.ms} ms)${record.problems.length ? `: ${record.problems.join('; ').slice(0, 300)}` : ''}`,
		);
		return runs[key];
	};
	const single = (/** @type {Record<string, any>} */ params) => [splitItems(), smileNode(params)];
	const wait = { waitForResult: true, waitTimeout: o.waitTimeout };
	const users = {
		selfie: `n8n-sandbox-ss-${run}`,
		document: `n8n-sandbox-dv-${run}`,
		authority: `n8n-sandbox-edv-${run}`,
		biometric: `n8n-sandbox-bkyc-${run}`,
		link: `n8n-sandbox-link-${run}`,
	};
	const selfieImages = { selfie: b64(img.selfie), liveness: img.liveness.map(b64), callbackUrl };
	const bvn = {
		country: 'NG',
		idType: 'BVN',
		idNumber: '00000000000',
		firstName: 'John',
		lastName: 'Doe',
		dob: '2000-09-20',
	};

	await step(
		'smartSelfie.register',
		'SmartSelfie Register',
		single(itemDrivenSubmit('smartSelfie', 'register', wait)),
		{ userId: users.selfie, jobId: `reg-${run}`, ...selfieImages },
		resultShape,
	);
	await step(
		'smartSelfie.authenticate',
		'SmartSelfie Authenticate',
		single(itemDrivenSubmit('smartSelfie', 'authenticate', wait)),
		{ userId: users.selfie, jobId: `auth-${run}`, ...selfieImages },
		resultShape,
	);
	await step(
		'smartSelfie.compare',
		'SmartSelfie Compare',
		single(itemDrivenSubmit('smartSelfie', 'compare')),
		{
			userId: `n8n-sandbox-cmp-${run}`,
			jobId: `cmp-${run}`,
			selfie: b64(img.selfie),
			comparisonImage: b64(img.comparison),
			liveness: img.liveness.map(b64),
			callbackUrl,
		},
		resultShape,
	);
	const documentItem = (/** @type {string} */ userId, /** @type {string} */ jobId) => ({
		userId,
		jobId,
		country: 'NG',
		idType: 'PASSPORT',
		selfie: b64(img.selfie),
		idCardFront: b64(img.idCardFront),
		callbackUrl,
	});
	await step(
		'document.verify',
		'Document Verification',
		single(itemDrivenSubmit('document', 'verify', wait)),
		documentItem(users.document, `dv-${run}`),
		resultShape,
	);
	await step(
		'document.verifyWithAuthority',
		'Enhanced Document Verification',
		single(itemDrivenSubmit('document', 'verifyWithAuthority', wait)),
		documentItem(users.authority, `edv-${run}`),
		resultShape,
	);
	await step(
		'idNumber.lookUp',
		'Enhanced KYC (Look Up)',
		single(idNumberParams('lookUp')),
		{ userId: `n8n-sandbox-ekyc-${run}`, jobId: `ekyc-${run}`, ...bvn },
		resultShape,
	);
	await step(
		'idNumber.lookUpAsync',
		'Enhanced KYC (Look Up, by callback)',
		single(idNumberParams('lookUp', { lookupMode: 'async' })),
		{ userId: `n8n-sandbox-ekyca-${run}`, jobId: `ekyca-${run}`, ...bvn, callbackUrl },
		resultShape,
	);
	await step(
		'idNumber.verifyDetails',
		'Basic KYC (Verify Details)',
		single(idNumberParams('verifyDetails', { middleName: '', secondaryIdNumber: '' })),
		{ userId: `n8n-sandbox-bas-${run}`, jobId: `bas-${run}`, ...bvn },
		resultShape,
	);
	await step(
		'idNumber.verifyWithSelfie',
		'Biometric KYC (Verify with Selfie)',
		single(
			idNumberParams('verifyWithSelfie', {
				imageSource: 'base64',
				selfie: '={{ $json.selfie ?? "" }}',
				livenessImages: '={{ $json.liveness ?? "" }}',
				...wait,
			}),
		),
		{
			userId: users.biometric,
			jobId: `bkyc-${run}`,
			...bvn,
			selfie: b64(img.selfie),
			liveness: img.liveness.map(b64),
			callbackUrl,
		},
		resultShape,
	);
	await step(
		'idNumber.resetRateLimit',
		'ID Number Rate Limit Reset',
		single({
			resource: 'idNumber',
			operation: 'resetRateLimit',
			country: '={{ $json.country }}',
			idType: '={{ $json.idType }}',
			idNumber: '={{ $json.idNumber }}',
		}),
		{ country: 'NG', idType: 'BVN', idNumber: '00000000000' },
		(out) => (out.success === true ? [] : ['no success: true']),
	);
	await step(
		'aml.screen',
		'AML Screen',
		single(amlParams()),
		{
			userId: `n8n-sandbox-aml-${run}`,
			fullName: 'John Leo Doe',
			birthYear: '1984',
			countries: 'NG',
		},
		amlShape,
	);
	const statusParams = {
		resource: 'job',
		operation: 'getStatus',
		userId: '={{ $json.userId }}',
		jobId: '={{ $json.jobId }}',
		history: true,
	};
	await step(
		'job.getStatus',
		'Job Status',
		single(statusParams),
		{ userId: users.document, jobId: `dv-${run}` },
		resultShape,
	);
	await step(
		'job.getStatusUnknown',
		'Job Status (a job that does not exist)',
		single(statusParams),
		{ userId: `n8n-sandbox-none-${run}`, jobId: `none-${run}` },
		() => [],
		{ expectError: true },
	);

	/**
	 * Job Status until the job is final (an asynchronous job's result); only the last reading
	 * is reported. @param {string} key @param {string} label @param {{userId: string, jobId: string}} job
	 */
	const statusUntilFinal = async (key, label, job) => {
		for (let i = 0; i < 50 && !runs[key]?.output?.isFinal; i++) {
			if (i > 0) {
				operations.pop();
				await sleep(200);
			}
			await step(key, label, single(statusParams), job, resultShape);
			if (runs[key]?.error !== undefined) break;
		}
	};
	await step(
		'job.getStatusKyc',
		'Job Status (the Enhanced KYC job)',
		single(statusParams),
		{ userId: `n8n-sandbox-ekyc-${run}`, jobId: `ekyc-${run}` },
		resultShape,
	);

	// Business, phone and address verification with the docs' sandbox test data.
	const business = { userId: `n8n-sandbox-kyb-${run}`, country: 'NG', businessType: 'co' };
	const registration = { searchType: 'BUSINESS_REGISTRATION', number: '0000000' };
	await step(
		'business.verify',
		'Verify a Business (registration)',
		single(businessParams()),
		{ ...business, ...registration, jobId: `kyb-${run}` },
		resultShape,
	);
	await step(
		'business.verifyTax',
		'Verify a Business (tax information)',
		single(businessParams()),
		{ ...business, searchType: 'TAX_INFORMATION', number: '00000000-0000', jobId: `kybt-${run}` },
		resultShape,
	);
	const kybAsync = { ...business, ...registration, jobId: `kyba-${run}` };
	await step(
		'business.verifyAsync',
		'Verify a Business (by callback)',
		single(businessParams({ lookupMode: 'async' })),
		{ ...kybAsync, callbackUrl },
		resultShape,
	);
	await statusUntilFinal('business.asyncStatus', 'Job Status (the business job)', {
		userId: kybAsync.userId,
		jobId: kybAsync.jobId,
	});
	// The job ID has the form the AI-agent tool derives (assumption tool-job-id-format).
	const toolJobId = `n8n-tool-${createHash('sha256').update(run).digest('hex').slice(0, 40)}`;
	await step(
		'phone.verify',
		'Verify a Phone Number (Nigeria)',
		single(phoneParams()),
		{
			userId: `n8n-sandbox-phone-${run}`,
			jobId: toolJobId,
			country: 'NG',
			phoneNumber: '00000000000',
			firstName: 'Joe',
			lastName: 'Leo',
		},
		resultShape,
	);
	const phoneAsync = { userId: `n8n-sandbox-phonea-${run}`, jobId: `phonea-${run}` };
	await step(
		'phone.verifyAsync',
		'Verify a Phone Number (Kenya, by callback)',
		single(phoneParams({ lookupMode: 'async' })),
		{ ...phoneAsync, country: 'KE', phoneNumber: '0000000000', idNumber: '00000000', callbackUrl },
		resultShape,
	);
	await statusUntilFinal('phone.asyncStatus', 'Job Status (the phone job)', phoneAsync);
	const addressJob = { userId: `n8n-sandbox-address-${run}`, jobId: `address-${run}` };
	await step(
		'address.verify',
		'Verify an Address (South Africa, by callback)',
		single(addressParams()),
		{
			...addressJob,
			country: 'ZA',
			fullName: 'Joe Doe Leo',
			address: '1 Example Street, Cape Town',
			identifier: '0000000000000',
			callbackUrl,
		},
		resultShape,
	);
	await statusUntilFinal('address.status', 'Job Status (the address job)', addressJob);

	// Links: created without a privacy policy and with the user's own partner params.
	const linkPartnerParams = { n8n_sandbox_ref: `ref-${run}` };
	const createParams = {
		resource: 'link',
		operation: 'create',
		name: 'n8n sandbox check',
		companyName: 'n8n sandbox check',
		idTypes: {
			idType: [{ country: 'NG', idType: 'PASSPORT', verificationMethod: 'doc_verification' }],
		},
		isSingleUse: true,
		userId: '={{ $json.userId }}',
		callbackUrl: '={{ $json.callbackUrl }}',
		partnerParams: {
			param: Object.entries(linkPartnerParams).map(([key, value]) => ({ key, value })),
		},
	};
	const created = await step(
		'link.create',
		'Create a Verification Link',
		single(createParams),
		{ userId: users.link, callbackUrl },
		linkShape,
	);
	const refId = created.output?.refId;
	const refItem = { refId: refId ?? 'none' };
	const getParams = { resource: 'link', operation: 'get', refId: '={{ $json.refId }}' };
	await step('link.get', 'Get a Verification Link', single(getParams), refItem, linkShape);
	await step(
		'link.getAll',
		'Get Many Verification Links',
		single({ resource: 'link', operation: 'getAll', returnAll: true }),
		{},
		linkShape,
		{ many: true },
	);
	if (o.completeLink && created.output?.link) {
		await o.completeLink(created.output.link);
		await statusUntilFinal('link.resultStatus', 'Job Status (the link job)', {
			userId: users.link,
			jobId: `link-${refId}-1`,
		});
	}
	await step(
		'link.update',
		'Update a Verification Link (disable)',
		single({
			resource: 'link',
			operation: 'update',
			refId: '={{ $json.refId }}',
			status: 'disable',
			updateFields: {},
		}),
		refItem,
		() => [],
	);
	await step(
		'link.getAfterUpdate',
		'Get a Verification Link (after Update)',
		single(getParams),
		refItem,
		linkShape,
	);

	// Verify a Callback: a callback the trigger received, else the signed job status answer
	// (signed the same way), so the operation runs on a genuine Smile ID signature either way.
	const log = new ExecutionLog(o.n8n);
	/** @type {any[]} */
	let triggerItems = [];
	if (triggerWf) {
		const deadline = Date.now() + (o.simulated ? 15_000 : 90_000);
		for (;;) {
			const executions = await log.finished(triggerWf.id);
			triggerItems = executions
				.flatMap((ex) => ex?.data?.resultData?.runData?.[TRIGGER_NAME]?.[0]?.data?.main?.[0] ?? [])
				.map((i) => i.json);
			// The simulator completes the link itself: wait for that job's callback too.
			const enough = o.simulated
				? triggerItems.some((i) => i.linkRefId !== undefined)
				: triggerItems.length > 0;
			if (enough || Date.now() > deadline) break;
			await sleep(500);
		}
		operations.push({
			key: 'trigger',
			operation: 'Smile ID Trigger',
			sent: { callbackUrl },
			answered: triggerItems.map((i) => ({
				jobId: i.jobId,
				outcome: i.outcome,
				resultCode: i.resultCode,
				linkRefId: i.linkRefId,
				warnings: i.warnings,
			})),
			shape:
				triggerItems.length > 0 && triggerItems.every((i) => resultShape(i).length === 0)
					? 'expected'
					: 'unexpected',
			problems:
				triggerItems.length > 0
					? triggerItems.flatMap(resultShape)
					: ['no callback reached the trigger'],
		});
	}
	const signedBody =
		triggerItems.find((i) => i.raw?.signature)?.raw ?? runs['job.getStatus']?.output?.raw;
	await step(
		'callback.verify',
		'Verify a Callback',
		single({ resource: 'callback', operation: 'verify', callbackBody: '={{ $json.body }}' }),
		{ body: signedBody ?? {} },
		(out) => (OUTCOMES.includes(out.outcome) ? [] : [`outcome ${out.outcome}`]),
	);

	let services;
	try {
		const res = await fetch(`${o.baseUrl}/v1/services`, { signal: AbortSignal.timeout(20_000) });
		services = res.ok ? await res.json() : undefined;
	} catch {
		services = undefined;
	}

	return {
		operations,
		evidence: { runs, services, triggerItems, linkRefId: refId, linkPartnerParams },
	};
}
