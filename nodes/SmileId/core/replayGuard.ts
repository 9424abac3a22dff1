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
		if (Object.prototype.hasOwnProperty.call(this.seen, key)) return false;
		this.seen[key] = nowMs;
		return true;
	}

	/** Releases a key accepted for a callback that could not be processed after all. */
	forget(key: string): void {
		delete this.seen[key];
	}

	// Keys keep insertion order, which is acceptance order: the oldest come first, so both
	// expiry and the size cap remove from the front without sorting.
	private forgetExpired(nowMs: number): void {
		const keys = Object.keys(this.seen);
		let excess = keys.length - MAX_REMEMBERED + 1;
		for (const key of keys) {
			if (excess <= 0 && nowMs - this.seen[key] <= this.keepMs) break;
			delete this.seen[key];
			excess--;
		}
	}
}
