// @ts-check
'use strict';
/**
 * One check per assumption (tooling/assumptions.js): reads what the sandbox run saw and
 * says confirmed, refuted (with the evidence) or not reached. Pure: no network, no n8n.
 *
 * `runs` maps an operation key (OPERATION_KEYS in operations.mjs) to what that operation
 * gave: { output } (the node's output item json) or { error } (its error text), plus
 * `services` (GET /v1/services, read directly: it needs no key) and `triggerItems` (what the
 * Smile ID Trigger received, when it was reachable).
 */
const path = require('node:path');

const { ASSUMPTIONS } = require('../assumptions');

/** core/timestamp.ts as n8n loads it (dist/: the sandbox command builds it first). @param {string} text */
function readTimestamp(text) {
	const file = path.join(__dirname, '..', '..', 'dist', 'nodes', 'SmileId', 'core', 'timestamp.js');
	return require(file).readTimestamp(text);
}

/** @typedef {{status: 'confirmed' | 'refuted' | 'not reached', evidence: string}} Verdict */
/** @typedef {{output?: Record<string, any>, outputs?: Record<string, any>[], error?: string, unreachable?: boolean}} Run */
/** @typedef {{runs: Record<string, Run | undefined>, services?: any, triggerItems?: Record<string, any>[], linkRefId?: string, linkPartnerParams?: Record<string, string>}} Evidence */

/** @param {string} evidence @returns {Verdict} */
const confirmed = (evidence) => ({ status: 'confirmed', evidence });
/** @param {string} evidence @returns {Verdict} */
const refuted = (evidence) => ({ status: 'refuted', evidence });
/** @param {string} evidence @returns {Verdict} */
const notReached = (evidence) => ({ status: 'not reached', evidence });

/** @param {unknown} value */
const show = (value) => JSON.stringify(value)?.slice(0, 300) ?? 'undefined';

/** An output item of a run, when the run gave one without an error. @param {Run | undefined} run */
const ok = (run) => (run && run.error === undefined ? run.output : undefined);

/** The upload jobs and the job type each must carry. */
const UPLOAD_JOBS = {
	'smartSelfie.register': 4,
	'smartSelfie.authenticate': 2,
	'document.verify': 6,
	'document.verifyWithAuthority': 11,
	'idNumber.verifyWithSelfie': 1,
};
const JOB_TYPES = {
	...UPLOAD_JOBS,
	'idNumber.lookUp': 5,
	'idNumber.verifyDetails': 5,
	'aml.screen': 10,
	'business.verify': 7,
};

