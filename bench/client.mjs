// @ts-check
/**
 * The measuring process of `npm run bench` (started by run.mjs with NODE_EXTRA_CA_CERTS and
 * --expose-gc; one process for our node, one for the official SDK). Commands arrive over IPC:
 * { id, cmd, args } -> { id, ok, result | error }.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { MemorySampler } from './lib/memory.mjs';

const require = createRequire(import.meta.url);
const ctxLib = require('./lib/n8n-context.cjs');
const { makeJpeg } = require('../test/fixtures/jpeg.js');
const { computeSignature } = require('../test/simulator/index.js');

/** @type {{ role: 'ours'|'sdk', sim: {baseUrl: string, partnerId: string, apiKey: string}, callbackUrl: string, tmpDir: string }} */
let cfg;
/** @type {MemorySampler} */
let sampler;
/** @type {Record<string, Buffer>} */
let images = {};
/** @type {Record<string, string>} */
let base64 = {};
/** @type {{selfiePath: string, frontPath: string, backPath: string, livenessPaths: string[]}} */
let files;
/** @type {{user_id: string, job_id: string}[]} */
let statusJobs = [];

const LIVENESS = Array.from({ length: 8 }, (_, i) => `liveness_${i + 1}`);

/** The DV image set of the issue: selfie 0.3 MB, ID front and back 3 MB, 8 liveness frames 0.1 MB. */
function makeImages() {
	/** @type {Record<string, Buffer>} */
	const out = {
		selfie: makeJpeg({ bytes: 300_000, width: 720, height: 960, seed: 'bench-selfie' }),
		idCardFront: makeJpeg({ bytes: 3_000_000, width: 3000, height: 1900, seed: 'bench-front' }),
		idCardBack: makeJpeg({ bytes: 3_000_000, width: 3000, height: 1900, seed: 'bench-back' }),
	};
	for (const name of LIVENESS)
		out[name] = makeJpeg({ bytes: 100_000, width: 480, height: 640, seed: `bench-${name}` });
	return out;
}

const sha = (/** @type {Buffer} */ b) => crypto.createHash('sha256').update(b).digest('hex');

async function init(/** @type {any} */ args) {
	cfg = args;
	sampler = new MemorySampler();
	images = makeImages();
	base64 = Object.fromEntries(Object.entries(images).map(([k, v]) => [k, v.toString('base64')]));
	const dir = path.join(cfg.tmpDir, `images-${cfg.role}`);
	fs.mkdirSync(dir, { recursive: true });
	const write = (/** @type {string} */ name, /** @type {Buffer} */ data) => {
		const p = path.join(dir, name);
		fs.writeFileSync(p, data);
		return p;
	};
	files = {
		selfiePath: write('selfie.jpg', images.selfie),
		frontPath: write('id_card_front.jpg', images.idCardFront),
		backPath: write('id_card_back.jpg', images.idCardBack),
		livenessPaths: LIVENESS.map((n) => write(`${n}.jpg`, images[n])),
	};
	let httpMode = 'n/a';
	if (cfg.role === 'ours') {
		ctxLib.dist();
		httpMode = ctxLib.httpLayer().mode;
	} else {
		require('smile-identity-core');
	}
	const sdkVersion = JSON.parse(
		fs.readFileSync(
			path.join(ctxLib.REPO_ROOT, 'node_modules', 'smile-identity-core', 'package.json'),
			'utf8',
		),
	).version;
	return {
		httpMode,
		sdkVersion,
		node: process.version,
		imageBytes: Object.values(images).reduce((s, b) => s + b.length, 0),
		imageSha256: Object.fromEntries(Object.entries(images).map(([k, v]) => [k, sha(v)])),
	};
}

// ------------------------------------------------------------------ 1. Document Verification

