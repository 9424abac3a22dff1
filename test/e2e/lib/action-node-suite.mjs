// @ts-check
/**
 * The setup the action node's e2e files share (action-node-operations.test.mjs,
 * action-node-scenarios.test.mjs): one bench per file and line, the callback URL, the workflows
 * they deploy, and two readers of what the simulator received.
 */
import {
	binaryToJsonNode,
	itemDrivenSubmit,
	smileNode,
	splitItems,
	startActionBench,
} from './action-helpers.mjs';

/** Type ids of the images in a simulator job's info.json. @param {any} job */
export const typeIds = (job) =>
	job.upload.info_json.images.map((/** @type {any} */ i) => i.image_type_id);
/** sha256 of a zip entry by name. @param {any} job @param {string} name */
export const entrySha = (job, name) =>
	job.upload.entries.find((/** @type {any} */ e) => e.name === name)?.sha256;

/**
 * Start the bench of one line: provisional → final 3 s apart, so a poll at 2 s sees the
 * provisional result. @param {string} line
 */
export async function startActionNodeBench(line) {
	const bench = await startActionBench(line, { sim: { provisionalDelayMs: 3000 } });
	return { bench, cb: bench.aux.callbackUrl(`actions-${line}`) };
}

/**
 * The workflows the action node's files deploy, on the bench `getBench()` returns when called.
 * @param {() => import('./action-helpers.mjs').ActionBench} getBench
 */
export function actionNodeWorkflows(getBench) {
	const partnerParamsOption = {
		partnerParams: {
			param: [
				{ key: 'crm_id', value: '={{ $json.crm ?? "none" }}' },
				{ key: 'channel', value: 'e2e' },
			],
		},
	};
	const dvWait = () =>
		getBench().deploy('dv-wait', [
			splitItems(),
			smileNode(
				itemDrivenSubmit('document', 'verify', {
					waitForResult: true,
					waitTimeout: 60,
					options: partnerParamsOption,
				}),
			),
		]);
	const selfieJob = (/** @type {string} */ op, wait = false, options = {}) =>
		getBench().deploy(`ss-${op}-${wait}-${JSON.stringify(options)}`, [
			splitItems(),
			smileNode(
				itemDrivenSubmit('smartSelfie', op, {
					...(op === 'compare'
						? {}
						: { waitForResult: wait, ...(wait ? { waitTimeout: 60 } : {}) }),
					options,
				}),
			),
		]);
	const jobStatus = (download = false, /** @type {Record<string, any>} */ options = {}) =>
		getBench().deploy(`status-${download}-${JSON.stringify(options)}`, [
			splitItems(),
			smileNode({
				resource: 'job',
				operation: 'getStatus',
				userId: '={{ $json.userId }}',
				jobId: '={{ $json.jobId }}',
				history: true,
				imageLinks: download,
				...(download ? { downloadImages: true } : {}),
				options,
			}),
			...(download
				? [
						binaryToJsonNode('Selfie Bytes', 'selfie_image', 'selfieB64'),
						binaryToJsonNode('Front Bytes', 'id_card_image', 'frontB64'),
					]
				: []),
		]);
	return { dvWait, selfieJob, jobStatus };
}
