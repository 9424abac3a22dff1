/** Where accepted callbacks are remembered; n8n's workflow static data in the trigger. */
export interface ReplayStore {
	acceptedCallbacks?: Record<string, number>;
	/**
	 * How many keys acceptedCallbacks holds and when the oldest of them was accepted, so a
	 * check never has to list them all to know whether anything is due for removal.
	 */
	acceptedCallbacksIndex?: { count: number; oldestMs: number };
}

/** Fewest callbacks remembered when nothing has expired. */
const MAX_REMEMBERED = 10_000;
// Removal runs in batches: the store may run this far over its cap or its keep time before
// it is trimmed, so the cost of listing the keys is paid once per batch, not per check.
const CAP_SLACK = MAX_REMEMBERED / 10;
const KEEP_SLACK_FRACTION = 0.25;
// With the freshness check turned off a replay could come at any time; remember a day.
const UNBOUNDED_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Refuses a signed callback seen before. A callback counts as seen for as long as the
 * freshness window would let it through again, so memory stays bounded.
 */
export class ReplayGuard {
	private readonly store: ReplayStore & { acceptedCallbacks: Record<string, number> };

	private readonly keepMs: number;

	constructor(store: ReplayStore, windowMs: number) {
		store.acceptedCallbacks ??= {};
		this.store = store as ReplayGuard['store'];
		this.keepMs = windowMs > 0 ? 2 * windowMs : UNBOUNDED_WINDOW_MS;
	}

	accept(key: string, nowMs: number): boolean {
		const seen = this.store.acceptedCallbacks;
		const index = this.index();
		const acceptedAt = Object.prototype.hasOwnProperty.call(seen, key) ? seen[key] : undefined;
		if (acceptedAt !== undefined) {
			if (nowMs - acceptedAt <= this.keepMs) return false;
			// Expired but not yet removed: re-insert at the end so key order stays acceptance order.
			delete seen[key];
			index.count--;
		}
		if (index.count <= 0) index.oldestMs = nowMs;
		seen[key] = nowMs;
		index.count++;
		const overCap = index.count > MAX_REMEMBERED + CAP_SLACK;
		if (overCap || nowMs - index.oldestMs > this.keepMs * (1 + KEEP_SLACK_FRACTION)) {
			this.removeExpired(nowMs);
		}
		return true;
	}

	/** Releases a key accepted for a callback that could not be processed after all. */
	forget(key: string): void {
		if (!Object.prototype.hasOwnProperty.call(this.store.acceptedCallbacks, key)) return;
		delete this.store.acceptedCallbacks[key];
		this.index().count--;
	}

	private index(): { count: number; oldestMs: number } {
		const index = this.store.acceptedCallbacksIndex;
		if (index && Number.isFinite(index.count) && Number.isFinite(index.oldestMs)) return index;
		// First use of the store, or one written before the index existed.
		const keys = Object.keys(this.store.acceptedCallbacks);
		this.store.acceptedCallbacksIndex = {
			count: keys.length,
			oldestMs: keys.length > 0 ? this.store.acceptedCallbacks[keys[0]] : 0,
		};
		return this.store.acceptedCallbacksIndex;
	}

	// Keys keep insertion order, which is acceptance order: the oldest come first, so both
	// expiry and the cap remove from the front without sorting.
	private removeExpired(nowMs: number): void {
		const seen = this.store.acceptedCallbacks;
		const keys = Object.keys(seen);
		let excess = keys.length - MAX_REMEMBERED;
		let removed = 0;
		for (const key of keys) {
			if (excess <= 0 && nowMs - seen[key] <= this.keepMs) break;
			delete seen[key];
			excess--;
			removed++;
		}
		const oldestKey = keys[removed];
		this.store.acceptedCallbacksIndex = {
			count: keys.length - removed,
			oldestMs: oldestKey === undefined ? 0 : seen[oldestKey],
		};
	}
}