/** Where each image is on disk, for n8n's filesystem binary data mode. */
function imagePath(/** @type {string} */ name) {
	if (name === 'selfie') return files.selfiePath;
	if (name === 'idCardFront') return files.frontPath;
	if (name === 'idCardBack') return files.backPath;
	return files.livenessPaths[LIVENESS.indexOf(name)];
}

/** The file name of each image in the client's image folder (served over HTTP for URL mode). */
function imageFileName(/** @type {string} */ name) {
	return path.basename(imagePath(name));
}

/**
 * @param {string} userId
 * @param {'memory'|'filesystem'|'url'} binaryMode  n8n binary data in memory or on disk, or
 *   image URLs (the image folder served by run.mjs at imageBaseUrl)
 * @param {string} [imageBaseUrl]
 */
function oursDvContext(userId, binaryMode, imageBaseUrl) {
	const binary = Object.fromEntries(
		Object.entries(base64).map(([name, data]) => [
			name,
			{
				...(binaryMode === 'filesystem'
					? { id: `filesystem-v2:${imagePath(name)}`, data: 'filesystem-v2' }
					: { data }),
				mimeType: 'image/jpeg',
				fileName: `${name}.jpg`,
				fileExtension: 'jpg',
				fileSize: `${images[name].length}`,
			},
		]),
	);
	const reference = (/** @type {string} */ name) =>
		binaryMode === 'url' ? `${imageBaseUrl}/${imageFileName(name)}` : name;
	const parameters = {
		resource: 'document',
		operation: 'verify',
		userId,
		jobId: '',
		country: 'NG',
		idType: 'IDENTITY_CARD',
		useEnrolledImage: false,
		imageSource: binaryMode === 'url' ? 'url' : 'binary',
		selfie: reference('selfie'),
		idCardFront: reference('idCardFront'),
		idCardBack: reference('idCardBack'),
		livenessImages: LIVENESS.map(reference).join(','),
		callbackUrl: cfg.callbackUrl,
		waitForResult: false,
		options: {},
	};
	return ctxLib.executeContext({
		items: [{ json: { userId }, ...(binaryMode === 'url' ? {} : { binary }) }],
		parameters,
		credentials: {
			partnerId: cfg.sim.partnerId,
			apiKey: cfg.sim.apiKey,
			environment: 'custom',
			baseUrl: cfg.sim.baseUrl,
		},
	});
}

async function dvOurs(
	/** @type {{userId: string, memory?: boolean, binaryMode?: 'memory'|'filesystem'|'url', imageBaseUrl?: string}} */ args,
) {
	const { router } = ctxLib.dist();
	const ctx = oursDvContext(args.userId, args.binaryMode ?? 'memory', args.imageBaseUrl);
	if (args.memory !== false) sampler.start();
	else MemorySampler.gc(); // the same clean heap, without the sampler's own cost in the time
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const out = await router.call(ctx);
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(c0);
	const mem = args.memory !== false ? sampler.stop() : undefined;
	const json = out[0][0].json;
	if (json.outcome !== 'pending' || !json.jobId)
		throw new Error(`unexpected output ${JSON.stringify(json).slice(0, 500)}`);
	return {
		ms,
		cpuMs: (cpu.user + cpu.system) / 1000,
		mem,
		jobId: json.jobId,
		submitted: json.raw?.submitted
			? {
					prepUploadAttempts: json.raw.submitted.prepUploadAttempts,
					uploadAttempts: json.raw.submitted.uploadAttempts,
				}
			: undefined,
	};
}

function sdkServer() {
	// the SDK forces https:// and appends /upload, /job_status to this
	return `${cfg.sim.baseUrl.replace(/^https?:\/\//, '')}/v1`;
}

/**
 * The SDK as its docs describe it. Files for selfie (0) and ID front (1). It never zips liveness
 * (4) or ID-back (5) files (it sends their path as base64), so to upload the same images it
 * has to be given them as base64 (6 and 7): the only way it can send them.
 * @param {{userId: string, jobId: string, memory?: boolean, naive?: boolean}} args
 */
