interface RecordIndex {
	count: number;
	oldestMs: number;
}

/** Where accepted callbacks are remembered; n8n's workflow static data in the trigger. */
export interface ReplayStore {
	/** Digest of each accepted callback → when it was accepted. */
	acceptedCallbacks?: Record<string, number>;
	/**
	 * How many keys acceptedCallbacks holds and when the oldest of them was accepted, so a
	 * check never has to list them all to know whether anything is due for removal.
	 */
	acceptedCallbacksIndex?: RecordIndex;
	/** Signature of each accepted callback → when it was accepted; indexed the same way. */
	acceptedSignatures?: Record<string, number>;
	acceptedSignaturesIndex?: RecordIndex;
}

type RecordField = 'acceptedCallbacks' | 'acceptedSignatures';

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
	private readonly keepMs: number;

	private readonly indexField: `${RecordField}Index`;

	/** @param field what the keys are: callback digests (the default) or signatures */
	constructor(
		private readonly store: ReplayStore,
		windowMs: number,
		private readonly field: RecordField = 'acceptedCallbacks',
	) {
		store[field] ??= {};
		this.indexField = `${field}Index`;
		this.keepMs = windowMs > 0 ? 2 * windowMs : UNBOUNDED_WINDOW_MS;
	}

	private get seen(): Record<string, number> {
		return this.store[this.field] as Record<string, number>;
	}

	accept(key: string, nowMs: number): boolean {
		const seen = this.seen;
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
		if (!Object.prototype.hasOwnProperty.call(this.seen, key)) return;
		delete this.seen[key];
		this.index().count--;
	}

	private index(): RecordIndex {
		const index = this.store[this.indexField];
		if (index && Number.isFinite(index.count) && Number.isFinite(index.oldestMs)) return index;
		// First use of the store, or one written before the index existed.
		const seen = this.seen;
		const keys = Object.keys(seen);
		this.store[this.indexField] = {
			count: keys.length,
			oldestMs: keys.length > 0 ? seen[keys[0]] : 0,
		};
		return this.store[this.indexField] as RecordIndex;
	}

	// Keys keep insertion order, which is acceptance order: the oldest come first, so both
	// expiry and the cap remove from the front without sorting.
	private removeExpired(nowMs: number): void {
		const seen = this.seen;
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
		this.store[this.indexField] = {
			count: keys.length - removed,
			oldestMs: oldestKey === undefined ? 0 : seen[oldestKey],
		};
	}
}

/**
 * What the memory knows of a verified callback: `new`; `duplicate`, the same callback
 * delivered again; or `signature_reused`, a callback not seen before whose signature (and so
 * timestamp) came with another one. The signature does not cover the body, so a body changed
 * after signing keeps it; Smile ID signs two results alike only when it signs them in the
 * same moment.
 */
export type CallbackAdmission = 'new' | 'duplicate' | 'signature_reused';

export interface Admission {
	kind: CallbackAdmission;
	/** Forgets what admitting recorded, so that a retry of the callback is taken again. */
	release(): void;
}

/**
 * The replay memory of one trigger across its stores (this process's memory and the
 * workflow's static data): a callback counts as seen if any store has it.
 */
export class CallbackMemory {
	constructor(
		private readonly stores: ReplayStore[],
		private readonly windowMs: number,
	) {}

	/** Records the callback and its signature in every store, unless it is a duplicate. */
	admit(replayKey: string, signature: string, nowMs: number): Admission {
		const callbacks = this.stores.map((store) => new ReplayGuard(store, this.windowMs));
		// Every store records it, also when another already had it, so that each refuses it next.
		const firstIn = callbacks.map((guard) => guard.accept(replayKey, nowMs));
		if (!firstIn.every(Boolean)) return { kind: 'duplicate', release: () => undefined };
		const signatures = this.stores.map(
			(store) => new ReplayGuard(store, this.windowMs, 'acceptedSignatures'),
		);
		const signatureNewIn = signatures.map((guard) => guard.accept(signature, nowMs));
		return {
			kind: signatureNewIn.every(Boolean) ? 'new' : 'signature_reused',
			release: () => {
				for (const guard of callbacks) guard.forget(replayKey);
				// A signature another callback brought stays: that callback still counts as seen.
				signatures.forEach((guard, i) => {
					if (signatureNewIn[i]) guard.forget(signature);
				});
			},
		};
	}
}
