// @ts-check
/**
 * Summarises the `--cpu-prof` profiles n8n wrote into a folder: of the main thread with the
 * most samples in a time window (n8n's main process), where the CPU went during that window.
 * V8's sample times and process.hrtime() read the same monotonic clock, so the caller can
 * mark the window with process.hrtime() in its own process.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{id: number, callFrame: {functionName: string, url: string, lineNumber: number}, children?: number[]}} ProfileNode
 * @typedef {{nodes: ProfileNode[], startTime: number, samples: number[], timeDeltas: number[]}} Profile
 */

/** @param {ProfileNode['callFrame']} f */
function frameKey(f) {
	const file = f.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
	return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
}

/**
 * `focus`: function names whose time is split by the callee it went through (the frame just
 * below the outermost frame of that name), to see where a request's time goes step by step.
 * @param {string} dir
 * @param {{fromUs: number, toUs: number, top?: number, focus?: string[]}} window
 */
export function summariseProfile(dir, window) {
	const top = window.top ?? 40;
	let best;
	// CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread, where n8n
	// handles requests (worker threads of n8n's own show up as other files).
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
	const mainThread = files.filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
	for (const name of mainThread.length > 0 ? mainThread : files) {
		const file = path.join(dir, name);
		const profile = /** @type {Profile} */ (JSON.parse(fs.readFileSync(file, 'utf8')));
		/** @type {{node: number, us: number}[]} */
		const inWindow = [];
		let t = profile.startTime;
		for (let i = 0; i < profile.samples.length; i++) {
			t += profile.timeDeltas[i];
			const next = profile.timeDeltas[i + 1] ?? 0;
			if (t >= window.fromUs && t <= window.toUs)
				inWindow.push({ node: profile.samples[i], us: next });
		}
		if (!best || inWindow.length > best.inWindow.length) best = { file, profile, inWindow };
	}
	if (!best) throw new Error(`no .cpuprofile in ${dir}`);
	const { profile, inWindow } = best;
	/** @type {Map<number, ProfileNode>} */
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	/** @type {Map<string, number>} */
	const self = new Map();
	/** @type {Map<string, number>} */
	const total = new Map();
	const focus = window.focus ?? [];
	/** @type {Map<string, Map<string, number>>} */
	const split = new Map(focus.map((f) => [f, new Map()]));
	let allUs = 0;
	for (const { node, us } of inWindow) {
		allUs += us;
		const leaf = /** @type {ProfileNode} */ (byId.get(node));
		const leafKey = frameKey(leaf.callFrame);
		self.set(leafKey, (self.get(leafKey) ?? 0) + us);
		const seen = new Set();
		/** @type {string[]} */
		const stack = [];
		for (let id = /** @type {number | undefined} */ (node); id !== undefined; id = parent.get(id)) {
			const frame = /** @type {ProfileNode} */ (byId.get(id)).callFrame;
			stack.push(frame.functionName);
			const key = frameKey(frame);
			if (seen.has(key)) {
				stack[stack.length - 1] = key;
				continue;
			}
			seen.add(key);
			stack[stack.length - 1] = key;
			total.set(key, (total.get(key) ?? 0) + us);
		}
		for (const [name, callees] of split) {
			const at = stack.findLastIndex((k) => k.split(' ')[0] === name);
			if (at < 0) continue;
			const callee = at === 0 ? '(self)' : stack[at - 1];
			callees.set(callee, (callees.get(callee) ?? 0) + us);
		}
	}
	const rank = (/** @type {Map<string, number>} */ m) =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([fn, us]) => ({
				fn,
				ms: Math.round(us / 100) / 10,
				share: Math.round((1000 * us) / allUs) / 10,
			}));
	return {
		file: best.file,
		fromUs: window.fromUs,
		toUs: window.toUs,
		windowMs: Math.round((window.toUs - window.fromUs) / 1000),
		sampledMs: Math.round(allUs / 1000),
		self: rank(self),
		total: rank(total),
		focus: Object.fromEntries([...split].map(([name, callees]) => [name, rank(callees)])),
	};
}