async function dvSdk(args) {
	const { WebApi } = require('smile-identity-core');
	const api = new WebApi(cfg.sim.partnerId, cfg.callbackUrl, cfg.sim.apiKey, sdkServer());
	const imageDetails = args.naive
		? [
				{ image_type_id: 0, image: files.selfiePath },
				{ image_type_id: 1, image: files.frontPath },
				{ image_type_id: 5, image: files.backPath },
				...files.livenessPaths.map((p) => ({ image_type_id: 4, image: p })),
			]
		: [
				{ image_type_id: 0, image: files.selfiePath },
				{ image_type_id: 1, image: files.frontPath },
				{ image_type_id: 7, image: base64.idCardBack },
				...LIVENESS.map((n) => ({ image_type_id: 6, image: base64[n] })),
			];
	if (args.memory !== false) sampler.start();
	else MemorySampler.gc(); // the same clean heap, without the sampler's own cost in the time
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const res = /** @type {any} */ (
		await api.submit_job(
			{ user_id: args.userId, job_id: args.jobId, job_type: 6 },
			imageDetails,
			{ country: 'NG', id_type: 'IDENTITY_CARD' },
			{
				return_job_status: false,
				return_history: false,
				return_images: false,
				use_enrolled_image: false,
			},
		)
	);
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(c0);
	const mem = args.memory !== false ? sampler.stop() : undefined;
	if (!res?.success) throw new Error(`SDK answered ${JSON.stringify(res)}`);
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, mem, jobId: args.jobId };
}

// ------------------------------------------------------------------ 2. Job Status

/** concurrency null: Items at Once not set, so the node's own default applies. */
async function statusOurs(/** @type {{concurrency: number | null}} */ args) {
	const { router } = ctxLib.dist();
	const jobs = statusJobs;
	const items = jobs.map((j) => ({ json: { user_id: j.user_id, job_id: j.job_id } }));
	const ctx = ctxLib.executeContext({
		items,
		parameters: (name, i) => {
			switch (name) {
				case 'resource':
					return 'job';
				case 'operation':
					return 'getStatus';
				case 'options':
					return args.concurrency === null ? {} : { concurrency: args.concurrency };
				case 'userId':
					return jobs[i].user_id;
				case 'jobId':
					return jobs[i].job_id;
				case 'history':
				case 'imageLinks':
				case 'downloadImages':
					return false;
				default:
					return undefined;
			}
		},
		credentials: {
			partnerId: cfg.sim.partnerId,
			apiKey: cfg.sim.apiKey,
			environment: 'custom',
			baseUrl: cfg.sim.baseUrl,
		},
	});
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const out = await router.call(ctx);
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(c0);
	const rows = out[0];
	let bad = 0;
	const problems = [];
	if (rows.length !== jobs.length) problems.push(`got ${rows.length} items for ${jobs.length}`);
	for (let i = 0; i < jobs.length; i++) {
		const r = rows[i];
		const ok =
			r &&
			r.json.jobId === jobs[i].job_id &&
			r.json.userId === jobs[i].user_id &&
			r.pairedItem?.item === i &&
			r.json.outcome === 'approved';
		if (!ok) {
			bad++;
			if (problems.length < 3)
				problems.push(`item ${i}: ${JSON.stringify(r?.json ?? r).slice(0, 200)}`);
		}
	}
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, items: rows.length, bad, problems };
}

async function statusSdk() {
	const { Utilities } = require('smile-identity-core');
	const utilities = new Utilities(cfg.sim.partnerId, cfg.sim.apiKey, sdkServer());
	const jobs = statusJobs;
	const results = [];
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	for (const j of jobs) {
		results.push(
			await utilities.get_job_status(j.user_id, j.job_id, {
				return_history: false,
				return_images: false,
			}),
		);
	}
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(c0);
	let bad = 0;
	const problems = [];
	results.forEach((r, i) => {
		const ok = r?.code === '2302' && r?.result?.PartnerParams?.job_id === jobs[i].job_id;
		if (!ok) {
			bad++;
			if (problems.length < 3) problems.push(`item ${i}: ${JSON.stringify(r).slice(0, 200)}`);
		}
	});
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, items: results.length, bad, problems };
}