/** @type {Record<string, (e: Evidence) => Verdict>} */
const CHECKS = {
	'link-ref-field'(e) {
		const result = ok(e.runs['link.resultStatus']);
		if (!result || !e.linkRefId) {
			return notReached(
				'No link job result: completing a link needs a person on the hosted page (the simulator run completes one itself).',
			);
		}
		const params = result.partnerParams ?? {};
		if (params.smile_link_id === e.linkRefId)
			return confirmed('PartnerParams.smile_link_id holds the link ref_id.');
		const field = Object.keys(params).find((k) => params[k] === e.linkRefId);
		return refuted(
			field
				? `The link ref_id came under PartnerParams.${field}, not smile_link_id (the node read it: linkRefId=${show(result.linkRefId)}).`
				: `No PartnerParams field holds the link ref_id ${e.linkRefId}: ${show(params)}.`,
		);
	},
	'link-partner-params'(e) {
		const create = e.runs['link.create'];
		if (!create) return notReached('Create a Verification Link did not run.');
		if (create.error !== undefined) {
			return /partner_params/i.test(create.error)
				? refuted(`Create with partner_params was refused: ${create.error}`)
				: notReached(`Create failed for another reason: ${create.error}`);
		}
		const result = ok(e.runs['link.resultStatus']);
		if (!result)
			return notReached('Create accepted partner_params; no link job result to see them returned.');
		const params = result.partnerParams ?? {};
		const missing = Object.entries(e.linkPartnerParams ?? {}).filter(([k, v]) => params[k] !== v);
		return missing.length === 0
			? confirmed(
					`The link job's PartnerParams carry the pairs sent: ${show(e.linkPartnerParams)}.`,
				)
			: refuted(
					`The link job's PartnerParams lack ${missing.map(([k]) => k).join(', ')}: ${show(params)}.`,
				);
	},
	'link-privacy-policy-optional'(e) {
		const create = e.runs['link.create'];
		if (!create) return notReached('Create a Verification Link did not run.');
		if (create.error === undefined)
			return confirmed('A link was created without data_privacy_policy_url.');
		return /2213|privacy/i.test(create.error)
			? refuted(`Create without data_privacy_policy_url was refused: ${create.error}`)
			: notReached(`Create failed for another reason: ${create.error}`);
	},
	'link-answer-fields'(e) {
		const created = ok(e.runs['link.create']);
		const got = ok(e.runs['link.get']);
		if (!created || !got) return notReached('Create or Get Link gave no answer.');
		const problems = [];
		if (typeof created.raw?.link !== 'string' || typeof created.raw?.ref_id !== 'string')
			problems.push(`Create answered ${show(Object.keys(created.raw ?? {}))}`);
		for (const field of ['link', 'refId', 'expiresAt', 'isSingleUse', 'isDisabled'])
			if (got[field] === null || got[field] === undefined)
				problems.push(
					`Get Link gave no ${field} (answer fields: ${Object.keys(got.raw ?? {}).join(', ')})`,
				);
		return problems.length === 0
			? confirmed('Create answered link and ref_id; Get Link answered every field the node reads.')
			: refuted(problems.join('; '));
	},
	'link-disable-field'(e) {
		const after = ok(e.runs['link.getAfterUpdate']);
		if (!after || e.runs['link.update']?.error !== undefined)
			return notReached('Update or the Get after it gave no answer.');
		return after.isDisabled === true
			? confirmed('After Update with Disable, Get Link says is_disabled: true.')
			: refuted(
					`After Update with Disable, Get Link answered is_disabled=${show(after.raw?.is_disabled)}.`,
				);
	},
	'links-list-unpaged'(e) {
		const run = e.runs['link.getAll'];
		const created = ok(e.runs['link.create']);
		if (!run || run.error !== undefined || !created)
			return notReached('Create or Get Many Links gave no answer.');
		const items = run.outputs ?? [];
		return items.some((i) => i.refId === created.refId)
			? confirmed(`The link just created is among the ${items.length} links Get Many read.`)
			: refuted(
					`The link just created (${created.refId}) is not among the ${items.length} links Get Many read: the list may be paged.`,
				);
	},
	'links-list-shape'(e) {
		const run = e.runs['link.getAll'];
		const created = ok(e.runs['link.create']);
		if (!run || run.error !== undefined || !created)
			return notReached('Create or Get Many Links gave no answer.');
		const items = (run.outputs ?? []).filter((i) => i.refId);
		return items.length > 0
			? confirmed(`The answer held a list of ${items.length} links.`)
			: refuted(
					'Get Many read no links although one was just created: the list is not where the package reads it.',
				);
	},
	'basic-kyc-answer'(e) {
		const run = e.runs['idNumber.verifyDetails'];
		if (!run) return notReached('Basic KYC did not run.');
		if (run.error !== undefined) return refuted(`Basic KYC's answer was not read: ${run.error}`);
		const out = run.output ?? {};
		const code = out.resultCode;
		if (!['1020', '1021', '1022', '1023'].includes(code))
			return refuted(`Basic KYC answered ResultCode ${show(code)}.`);
		const unknown = (out.checks ?? []).filter((c) => c.check === null).map((c) => c.action);
		if (unknown.length > 0)
			return refuted(
				`Basic KYC answered Actions the package does not explain: ${unknown.join(', ')}.`,
			);
		return confirmed(
			`ResultCode ${code}, Actions ${Object.keys(out.actions ?? {}).join(', ') || '(none)'}.`,
		);
	},
	'kyc-async-ack'(e) {
		const run = e.runs['idNumber.lookUpAsync'];
		if (!run) return notReached('The asynchronous lookup did not run.');
		if (run.error !== undefined)
			return refuted(`The asynchronous lookup was not acknowledged as expected: ${run.error}`);
		const submitted = run.output?.raw?.submitted;
		return submitted?.success === true || submitted?.success === 'true'
			? confirmed('Acknowledged with success: true.')
			: refuted(`Acknowledged with ${show(submitted)}.`);
	},
	'job-types'(e) {
		const seen = [];
		const wrong = [];
		for (const [key, expected] of Object.entries(JOB_TYPES)) {
			const out = ok(e.runs[key]);
			const answered = out?.partnerParams?.job_type;
			if (answered === undefined) continue;
			seen.push(key);
			if (Number(answered) !== expected)
				wrong.push(`${key}: sent ${expected}, answered ${show(answered)}`);
		}
		if (wrong.length > 0) return refuted(wrong.join('; '));
		return seen.length > 0
			? confirmed(`Job types as sent in ${seen.join(', ')}.`)
			: notReached('No result carried a job type.');
	},
	'job-status-shape'(e) {
		const out = ok(e.runs['job.getStatus']);
		if (!out) return notReached('Job Status gave no answer.');
		const raw = out.raw ?? {};
		const flags = ['job_complete', 'job_success'].filter(
			(f) => ![true, false, 'true', 'false'].includes(raw[f]),
		);
		if (flags.length > 0)
			return refuted(`Job Status answered ${flags.map((f) => `${f}=${show(raw[f])}`).join(', ')}.`);
		if (
			(raw.job_complete === true || raw.job_complete === 'true') &&
			(typeof raw.result !== 'object' || raw.result === null)
		)
			return refuted(`A complete job's result is ${show(raw.result)}.`);
		return confirmed(`job_complete=${show(raw.job_complete)}, result is ${typeof raw.result}.`);
	},
	'job-status-signed'(e) {
		const run = e.runs['job.getStatus'];
		if (!run) return notReached('Job Status did not run.');
		if (run.error !== undefined)
			return /could not be verified/.test(run.error)
				? refuted(run.error)
				: notReached(`Job Status failed: ${run.error}`);
		return confirmed('The job status answer carried a signature that verified with the key.');
	},
	'timestamp-forms'(e) {
		const stamps = [
			...['job.getStatus', 'link.resultStatus'].map((k) => ok(e.runs[k])?.raw?.timestamp),
			...(e.triggerItems ?? []).map((i) => i.raw?.timestamp),
		].filter((t) => t !== undefined);
		if (stamps.length === 0) return notReached('No signed timestamp was received.');
		const unreadable = stamps.filter((t) => readTimestamp(String(t)) === undefined);
		return unreadable.length === 0
			? confirmed(`Read every signed timestamp, e.g. ${show(stamps[0])}.`)
			: refuted(`Unreadable timestamps: ${unreadable.map(show).join(', ')}.`);
	},
	'callback-shape'(e) {
		const items = e.triggerItems ?? [];
		if (items.length === 0)
			return notReached(
				'No callback reached the trigger (pass --public-url with a tunnel to your n8n to check it).',
			);
		const bad = items.filter(
			(i) =>
				!i.raw?.PartnerParams ||
				i.raw?.ResultCode === undefined ||
				i.raw?.IsFinalResult === undefined,
		);
		return bad.length === 0
			? confirmed(
					`${items.length} callbacks, each signed, with PartnerParams, ResultCode and IsFinalResult.`,
				)
			: refuted(
					`Callbacks without the expected fields: ${bad.map((i) => show(Object.keys(i.raw ?? {}))).join('; ')}.`,
				);
	},
	'prep-upload-answer'(e) {
		return uploadVerdict(e, /Submitting the job failed/, 'prep upload');
	},
	'upload-put'(e) {
		return uploadVerdict(e, /upload/i, 'zip upload');
	},
	'retry-flag'() {
		return notReached('Needs a failed upload; the sandbox run does not provoke one.');
	},
	'use-enrolled-image'(e) {
		const run = e.runs['document.verifyWithAuthority'];
		if (!run) return notReached('Enhanced Document Verification did not run.');
		if (run.error !== undefined && /use_enrolled_image/i.test(run.error)) return refuted(run.error);
		return run.error === undefined
			? confirmed(
					'Enhanced Document Verification accepted use_enrolled_image: false with a selfie.',
				)
			: notReached(`Enhanced Document Verification failed for another reason: ${run.error}`);
	},
	'compare-answer'(e) {
		const run = e.runs['smartSelfie.compare'];
		if (!run) return notReached('SmartSelfie Compare did not run.');
		if (run.error !== undefined) return refuted(`Compare's answer was not read: ${run.error}`);
		return run.output?.resultCode && run.output?.smileJobId
			? confirmed(`code ${run.output.resultCode}, job_id ${run.output.smileJobId}.`)
			: refuted(`Compare answered ${show(Object.keys(run.output?.raw ?? {}))}.`);
	},
	'aml-answer'(e) {
		const run = e.runs['aml.screen'];
		if (!run) return notReached('AML did not run.');
		if (run.error !== undefined) return refuted(`The AML answer was not read: ${run.error}`);
		const listed = run.output?.raw?.Actions?.Listed;
		return ['Listed', 'Not Listed'].includes(listed)
			? confirmed(
					`Actions.Listed=${listed}, no_of_persons_found=${show(run.output?.raw?.no_of_persons_found)}.`,
				)
			: refuted(`Actions.Listed=${show(listed)}.`);
	},
	'rate-limit-reset-answer'(e) {
		const run = e.runs['idNumber.resetRateLimit'];
		if (!run) return notReached('The rate-limit reset did not run.');
		return run.error === undefined
			? confirmed(`Answered success with ${show(run.output?.message)}.`)
			: refuted(`The reset's answer was not read as success: ${run.error}`);
	},
	'error-answer-fields'(e) {
		const run = e.runs['job.getStatusUnknown'];
		if (!run) return notReached('Job Status of an unknown job did not run.');
		if (run.error === undefined) return notReached('Job Status of an unknown job did not fail.');
		return /Smile ID code \d+/.test(run.error)
			? confirmed(`The refusal named its code: ${run.error.slice(0, 200)}`)
			: refuted(`The refusal carried no code: ${run.error.slice(0, 300)}`);
	},
	'live-lists'(e) {
		if (e.services === undefined) return notReached('GET /v1/services gave no answer.');
		const s = e.services;
		return typeof s?.id_types === 'object' && typeof s?.hosted_web === 'object'
			? confirmed('GET /v1/services answered id_types and hosted_web.')
			: refuted(`GET /v1/services answered ${show(Object.keys(s ?? {}))}.`);
	},
	'link-created-at'(e) {
		const run = e.runs['link.getAll'];
		const created = ok(e.runs['link.create']);
		const listed = run?.outputs?.find((i) => created && i.refId === created.refId);
		if (!listed) return notReached('The link just created is not in the Get Many answer.');
		const raw = listed.raw ?? {};
		const field = ['created_at', 'createdAt', 'date_created', 'created'].find(
			(f) => raw[f] !== undefined,
		);
		if (!field) return refuted(`The listed link has no creation time: ${show(Object.keys(raw))}.`);
		const value = raw[field];
		return Number.isFinite(typeof value === 'number' ? value : Date.parse(String(value)))
			? confirmed(`The listed link carries ${field}=${show(value)}.`)
			: refuted(`The listed link's ${field}=${show(value)} is not a readable time.`);
	},
	'link-refusal-codes'() {
		return notReached('The sandbox run provokes no link refusal.');
	},
	'kyb-answer-fields'(e) {
		const out = ok(e.runs['business.verify']);
		if (!out) return notReached('Verify a Business (registration) gave no result.');
		if (out.resultCode !== '1012')
			return notReached(`The test business answered ${show(out.resultCode)}, not 1012.`);
		const problems = [];
		if (out.company === null) problems.push('no company_information object');
		if (out.directors.length === 0) problems.push('no directors list');
		for (const action of ['Verify_Business', 'Return_Business_Info'])
			if (out.actions?.[action] === undefined) problems.push(`no Action ${action}`);
		return problems.length === 0
			? confirmed(
					`1012 with company_information, ${out.directors.length} directors, ${out.beneficialOwners.length} beneficial owners, Actions ${Object.keys(out.actions).join(', ')}.`,
				)
			: refuted(`${problems.join('; ')}; answer fields: ${show(Object.keys(out.raw ?? {}))}.`);
	},
	'kyb-ng-business-types'(e) {
		const run = e.runs['business.verify'];
		if (!run) return notReached('Verify a Business (registration) did not run.');
		if (run.error !== undefined)
			return /business.?type/i.test(run.error)
				? refuted(`business_type co was refused: ${run.error}`)
				: notReached(`The search failed for another reason: ${run.error}`);
		return confirmed(
			`A Nigerian registration search with business_type co answered ${show(run.output?.resultCode)}.`,
		);
	},
	'kyb-country-rules'() {
		return notReached('The sandbox run searches Nigerian businesses only.');
	},
	'phone-request-body'(e) {
		return requestVerdict(e, ['phone.verify', 'phone.verifyAsync'], 'phone verification');
	},
	'phone-answer'(e) {
		const out = ok(e.runs['phone.verify']);
		if (!out) return notReached('Verify a Phone Number gave no result.');
		if (!['1020', '1021', '1022', '1023'].includes(out.resultCode))
			return refuted(`The NG test number answered ResultCode ${show(out.resultCode)}.`);
		return out.matches?.names !== undefined
			? confirmed(`ResultCode ${out.resultCode}, Actions.Names=${show(out.matches.names)}.`)
			: refuted(`ResultCode ${out.resultCode} without an Action Names: ${show(out.raw?.Actions)}.`);
	},
	'phone-id-number-formats'(e) {
		const run = e.runs['phone.verifyAsync'];
		if (!run) return notReached('The Kenyan phone verification did not run.');
		if (run.error === undefined)
			return confirmed('The Kenyan test ID number 00000000 fit the format and was accepted.');
		return /ID Number/.test(run.error) && !/Smile ID code/.test(run.error)
			? refuted(`The node refused the docs' test ID number: ${run.error}`)
			: notReached(`The Kenyan phone verification failed for another reason: ${run.error}`);
	},
	'address-request-body'(e) {
		return requestVerdict(e, ['address.verify'], 'address verification');
	},
	'address-answer'(e) {
		const out = ok(e.runs['address.status']);
		if (!out?.isFinal) return notReached('No final address result was read.');
		if (!['1020', '1021'].includes(out.resultCode))
			return refuted(`The ZA test ID number answered ResultCode ${show(out.resultCode)}.`);
		const check = out.addressCheck ?? {};
		return check.distance !== null && check.distance !== undefined
			? confirmed(
					`ResultCode ${out.resultCode}, verdict ${show(check.verdict)}, distance ${show(check.distance)}.`,
				)
			: refuted(
					`ResultCode ${out.resultCode} without a distance field the node reads: ${show(Object.keys(out.raw ?? {}))}.`,
				);
	},
	'result-type-products'(e) {
		const expected = {
			'phone.asyncStatus': 'phone_verification',
			'address.status': 'address_verification',
		};
		const seen = [];
		const wrong = [];
		for (const [key, product] of Object.entries(expected)) {
			const out = ok(e.runs[key]);
			if (!out?.isFinal) continue;
			// Job Status answers the result under `result`; a callback is the result itself.
			const resultType = out.raw?.result?.ResultType ?? out.raw?.ResultType;
			seen.push(`${show(resultType)} (${product})`);
			if (out.partnerParams?.job_type !== undefined || out.product !== product)
				wrong.push(
					`${key}: ResultType ${show(resultType)}, job_type ${show(out.partnerParams?.job_type)}, read as ${out.product}`,
				);
		}
		if (wrong.length > 0) return refuted(wrong.join('; '));
		return seen.length > 0
			? confirmed(`No job type; ResultType ${seen.join(', ')}.`)
			: notReached('No final phone or address result was read.');
	},
	'repeat-2215-unbilled'() {
		return notReached("Billing is not in any answer: compare the sandbox account's statement.");
	},
	'job-status-all-products'(e) {
		const run = e.runs['job.getStatusKyc'];
		if (!run) return notReached('Job Status of the Enhanced KYC job did not run.');
		if (run.error !== undefined)
			return refuted(`Job Status of an Enhanced KYC job failed: ${run.error}`);
		return run.output?.isFinal
			? confirmed(`Job Status answered the Enhanced KYC job: ${show(run.output.resultCode)}.`)
			: refuted('Job Status says the answered Enhanced KYC job is not complete.');
	},
	'unbilled-operations'() {
		return notReached("Billing is not in any answer: compare the sandbox account's statement.");
	},
	'tool-job-id-format'(e) {
		const run = e.runs['phone.verify'];
		if (!run)
			return notReached('Verify a Phone Number (sent with an n8n-tool- job ID) did not run.');
		if (run.error === undefined) return confirmed('A job with an n8n-tool- job ID was accepted.');
		return /job.?id/i.test(run.error)
			? refuted(`The n8n-tool- job ID was refused: ${run.error}`)
			: notReached(`The phone verification failed for another reason: ${run.error}`);
	},
};

