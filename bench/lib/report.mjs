// @ts-check
/**
 * The Markdown report of a bench run (bench/results/latest.md), written from the results
 * object that run.mjs also saves as latest.json.
 */

export const MB = 1_000_000;
export const f1 = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
export const f2 = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
export const f3 = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

export function report(/** @type {any} */ r) {
	const lines = [];
	const row = (/** @type {any[]} */ cells) => lines.push(`| ${cells.join(' | ')} |`);
	const holds = (/** @type {boolean|null|undefined} */ b) =>
		b === null || b === undefined ? 'n/a' : b ? 'holds' : '**does not hold**';
	lines.push('# Benchmarks (issue 6)', '');
	lines.push(`Command: \`${r.command}\``, '');
	lines.push(
		`Started ${r.startedAt}, took ${f1(r.durationS)} s. Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGB} GB, ${r.machine.platform}; bench processes on Node ${r.machine.node}. Code: ${r.machine.commit}, dist/ built ${r.machine.distBuiltAt}.`,
	);
	lines.push(
		`Load average (1/5/15 min) at start: ${r.loadStart}; at end: ${r.loadEnd}. Other processes on the machine disturb timings; compare ratios taken in the same run.`,
		'',
	);
	if (r.clients)
		lines.push(
			`Our code path: the compiled node (dist/) run through a minimal IExecuteFunctions whose HTTP is ${r.clients.oursHttp}. Baseline: smile-identity-core ${r.clients.sdkVersion}. Both talk to the same HTTPS simulator (self-signed certificate made with openssl, trusted through NODE_EXTRA_CA_CERTS), each in its own long-lived child process.`,
			'',
		);

	lines.push('## Summary', '');
	row(['benchmark', 'ours (median)', 'baseline (median)', 'ratio', 'target', 'target holds?']);
	row(['---', '---', '---', '---', '---', '---']);
	if (r.dv) {
		const d = r.dv;
		/** A time row and a memory row, both with their targets, for one way of giving the images. */
		const targetRows = (/** @type {string} */ label, /** @type {any} */ x) => {
			row([
				`1. DV submit time, ${label} (${d.reps} runs each, alternating)`,
				`${f1(x.msMedian)} ms`,
				`SDK ${f1(d.sdk.msMedian)} ms`,
				`${f2(x.timeRatio)}×`,
				`≤ ${d.timeTarget}× SDK`,
				holds(x.timeTargetHolds),
			]);
			row([
				`1. DV peak memory growth, heap+external, ${label} (images ${f1(d.imageBytes / MB)} MB)`,
				`${f1(x.heapExtGrowthMedian / MB)} MB = ${f2(x.memRatio)}× images`,
				`SDK ${f1(d.sdk.heapExtGrowthMedian / MB)} MB = ${f2(d.sdk.heapExtGrowthMedian / d.imageBytes)}× images`,
				`${f2(x.heapExtGrowthMedian / d.sdk.heapExtGrowthMedian)}× SDK`,
				`≤ ${x.memTarget}× image bytes`,
				holds(x.memTargetHolds),
			]);
		};
		targetRows('n8n binary data in memory', d.ours);
		targetRows('n8n binary data on disk (filesystem mode, the n8n 2.x default)', d.oursOnDisk);
		targetRows('images by URL', d.oursByUrl);
		row([
			'1. DV client CPU time, user+system, in memory / on disk / by URL (info; less sensitive to machine load)',
			[d.ours, d.oursOnDisk, d.oursByUrl].map((x) => `${f1(x.cpuMsMedian)} ms`).join(' / '),
			`SDK ${f1(d.sdk.cpuMsMedian)} ms`,
			`${f2(d.ours.cpuMsMedian / d.sdk.cpuMsMedian)}× (in memory)`,
			'(info)',
			'',
		]);
		row([
			'1. of which Buffers (external) / JS heap, each at its own peak, in memory (info)',
			`${f1(d.ours.externalGrowthMedian / MB)} MB / ${f1(d.ours.heapGrowthMedian / MB)} MB`,
			`SDK ${f1(d.sdk.externalGrowthMedian / MB)} MB / ${f1(d.sdk.heapGrowthMedian / MB)} MB`,
			'',
			'(info)',
			'',
		]);
		row([
			'1. DV peak RSS growth, in memory (secondary)',
			`${f1(d.ours.rssGrowthMedian / MB)} MB = ${f2(d.ours.rssGrowthMedian / d.imageBytes)}× images`,
			`SDK ${f1(d.sdk.rssGrowthMedian / MB)} MB`,
			`${f2(d.ours.rssGrowthMedian / d.sdk.rssGrowthMedian)}× SDK`,
			'(info)',
			'',
		]);
	}
	if (r.status) {
		const s = r.status.summary;
		const c1 = s.c1.msMedian;
		row([
			`2. Job Status ×${r.status.jobs}, one at a time (concurrency 1, ${s.c1.reps} runs)`,
			`${f2(c1 / 1000)} s`,
			`SDK loop ${f2(s.sdk.msMedian / 1000)} s (${s.sdk.reps} runs)`,
			`${f2(c1 / s.sdk.msMedian)}× SDK time`,
			'(reference)',
			'',
		]);
		for (const c of r.options.concurrency) {
			const x = s[`c${c}`];
			row([
				`2. Job Status ×${r.status.jobs}, concurrency ${c}${c === r.status.defaultConcurrency ? ' (default: Items at Once not set)' : ''} (${x.reps} runs)`,
				`${f2(x.msMedian / 1000)} s`,
				`one at a time ${f2(c1 / 1000)} s; SDK ${f2(s.sdk.msMedian / 1000)} s`,
				`${f1(x.speedupVsOneAtATime)}× faster (${f1(s.sdk.msMedian / x.msMedian)}× vs SDK)`,
				'≥ 8× one at a time',
				holds(x.speedupVsOneAtATime >= 8),
			]);
		}
		const orderOk = Object.values(s).every((x) => /** @type {any} */ (x).allItemsPresentInOrder);
		row([
			'2. every item present and in order (all runs)',
			orderOk ? 'yes' : 'NO',
			'',
			'',
			'all',
			holds(orderOk),
		]);
	}
	if (r.callback) {
		const c = r.callback;
		row([
			`3. Callback check, verifyCallback + replay memory (${c.reps} × ${c.checksPerRep})`,
			`${f3(c.verify.meanMsMedian)} ms mean (p99 ${f3(c.verify.p99MsMedian)} ms)`,
			'',
			'',
			'< 0.1 ms per check',
			holds(c.verify.meanMsMedian < 0.1),
		]);
		row([
			'3. of which verifyCallback alone (info)',
			`${f3(c.verify.verifyCallbackOnlyMeanMsMedian)} ms mean`,
			'',
			'',
			'(info)',
			'',
		]);
		row([
			'3. false accepts / false rejects (verify path)',
			`${c.verify.falseAccepts} / ${c.verify.falseRejects}`,
			'',
			'',
			'0 / 0',
			holds(c.verify.falseAccepts === 0 && c.verify.falseRejects === 0),
		]);
		row([
			'3. whole trigger webhook() per request (info)',
			`${f3(c.webhook.meanMsMedian)} ms mean (p99 ${f3(c.webhook.p99MsMedian)} ms)`,
			'',
			'',
			`${c.webhook.falseAccepts} / ${c.webhook.falseRejects} false accepts / rejects`,
			holds(c.webhook.falseAccepts === 0 && c.webhook.falseRejects === 0),
		]);
	}
	if (r.n8n) {
		const n = r.n8n;
		if (n.error)
			row(['4. real n8n', `failed: ${n.error.split('\n')[0]}`, '', '', '(no target)', '']);
		else
			row([
				`4. real n8n ${n.version}: ${n.items} items, DV no wait (${n.runs.length} runs)`,
				`${f2(n.wallMsMedian / 1000)} s wall, ${f1(n.itemsPerSecondMedian)} items/s`,
				'',
				'',
				'(no target)',
				'',
			]);
	}
	if (r.kyc) {
		const k = r.kyc.summary;
		const label = `6. Enhanced KYC ×${r.kyc.lookups}, simulator ${r.kyc.latencyMs} ms (${r.kyc.reps} runs)`;
		row([
			`${label}, Items at Once not set (default)`,
			`${f2(k.ours.msMedian / 1000)} s`,
			`SDK loop ${f2(k.sdk.msMedian / 1000)} s; ours one at a time ${f2(k.c1.msMedian / 1000)} s`,
			`${f1(k.sdk.msMedian / k.ours.msMedian)}× faster than the SDK`,
			'(info)',
			'',
		]);
		row([
			`${label}: every lookup answered 1012 with the authority's photo, in order (all runs)`,
			k.ours.allAnswered && k.c1.allAnswered && k.plain.allAnswered
				? 'yes'
				: `no: ${[...k.ours.problems, ...k.c1.problems, ...k.plain.problems][0]}`,
			k.sdk.allAnswered ? 'SDK yes' : `SDK no: ${k.sdk.problems[0]}`,
			'',
			'all',
			holds(k.ours.allAnswered && k.c1.allAnswered && k.plain.allAnswered),
		]);
		const n = r.kyc.n8n;
		if (n?.error)
			row([`6. Enhanced KYC in real n8n`, `failed: ${n.error.split('\n')[0]}`, '', '', '', '']);
		else if (n)
			row([
				`6. Enhanced KYC ×${n.items} in real n8n ${n.version} (Webhook → Split Out → Smile ID, ${n.runs.length} runs)`,
				`${f2(n.wallMsMedian / 1000)} s wall, ${f1(n.itemsPerSecondMedian)} items/s`,
				`in-process over plain HTTP ${f2(k.plain.msMedian / 1000)} s`,
				`${f2(n.wallMsMedian / k.plain.msMedian)}× the in-process time`,
				'(info)',
				'',
			]);
	}
	for (const t of r.trigger ?? []) {
		if (t.error)
			row([`5. trigger, n8n line ${t.line}`, `failed: ${t.error.split('\n')[0]}`, '', '', '', '']);
		else
			for (const cells of t.rows)
				row([...cells.slice(0, 5), cells[5] === undefined ? '' : holds(cells[5])]);
	}
	lines.push('');

	if (r.dv) {
		const d = r.dv;
		lines.push('## 1. Document Verification submit', '');
		lines.push(
			`Images: selfie 0.3 MB, ID front 3 MB, ID back 3 MB, 8 liveness frames 0.1 MB (generated JPEGs, test/fixtures/jpeg.js), ${d.imageBytes} bytes in all. Simulator latency 0. Each repetition runs ours (in memory, on disk, by URL) and the SDK, one after the other, twice: once timed, once with memory sampling (the sampling costs time of its own, so it stays out of the timed runs); every run starts after two forced GCs. Time: from the call to the end of the upload (prep upload + zip + PUT). Memory: growth above a baseline taken after those GCs, just before the call; heap+external = process.memoryUsage() heapUsed + external (all Buffers, garbage included until it is collected), sampled every 1 ms on the main thread; RSS sampled every 1 ms by a worker thread (a lower bound in a warm process).`,
			'',
		);
		lines.push(
			"Ours: the node's Document Verification operation (router → document/verify → submitUploadJob), the images given three ways: as n8n binary properties in n8n's in-memory mode (base64 in the item, decoded inside the measured time), as n8n binary properties in filesystem mode (an id `filesystem-v2:…`, read with getBinaryDataBuffer as n8n-core reads them, fs.readFile), and as image URLs served over HTTP by the bench's own process (downloaded with n8n's httpRequest). SDK: `WebApi.submit_job` (job type 6), selfie and ID front as files (0, 1, read from disk by the SDK inside the measured time), ID back and liveness frames as base64 (7, 6), because the SDK never zips type 4/5 files.",
			'',
		);
		const list = (/** @type {any[]} */ xs, /** @type {(x: any) => number} */ pick) =>
			xs.map((x) => f1(pick(x))).join(', ');
		const ways = [
			['in memory', d.ours],
			['on disk', d.oursOnDisk],
			['by URL', d.oursByUrl],
			['SDK', d.sdk],
		];
		lines.push(
			`Runs (ms): ${ways.map(([label, x]) => `${label} ${list(x.runs, (v) => v.ms)}`).join('; ')}.`,
			'',
		);
		lines.push(
			`Heap+external growth per memory run (MB): ${ways.map(([label, x]) => `${label} ${list(x.memoryRuns, (v) => v.heapExtGrowth / MB)}`).join('; ')}.`,
			'',
		);
		const desc = (/** @type {any} */ s) =>
			`zip ${s.zipBytes} bytes; entries ${s.entries.map((/** @type {any} */ e) => `${e.name} (${e.size})`).join(', ')}; images ${s.images.map((/** @type {any} */ i) => `${i.type}/${i.source}${i.size !== undefined ? ` ${i.size}` : ''}`).join(', ')}; job ${s.status}${s.result ? ` (${typeof s.result === 'string' ? s.result : `${s.result.code} ${s.result.reason}`})` : ''}`;
		lines.push('What the simulator received (GET /__sim/jobs/:job_id):', '');
		lines.push(
			`- ours: ${desc(d.ours.sent)}; same 11 images byte for byte: ${d.ours.sameImages ? 'yes' : 'NO'}`,
		);
		lines.push(
			`- ours, images in n8n's filesystem mode: ${desc(d.oursOnDisk.sent)}; same 11 images byte for byte: ${d.oursOnDisk.sameImages ? 'yes' : 'NO'}`,
		);
		lines.push(
			`- ours, images by URL: ${desc(d.oursByUrl.sent)}; same 11 images byte for byte: ${d.oursByUrl.sameImages ? 'yes' : 'NO'}`,
		);
		lines.push(
			`- SDK: ${desc(d.sdk.sent)}; same 11 images byte for byte: ${d.sdk.sameImages ? 'yes' : 'NO'}`,
		);
		lines.push(
			`- SDK given liveness / ID-back as files (types 4 and 5), as its IMAGE_TYPE list offers: ${desc(d.sdk.naiveSent)}`,
			'',
		);
	}
	if (r.status) {
		const s = r.status.summary;
		lines.push('## 2. Job Status over many items', '');
		lines.push(
			`${r.status.jobs} finished SmartSelfie registration jobs made directly against the simulator (untimed), then Job Status for all of them with the simulator answering after ${r.status.latencyMs} ms. Ours: the node's router (resource job, operation getStatus, option Items at Once = N; for the default, the option not set) over ${r.status.jobs} input items; every output item is checked (job ID, user ID, pairedItem, outcome) against its input position. SDK: \`Utilities.get_job_status\` in a loop (one at a time, as its API offers).`,
			'',
		);
		row([
			'case',
			'runs',
			'median',
			'speed-up vs one at a time',
			'client CPU per item (median)',
			'all runs (s)',
		]);
		row(['---', '---', '---', '---', '---', '---']);
		for (const [k, x] of Object.entries(s)) {
			row([
				k === 'sdk'
					? 'SDK get_job_status loop'
					: `ours, concurrency ${k.slice(1)}${Number(k.slice(1)) === r.status.defaultConcurrency ? ' (default)' : ''}`,
				x.reps,
				`${f2(x.msMedian / 1000)} s`,
				`${f2(x.speedupVsOneAtATime)}×`,
				`${f2(x.cpuMsMedian / r.status.jobs)} ms`,
				x.runs.map((/** @type {number} */ v) => f2(v / 1000)).join(', '),
			]);
		}
		lines.push('');
		lines.push(
			`Concurrency needed for ≥ 8× over one at a time: ${r.status.concurrencyFor8x ?? `none of ${r.options.concurrency.join(', ')}`} (of the values measured). With a fixed ${r.status.latencyMs} ms answer time, N concurrent requests give at most N× (requests at concurrency 5 cannot exceed 5×).`,
			'',
		);
	}
	if (r.callback) {
		const c = r.callback;
		lines.push('## 3. Callback verification', '');
		lines.push(
			`${c.checksPerRep} DV result callbacks per repetition (${c.validPerRep} valid, the rest forged: ${Object.entries(
				c.kinds,
			)
				.filter(([k]) => k !== 'valid')
				.map(([k, v]) => `${k} ${v}`)
				.join(
					', ',
				)}), shuffled, every replay after the callback it copies; signed with the simulator's own signing code. Verify path = \`verifyCallback\` then the trigger's \`CallbackMemory\` (callback digests and signatures, in the per-process store: trigger version 3 keeps no static-data memory), kept for the whole repetition (up to ${c.validPerRep} remembered callbacks). Whole webhook = \`SmileIdTrigger.webhook()\` of a version 3 trigger with Confirm With Job Status off, with a raw JSON body (parse, credentials, settings, verify, guards, answer).`,
			'',
		);
		lines.push(
			`Verify path: mean ${f3(c.verify.meanMsMedian)} ms, p50 ${f3(c.verify.p50MsMedian)} ms, p99 ${f3(c.verify.p99MsMedian)} ms, max ${f3(c.verify.maxMs)} ms; false accepts ${c.verify.falseAccepts}, false rejects ${c.verify.falseRejects} over ${c.reps} repetitions. Rejection reasons (first repetition): ${Object.entries(
				c.verify.reasons,
			)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')}.`,
			'',
		);
		lines.push(
			`Of that, \`verifyCallback\` alone (signature, freshness, result normalisation): mean ${f3(c.verify.verifyCallbackOnlyMeanMsMedian)} ms per check; the rest is the replay memory. Mean time per check by position in the run (tenths; callbacks remembered by the guards at the end of each tenth): ${c.verify.tenths.map((/** @type {any} */ t) => `${f3(t.meanMsMedian)} ms (${t.rememberedAtEnd})`).join(', ')}.`,
			'',
		);
		lines.push(
			`Whole webhook: mean ${f3(c.webhook.meanMsMedian)} ms, p50 ${f3(c.webhook.p50MsMedian)} ms, p99 ${f3(c.webhook.p99MsMedian)} ms; answers (first repetition): ${Object.entries(
				c.webhook.statuses,
			)
				.map(([k, v]) => `${k} × ${v}`)
				.join(', ')}.`,
			'',
		);
	}
	if (r.n8n) {
		const n = r.n8n;
		lines.push('## 4. Real n8n', '');
		if (n.error) lines.push(`Failed: ${n.error}`, '');
		else {
			lines.push(
				`n8n ${n.version} on Node ${n.nodeVersion} (e2e harness, community package), simulator over plain HTTP. Workflow: Webhook (responds when the last node finishes) → Split Out (${n.items}-element array in the body) → Smile ID Document Verification, image source URL (selfie, ID front and back from the simulator's /__samples/), no wait, default concurrency. Wall time = the webhook call; n8n time = execution startedAt → stoppedAt.`,
				'',
			);
			row([
				'run',
				'wall (s)',
				'n8n execution (s)',
				'items/s (wall)',
				'jobs created',
				'outputs pending',
			]);
			row(['---', '---', '---', '---', '---', '---']);
			n.runs.forEach((/** @type {any} */ x, /** @type {number} */ i) =>
				row([
					i + 1,
					f2(x.wallMs / 1000),
					f2(x.executionMs / 1000),
					f1(x.itemsPerSecond),
					x.jobsCreated,
					x.doneOutputs,
				]),
			);
			lines.push(
				'',
				`Median: ${f2(n.wallMsMedian / 1000)} s wall, ${f1(n.itemsPerSecondMedian)} items/s; n8n startup ${f1(n.startupMs / 1000)} s (not included).`,
				'',
			);
		}
	}
	lines.push('## Notes', '');
	for (const note of r.notes) lines.push(`- ${note}`);
	lines.push('');
	return lines.join('\n');
}