// ------------------------------------------------------------------ 6. Enhanced KYC

/** Kenya's National ID needs no consent, so the SDK (which sends none) makes the same request. */
const KYC_ID = { country: 'KE', id_type: 'NATIONAL_ID', id_number: '00000000' };

/** @param {string} tag @param {number} lookups */
function kycPeople(tag, lookups) {
	return Array.from({ length: lookups }, (_, i) => ({
		user_id: `bench-kyc-${tag}-${i}`,
		job_id: `bench-kyc-job-${tag}-${i}`,
	}));
}

/**
 * Synchronous lookups through the router as n8n runs them; concurrency null: Items at Once
 * not set, so the operation's own default applies. baseUrl: another simulator (plain HTTP).
 * @param {{tag: string, lookups: number, concurrency: number | null, baseUrl?: string}} args
 */
async function kycOurs(args) {
	const { router } = ctxLib.dist();
	const people = kycPeople(args.tag, args.lookups);
	/** @type {Record<string, any>} */
	const fixed = {
		resource: 'idNumber',
		operation: 'lookUp',
		country: KYC_ID.country,
		idType: KYC_ID.id_type,
		idNumber: KYC_ID.id_number,
		consent: false,
		lookupMode: 'sync',
		photoProperty: 'photo',
		options: args.concurrency === null ? {} : { concurrency: args.concurrency },
	};
	const ctx = ctxLib.executeContext({
		items: people.map((p) => ({ json: p })),
		parameters: (name, i) => {
			if (name === 'userId') return people[i].user_id;
			if (name === 'jobId') return people[i].job_id;
			return fixed[name];
		},
		credentials: {
			partnerId: cfg.sim.partnerId,
			apiKey: cfg.sim.apiKey,
			environment: 'custom',
			baseUrl: args.baseUrl ?? cfg.sim.baseUrl,
		},
	});
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const out = await router.call(ctx);
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(c0);
	const rows = out[0];
	const problems = [];
	if (rows.length !== people.length) problems.push(`got ${rows.length} items for ${people.length}`);
	let bad = 0;
	people.forEach((p, i) => {
		const r = rows[i];
		const ok =
			r?.json.jobId === p.job_id &&
			r.json.resultCode === '1012' &&
			r.pairedItem?.item === i &&
			r.binary?.photo !== undefined;
		if (!ok) {
			bad++;
			if (problems.length < 3)
				problems.push(`item ${i}: ${JSON.stringify(r?.json ?? r).slice(0, 200)}`);
		}
	});
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, items: rows.length, bad, problems };
}

/** The SDK's IDApi.submit_job in a loop, as its README shows it. @param {{tag: string, lookups: number}} args */
async function kycSdk(args) {
	const { IDApi } = require('smile-identity-core');
	const api = new IDApi(cfg.sim.partnerId, cfg.sim.apiKey, sdkServer());
	const people = kycPeople(args.tag, args.lookups);
	const results = [];
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	for (const p of people) results.push(await api.submit_job({ ...p, job_type: 5 }, KYC_ID));
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(c0);
	let bad = 0;
	const problems = [];
	results.forEach((r, i) => {
		if (r?.ResultCode === '1012' && r?.PartnerParams?.job_id === people[i].job_id) return;
		bad++;
		if (problems.length < 3) problems.push(`item ${i}: ${JSON.stringify(r).slice(0, 200)}`);
	});
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, items: results.length, bad, problems };
}

// ------------------------------------------------------------------ 3. Callback verification