/**
 * Whether Smile ID took a product's request body: refused with its own code (other than
 * "job already exists") it is refuted.
 * @param {Evidence} e @param {string[]} keys @param {string} product
 * @returns {Verdict}
 */
function requestVerdict(e, keys, product) {
	const ran = keys.filter((k) => e.runs[k] !== undefined);
	if (ran.length === 0) return notReached(`No ${product} ran.`);
	const refused = ran.filter((k) => {
		const error = e.runs[k]?.error ?? '';
		return /Smile ID code \d+|\b404\b/.test(error) && !/code 2215/.test(error);
	});
	if (refused.length > 0)
		return refuted(refused.map((k) => `${k}: ${e.runs[k]?.error}`).join('; '));
	const done = ran.filter((k) => e.runs[k]?.error === undefined);
	return done.length > 0
		? confirmed(`Smile ID took the ${product} request of ${done.join(', ')}.`)
		: notReached(`Every ${product} failed before Smile ID answered.`);
}

/**
 * The upload jobs' verdict for one step of the upload flow.
 * @param {Evidence} e @param {RegExp} failure @param {string} step
 * @returns {Verdict}
 */
function uploadVerdict(e, failure, step) {
	const ran = Object.keys(UPLOAD_JOBS).filter((k) => e.runs[k] !== undefined);
	if (ran.length === 0) return notReached('No upload job ran.');
	const failed = ran.filter(
		(k) =>
			failure.test(e.runs[k]?.error ?? '') && !/Smile ID code 22\d\d/.test(e.runs[k]?.error ?? ''),
	);
	if (failed.length > 0) return refuted(failed.map((k) => `${k}: ${e.runs[k]?.error}`).join('; '));
	const done = ran.filter((k) => e.runs[k]?.error === undefined);
	return done.length > 0
		? confirmed(`The ${step} went through for ${done.join(', ')}.`)
		: notReached('Every upload job failed before that step.');
}

/**
 * Every assumption's verdict, in the registry's order.
 * @param {Evidence} evidence
 */
function evaluate(evidence) {
	// A request that never reached Smile ID says nothing about Smile ID: its check is not reached.
	const reached = {
		...evidence,
		runs: Object.fromEntries(Object.entries(evidence.runs).filter(([, run]) => !run?.unreachable)),
	};
	return ASSUMPTIONS.map((a) => {
		const check = CHECKS[a.id];
		let verdict;
		try {
			verdict = check ? check(reached) : notReached('No check.');
		} catch (error) {
			verdict = notReached(
				`The check failed: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
		return { id: a.id, title: a.title, ...verdict };
	});
}

module.exports = { CHECKS, evaluate };
