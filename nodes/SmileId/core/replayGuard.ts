/** Where accepted callbacks are remembered; n8n's workflow static data in the trigger. */
export interface ReplayStore {
	acceptedCallbacks?: Record<string, number>;
}

const MAX_REMEMBERED = 10_000;
// With the freshness check turned off a replay could come at any time; remember a day.
const UNBOUNDED_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Refuses a signed callback seen before. Entries are kept as long as the freshness window
 * would let the same callback through again, so memory stays bounded.
 */
export class ReplayGuard {
	private readonly seen: Record<string, number>;

	private readonly keepMs: number;

	constructor(store: ReplayStore, windowMs: number) {
		store.acceptedCallbacks ??= {};
		this.seen = store.acceptedCallbacks;
		this.keepMs = windowMs > 0 ? 2 * windowMs : UNBOUNDED_WINDOW_MS;
	}

	accept(key: string, nowMs: number): boolean {
		this.forgetExpired(nowMs);
		if (this.seen[key] !== undefined) return false;
		this.seen[key] = nowMs;
		return true;
	}

	private forgetExpired(nowMs: number): void {
		const keys = Object.keys(this.seen);
		for (const key of keys) {
			if (nowMs - this.seen[key] > this.keepMs) delete this.seen[key];
		}
		const remaining = Object.keys(this.seen);
		if (remaining.length >= MAX_REMEMBERED) {
			remaining
				.sort((a, b) => this.seen[a] - this.seen[b])
				.slice(0, remaining.length - MAX_REMEMBERED + 1)
				.forEach((key) => delete this.seen[key]);
		}
	}
}