/** Small deterministic PRNG (mulberry32). @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FORGED_KINDS = [
	'wrong_key',
	'wrong_partner',
	'timestamp_altered',
	'stale',
	'future',
	'malformed_signature',
	'missing_signature',
	'noncanonical_base64',
	'replay',
];

/**
 * A mix of valid and forged DV result callbacks, in a shuffled order, with every replay after
 * the callback it copies. Signatures are made with the simulator's own signing code.
 * @param {number} n @param {number} seed
 */
function makeCallbacks(n, seed) {
	const rnd = prng(seed);
	const { apiKey, partnerId } = cfg.sim;
	const now = Date.now();
	const perForged = Math.floor((n * 0.4) / FORGED_KINDS.length);
	const validCount = n - perForged * FORGED_KINDS.length;
	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	const payload = (/** @type {number} */ i) => ({
		ResultCode: '0810',
		ResultText: 'Document Verified',
		SmileJobID: String(1_000_000_000 + i).padStart(10, '0'),
		PartnerParams: { job_id: `bench-cb-${seed}-${i}`, user_id: `bench-user-${i}`, job_type: 6 },
		Actions: {
			Document_Check: 'Passed',
			Human_Review_Compare: 'Not Applicable',
			Human_Review_Document_Check: 'Not Applicable',
			Human_Review_Liveness_Check: 'Not Applicable',
			Liveness_Check: 'Passed',
			Register_Selfie: 'Approved',
			Return_Personal_Info: 'Returned',
			Selfie_To_ID_Card_Compare: 'Completed',
			Verify_Document: 'Passed',
		},
		IsFinalResult: 'true',
		Country: 'NG',
		IDType: 'NATIONAL_ID',
		IDNumber: `A${1000000 + i}`,
		FullName: 'Joe Leo Doe',
		DOB: '1990-01-01',
		Gender: 'M',
		IssuanceDate: '2020-01-01',
		ExpirationDate: '2030-01-01',
		PhoneNumber: '',
		PhoneNumber2: '',
		Address: '',
		ImageLinks: {},
	});
	/** @type {{kind: string, valid: boolean, body: any, raw?: Buffer}[]} */
	const valid = [];
	for (let i = 0; i < validCount; i++) {
		// distinct timestamps, all inside the window
		const timestamp = iso(now - 240_000 + i * 7);
		valid.push({
			kind: 'valid',
			valid: true,
			body: { ...payload(i), timestamp, signature: computeSignature(apiKey, timestamp, partnerId) },
		});
	}
	/** @type {{kind: string, valid: boolean, body: any}[]} */
	const forged = [];
	/** @type {{kind: string, valid: boolean, body: any, of: number}[]} */
	const replays = [];
	let k = validCount;
	for (const kind of FORGED_KINDS) {
		for (let j = 0; j < perForged; j++) {
			const i = k++;
			const ts = iso(now - 200_000 + i * 7);
			let body;
			switch (kind) {
				case 'wrong_key':
					body = {
						...payload(i),
						timestamp: ts,
						signature: computeSignature(`${apiKey}x`, ts, partnerId),
					};
					break;
				case 'wrong_partner':
					body = {
						...payload(i),
						timestamp: ts,
						signature: computeSignature(apiKey, ts, `${partnerId}1`),
					};
					break;
				case 'timestamp_altered':
					body = {
						...payload(i),
						timestamp: iso(now - 200_000 + i * 7 + 1),
						signature: computeSignature(apiKey, ts, partnerId),
					};
					break;
				case 'stale': {
					const old = iso(now - 11 * 60_000 - i);
					body = {
						...payload(i),
						timestamp: old,
						signature: computeSignature(apiKey, old, partnerId),
					};
					break;
				}
				case 'future': {
					const later = iso(now + 11 * 60_000 + i);
					body = {
						...payload(i),
						timestamp: later,
						signature: computeSignature(apiKey, later, partnerId),
					};
					break;
				}
				case 'malformed_signature':
					body = {
						...payload(i),
						timestamp: ts,
						signature: crypto.randomBytes(24).toString('hex'),
					};
					break;
				case 'missing_signature':
					body = { ...payload(i), timestamp: ts };
					break;
				case 'noncanonical_base64': {
					// same 32 digest bytes, different text: the last base64 character's spare bits changed
					const good = computeSignature(apiKey, ts, partnerId);
					const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
					const last = alphabet.indexOf(good[42]);
					const twin = alphabet[(last & ~3) | ((last & 3) ^ 1)];
					body = { ...payload(i), timestamp: ts, signature: `${good.slice(0, 42)}${twin}=` };
					break;
				}
				case 'replay': {
					const of = Math.floor(rnd() * validCount);
					replays.push({ kind, valid: false, body: structuredClone(valid[of].body), of });
					continue;
				}
				default:
					throw new Error(kind);
			}
			forged.push({ kind, valid: false, body });
		}
	}
	/** @type {any[]} */
	const seq = [...valid.map((v, idx) => ({ ...v, idx })), ...forged];
	for (let i = seq.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[seq[i], seq[j]] = [seq[j], seq[i]];
	}
	for (const r of replays) {
		const at = seq.findIndex((s) => s.idx === r.of);
		const pos = at + 1 + Math.floor(rnd() * (seq.length - at));
		seq.splice(pos, 0, r);
	}
	for (const s of seq) s.raw = Buffer.from(JSON.stringify(s.body));
	return { seq, validCount, forgedCount: seq.length - validCount };
}

