// @ts-check
/** The bench's plumbing: statistics, the certificate, the callback sink and file server, the measuring child processes, requests to the simulator. */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseJsonOr } from '../../test/e2e/lib/json.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const median = (/** @type {number[]} */ xs) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const load = () =>
	os
		.loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');
const log = (/** @type {string} */ s) => console.log(`# ${s}`);

/** Self-signed certificate for 127.0.0.1, made with openssl into dir. @param {string} dir */
function makeCertificate(dir) {
	const key = path.join(dir, 'sim-key.pem');
	const cert = path.join(dir, 'sim-cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	return { keyFile: key, certFile: cert, key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** A callback receiver that answers 200, so the simulator's result callbacks cost nothing. */
async function startSink() {
	let received = 0;
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			received++;
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}/smile-callback`,
		get received() {
			return received;
		},
		stop: () =>
			new Promise((r) => {
				server.close(() => r(undefined));
				server.closeAllConnections();
			}),
	};
}

/**
 * Serves the files of dir over plain HTTP (the images for Document Verification by URL), from
 * this process, so that serving them costs the measured client nothing.
 */
async function startFileServer(/** @type {string} */ dir) {
	const server = http.createServer((req, res) => {
		const name = path.basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
		fs.readFile(path.join(dir, name), (error, data) => {
			if (error) res.writeHead(404).end();
			else res.writeHead(200, { 'content-type': 'image/jpeg' }).end(data);
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () =>
			new Promise((r) => {
				server.close(() => r(undefined));
				server.closeAllConnections();
			}),
	};
}

/** A measuring child process (client.mjs) that trusts the simulator's certificate. */
function startClient(/** @type {string} */ role, /** @type {string} */ certFile) {
	const child = fork(path.join(HERE, '..', 'client.mjs'), [], {
		execArgv: ['--expose-gc'],
		env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let seq = 0;
	/** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
	const pending = new Map();
	child.on('message', (/** @type {any} */ msg) => {
		const p = pending.get(msg.id);
		if (!p) return;
		pending.delete(msg.id);
		if (msg.ok) p.resolve(msg.result);
		else p.reject(new Error(`${role} client: ${msg.error}`));
	});
	child.on('exit', (code) => {
		for (const p of pending.values()) p.reject(new Error(`${role} client exited (${code})`));
		pending.clear();
	});
	return {
		role,
		/** @param {string} cmd @param {any} [args] @returns {Promise<any>} */
		call(cmd, args) {
			const id = ++seq;
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve, reject });
				child.send({ id, cmd, args });
			});
		},
		stop() {
			return new Promise((r) => {
				if (child.exitCode !== null) return r(undefined);
				child.once('exit', () => r(undefined));
				child.disconnect();
			});
		},
	};
}

/** JSON request to the TLS simulator from this process (trusting its certificate explicitly). */
function simRequest(
	/** @type {string} */ method,
	/** @type {string} */ url,
	/** @type {Buffer|object} */ body,
	/** @type {Buffer} */ ca,
	/** @type {Record<string,string>} */ headers = {},
) {
	const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
	return new Promise((resolve, reject) => {
		const req = https.request(
			url,
			{
				method,
				ca,
				headers: {
					'content-type': 'application/json',
					'content-length': String(payload.length),
					...headers,
				},
			},
			(res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode, body: parseJsonOr(text, text) });
				});
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** Waits until the simulator has inspected the upload of a job (untimed). */
async function settledJob(/** @type {any} */ sim, /** @type {string} */ jobId, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const job = sim.getJob(jobId);
		if (
			job &&
			job.upload &&
			(job.upload.entries || job.upload.info_json_error || job.status !== 'processing')
		) {
			if (
				job.status === 'complete' ||
				job.status === 'pending_review' ||
				job.failure ||
				job.results?.length
			)
				return job;
		}
		if (Date.now() > deadline) return job;
		await sleep(20);
	}
}

/** What the simulator received for a job: zip entries and images, for the honesty check. */
function describeUpload(/** @type {any} */ job) {
	const u = job?.upload ?? {};
	return {
		zipBytes: u.bytes,
		entries: (u.entries ?? [])
			.filter((/** @type {any} */ e) => !e.dir)
			.map((/** @type {any} */ e) => ({ name: e.name, size: e.size })),
		images: (u.images ?? []).map((/** @type {any} */ i) => ({
			type: i.image_type_id,
			role: i.role,
			source: i.source,
			size: i.size,
			sha256: i.sha256,
		})),
		status: job?.failure ? 'failed' : job?.status,
		result: job?.failure
			? { code: job.failure.code, reason: job.failure.reason }
			: (job?.results?.at?.(-1)?.ResultCode ?? job?.result?.ResultCode),
	};
}

// ------------------------------------------------------------------ 1. Document Verification

export {
	median,
	sleep,
	load,
	log,
	makeCertificate,
	startSink,
	startFileServer,
	startClient,
	simRequest,
	settledJob,
	describeUpload,
};
