// @ts-check
/**
 * Peak memory of one measured call, above a baseline taken after garbage collection.
 *
 * - heap + external: `process.memoryUsage()` `heapUsed + external` (external includes every
 *   Buffer / ArrayBuffer), sampled every 1 ms by a timer on the main thread, plus a sample at
 *   the end of the call. Synchronous stretches (e.g. building a zip) delay the timer, but what
 *   they allocate stays referenced until the upload ends, so the next sample sees it.
 * - RSS: sampled every 1 ms by a worker thread (process-wide, so it keeps sampling while the
 *   main thread is busy). RSS in a long-lived process is a lower bound (the allocator may reuse
 *   pages freed by an earlier run), so heap + external is the primary number.
 *
 * The process must run with --expose-gc.
 */
import { Worker } from 'node:worker_threads';

const WORKER = `
const { workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.ctl);
const peak = new Float64Array(workerData.peak);
for (;;) {
  Atomics.wait(ctl, 0, 0);
  const state = Atomics.load(ctl, 0);
  if (state === 2) break;
  while (Atomics.load(ctl, 0) === 1) {
    const rss = process.memoryUsage.rss();
    if (rss > peak[0]) peak[0] = rss;
    Atomics.wait(ctl, 0, 1, 1);
  }
}
`;

export class MemorySampler {
	constructor() {
		this.ctl = new Int32Array(new SharedArrayBuffer(4));
		this.peak = new Float64Array(new SharedArrayBuffer(8));
		this.worker = new Worker(WORKER, {
			eval: true,
			workerData: { ctl: this.ctl.buffer, peak: this.peak.buffer },
		});
		this.worker.unref();
		/** @type {NodeJS.Timeout | undefined} */
		this.timer = undefined;
		this.baseline = { heapExt: 0, rss: 0, heapUsed: 0, external: 0 };
		this.peakHeapExt = 0;
		this.peakExternal = 0;
		this.peakHeap = 0;
		this.samples = 0;
	}

	static gc() {
		const gc = /** @type {any} */ (globalThis).gc;
		if (typeof gc !== 'function') throw new Error('run with --expose-gc');
		gc();
		gc();
	}

	sample() {
		const m = process.memoryUsage();
		const heapExt = m.heapUsed + m.external;
		if (heapExt > this.peakHeapExt) this.peakHeapExt = heapExt;
		if (m.external > this.peakExternal) this.peakExternal = m.external;
		if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
		this.samples++;
	}

	/** GC, take the baseline, start sampling. */
	start() {
		MemorySampler.gc();
		const m = process.memoryUsage();
		this.baseline = {
			heapExt: m.heapUsed + m.external,
			rss: m.rss,
			heapUsed: m.heapUsed,
			external: m.external,
		};
		this.peakHeapExt = this.baseline.heapExt;
		this.peakExternal = m.external;
		this.peakHeap = m.heapUsed;
		this.samples = 0;
		this.peak[0] = m.rss;
		Atomics.store(this.ctl, 0, 1);
		Atomics.notify(this.ctl, 0);
		this.timer = setInterval(() => this.sample(), 1);
	}

	/** Stop sampling; growth above the baseline in bytes. */
	stop() {
		this.sample();
		clearInterval(this.timer);
		Atomics.store(this.ctl, 0, 0);
		Atomics.notify(this.ctl, 0);
		const rssPeak = Math.max(this.peak[0], process.memoryUsage.rss());
		return {
			heapExtGrowth: this.peakHeapExt - this.baseline.heapExt,
			rssGrowth: rssPeak - this.baseline.rss,
			// each peak on its own (they need not coincide): Buffers vs the JS heap (incl. garbage)
			externalGrowth: this.peakExternal - this.baseline.external,
			heapGrowth: this.peakHeap - this.baseline.heapUsed,
			baselineHeapExt: this.baseline.heapExt,
			baselineRss: this.baseline.rss,
			samples: this.samples,
		};
	}

	close() {
		Atomics.store(this.ctl, 0, 2);
		Atomics.notify(this.ctl, 0);
	}
}