/**
 * @param {{n: number, reps: number, windowMinutes?: number}} args
 */
async function callbacks(args) {
	const { verifyCallback, CallbackMemory, SmileIdTrigger } = ctxLib.dist();
	const secrets = { apiKey: cfg.sim.apiKey, partnerId: cfg.sim.partnerId };
	const windowMs = (args.windowMinutes ?? 10) * 60_000;
	const trigger = new SmileIdTrigger();
	const reps = [];
	for (let rep = 0; rep < args.reps; rep++) {
		const { seq, validCount } = makeCallbacks(args.n, 1000 + rep);

		// (a) the verify path: verifyCallback, then the replay memory, as the trigger (version 3)
		// does: the process's store only
		const memory = new CallbackMemory([{}], windowMs);
		const timesA = new Float64Array(seq.length);
		const timesVerify = new Float64Array(seq.length);
		let falseAcceptA = 0;
		let falseRejectA = 0;
		/** @type {Record<string, number>} */
		const reasonsA = {};
		MemorySampler.gc();
		const a0 = performance.now();
		for (let i = 0; i < seq.length; i++) {
			const s = seq[i];
			const t = process.hrtime.bigint();
			const verdict = verifyCallback(s.body, secrets, windowMs);
			timesVerify[i] = Number(process.hrtime.bigint() - t);
			let accepted = false;
			if (verdict.accepted) {
				const { kind } = memory.admit(verdict.replayKey, verdict.signature, Date.now());
				// Every valid callback has its own timestamp, so a reused signature is a forgery's.
				accepted = kind === 'new';
				if (!accepted) reasonsA[kind] = (reasonsA[kind] ?? 0) + 1;
			} else reasonsA[verdict.reason] = (reasonsA[verdict.reason] ?? 0) + 1;
			timesA[i] = Number(process.hrtime.bigint() - t);
			if (accepted && !s.valid) falseAcceptA++;
			if (!accepted && s.valid) falseRejectA++;
		}
		const totalA = performance.now() - a0;

		// (b) the trigger's whole webhook(): raw body → JSON → verify → replay guards → answer
		const workflowId = `bench-${process.pid}-${rep}`;
		const triggerStatic = {};
		const timesB = new Float64Array(seq.length);
		let falseAcceptB = 0;
		let falseRejectB = 0;
		/** @type {Record<string, number>} */
		const statusesB = {};
		MemorySampler.gc();
		const b0 = performance.now();
		for (let i = 0; i < seq.length; i++) {
			const s = seq[i];
			const { ctx, response } = ctxLib.webhookContext({
				rawBody: s.raw,
				credentials: { ...secrets, environment: 'custom', baseUrl: cfg.sim.baseUrl },
				staticData: triggerStatic,
				workflowId,
			});
			const t = process.hrtime.bigint();
			const out = await trigger.webhook.call(ctx);
			timesB[i] = Number(process.hrtime.bigint() - t);
			const accepted = Array.isArray(out.workflowData) && out.webhookResponse?.received === true;
			const key = accepted
				? '200'
				: `${response.statusCode}${response.body?.duplicate ? ' duplicate' : ''}`;
			statusesB[key] = (statusesB[key] ?? 0) + 1;
			if (accepted && !s.valid) falseAcceptB++;
			if (!accepted && s.valid) falseRejectB++;
		}
		const totalB = performance.now() - b0;
		const pct = (/** @type {Float64Array} */ arr, /** @type {number} */ p) => {
			const sorted = Float64Array.from(arr).sort();
			return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
		};
		/** @type {Record<string, number>} */
		const kinds = {};
		for (const s of seq) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
		// mean time per check by position (tenths of the run): the replay guards remember more
		// and more callbacks as the run goes on
		const tenths = Array.from({ length: 10 }, (_, d) => {
			const from = Math.floor((d * seq.length) / 10);
			const to = Math.floor(((d + 1) * seq.length) / 10);
			let sum = 0;
			for (let i = from; i < to; i++) sum += timesA[i];
			let remembered = 0;
			for (let i = 0; i < to; i++) if (seq[i].valid) remembered++;
			return { meanMs: sum / (to - from) / 1e6, rememberedAtEnd: remembered };
		});
		reps.push({
			checks: seq.length,
			valid: validCount,
			kinds,
			verify: {
				meanMs: totalA / seq.length,
				p50Ms: pct(timesA, 0.5),
				p99Ms: pct(timesA, 0.99),
				maxMs: pct(timesA, 1),
				verifyCallbackOnlyMeanMs: timesVerify.reduce((a, b) => a + b, 0) / seq.length / 1e6,
				tenths,
				falseAccepts: falseAcceptA,
				falseRejects: falseRejectA,
				reasons: reasonsA,
			},
			webhook: {
				meanMs: totalB / seq.length,
				p50Ms: pct(timesB, 0.5),
				p99Ms: pct(timesB, 0.99),
				maxMs: pct(timesB, 1),
				falseAccepts: falseAcceptB,
				falseRejects: falseRejectB,
				statuses: statusesB,
			},
		});
	}
	return reps;
}

// ------------------------------------------------------------------ IPC

/** @type {Record<string, (args: any) => Promise<any>>} */
const commands = {
	init,
	dvOurs,
	dvSdk,
	setStatusJobs: async (/** @type {any} */ args) => {
		statusJobs = args.jobs;
		return { count: statusJobs.length };
	},
	statusOurs,
	statusSdk,
	kycOurs,
	kycSdk,
	callbacks,
	memoryNow: async () => process.memoryUsage(),
};

process.on('message', async (/** @type {any} */ msg) => {
	try {
		const fn = commands[msg.cmd];
		if (!fn) throw new Error(`unknown command ${msg.cmd}`);
		const result = await fn(msg.args ?? {});
		process.send?.({ id: msg.id, ok: true, result });
	} catch (error) {
		const e = /** @type {any} */ (error);
		process.send?.({
			id: msg.id,
			ok: false,
			error: `${e?.message ?? e}${e?.description ? ` (${e.description})` : ''}\n${e?.stack ?? ''}`,
		});
	}
});
process.on('disconnect', () => {
	sampler?.close();
	process.exit(0);
});
