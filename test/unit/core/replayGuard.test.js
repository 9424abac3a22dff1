// @ts-check
'use strict';
const { CallbackMemory, ReplayGuard } = require('../../../dist/nodes/SmileId/core/replayGuard');

const WINDOW = 10 * 60 * 1000;
const T0 = Date.parse('2025-05-23T11:40:07.809Z');
const key = (i) => `2025-05-23T11:40:07.809Z|sig${i}=`;

describe('ReplayGuard', () => {
	test('first accept true, second accept of the same key false', () => {
		const guard = new ReplayGuard({}, WINDOW);
		expect(guard.accept(key(1), T0)).toBe(true);
		expect(guard.accept(key(1), T0)).toBe(false);
		expect(guard.accept(key(1), T0 + 1000)).toBe(false);
	});

	test('different keys are all accepted', () => {
		const guard = new ReplayGuard({}, WINDOW);
		for (let i = 0; i < 100; i++) expect(guard.accept(key(i), T0 + i)).toBe(true);
		for (let i = 0; i < 100; i++) expect(guard.accept(key(i), T0 + 100)).toBe(false);
	});

	test('keys differing only in timestamp or signature are different', () => {
		const guard = new ReplayGuard({}, WINDOW);
		expect(guard.accept('2025-05-23T11:40:07.809Z|abc=', T0)).toBe(true);
		expect(guard.accept('2025-05-23T11:40:07.810Z|abc=', T0)).toBe(true);
		expect(guard.accept('2025-05-23T11:40:07.809Z|abd=', T0)).toBe(true);
	});

	test('remembered for 2 × window, forgotten after', () => {
		const guard = new ReplayGuard({}, WINDOW);
		expect(guard.accept(key(1), T0)).toBe(true);
		expect(guard.accept(key(1), T0 + 2 * WINDOW)).toBe(false); // exactly 2× window: still remembered
		expect(guard.accept(key(1), T0 + 2 * WINDOW + 1)).toBe(true); // forgotten, accepted again
		expect(guard.accept(key(1), T0 + 2 * WINDOW + 2)).toBe(false); // and remembered anew
	});

	test('expired entries leave the store in batches, once the oldest is 2.5 × window old', () => {
		const store = {};
		const guard = new ReplayGuard(store, WINDOW);
		guard.accept(key(1), T0);
		guard.accept(key(2), T0 + WINDOW);
		guard.accept(key(3), T0 + 2 * WINDOW + 1);
		// key(1) no longer counts as seen, but removing it waits for the batch
		expect(Object.keys(store.acceptedCallbacks)).toEqual([key(1), key(2), key(3)]);
		expect(store.acceptedCallbacksIndex).toEqual({ count: 3, oldestMs: T0 });
		guard.accept(key(4), T0 + 2.5 * WINDOW + 1);
		expect(store.acceptedCallbacks).toEqual({
			[key(2)]: T0 + WINDOW,
			[key(3)]: T0 + 2 * WINDOW + 1,
			[key(4)]: T0 + 2.5 * WINDOW + 1,
		});
		expect(store.acceptedCallbacksIndex).toEqual({ count: 3, oldestMs: T0 + WINDOW });
	});

	test('an expired key accepted again moves to the end, keeping the store in acceptance order', () => {
		const store = {};
		const guard = new ReplayGuard(store, WINDOW);
		guard.accept(key(1), T0);
		guard.accept(key(2), T0 + 2 * WINDOW);
		expect(guard.accept(key(1), T0 + 2 * WINDOW + 1)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toEqual([key(2), key(1)]);
		expect(store.acceptedCallbacksIndex.count).toBe(2);
	});

	test('window 0 (freshness check off) remembers for one day', () => {
		const day = 24 * 60 * 60 * 1000;
		const guard = new ReplayGuard({}, 0);
		expect(guard.accept(key(1), T0)).toBe(true);
		expect(guard.accept(key(1), T0 + day)).toBe(false);
		expect(guard.accept(key(1), T0 + day + 1)).toBe(true);
	});

	test('state lives in the store: a new guard on the same store refuses the key', () => {
		const store = {};
		expect(new ReplayGuard(store, WINDOW).accept(key(1), T0)).toBe(true);
		expect(store).toEqual({
			acceptedCallbacks: { [key(1)]: T0 },
			acceptedCallbacksIndex: { count: 1, oldestMs: T0 },
		});
		// the store survives a JSON round trip, as n8n's static data does between executions
		const reloaded = JSON.parse(JSON.stringify(store));
		expect(new ReplayGuard(reloaded, WINDOW).accept(key(1), T0 + 1)).toBe(false);
		// a separate store knows nothing of it
		expect(new ReplayGuard({}, WINDOW).accept(key(1), T0 + 1)).toBe(true);
	});

	test('a store without an index (written by an earlier version) is counted once and kept', () => {
		const existing = { [key(9)]: T0, [key(10)]: T0 + 1 };
		const store = { acceptedCallbacks: existing };
		const guard = new ReplayGuard(store, WINDOW);
		expect(guard.accept(key(9), T0 + 5)).toBe(false);
		expect(store.acceptedCallbacks).toBe(existing);
		expect(store.acceptedCallbacksIndex).toEqual({ count: 2, oldestMs: T0 });
	});

	test('cap: the store grows to 11,000 and is then trimmed to the newest 10,000', () => {
		const store = { acceptedCallbacks: {} };
		// The guard only ever inserts with the current time, so insertion order is time
		// order and the oldest entry is the first key.
		for (let i = 0; i < 10999; i++) store.acceptedCallbacks[`k${i}`] = T0 + i;
		const guard = new ReplayGuard(store, WINDOW);
		expect(guard.accept('new-1', T0 + 10999)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(11000);
		expect(store.acceptedCallbacksIndex).toEqual({ count: 11000, oldestMs: T0 });

		expect(guard.accept('new-2', T0 + 11000)).toBe(true);
		const keys = Object.keys(store.acceptedCallbacks);
		expect(keys).toHaveLength(10000);
		expect(keys[0]).toBe('k1001');
		expect(keys.slice(-2)).toEqual(['new-1', 'new-2']);
		expect(store.acceptedCallbacksIndex).toEqual({ count: 10000, oldestMs: T0 + 1001 });
		// a dropped key counts as new again; a kept one is still refused
		expect(guard.accept('k1000', T0 + 11001)).toBe(true);
		expect(guard.accept('k1001', T0 + 11002)).toBe(false);
	});

	test('cap: an over-full store (e.g. 12,000 from older code) is trimmed to 10,000 at once', () => {
		const store = { acceptedCallbacks: {} };
		for (let i = 0; i < 12000; i++) store.acceptedCallbacks[`k${i}`] = T0 + i;
		const guard = new ReplayGuard(store, WINDOW);
		expect(guard.accept('new', T0 + 12000)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(10000);
		expect('k2000' in store.acceptedCallbacks).toBe(false);
		expect('k2001' in store.acceptedCallbacks).toBe(true);
	});

	test('through accept() alone: the newest 10,000 are always refused, and keys are listed once per batch', () => {
		const store = {};
		const guard = new ReplayGuard(store, WINDOW);
		const accepted = [];
		let listings = 0;
		const listKeys = jest.spyOn(Object, 'keys');
		try {
			for (let i = 0; i < 25000; i++) accepted.push(guard.accept(key(i), T0 + i));
			listings = listKeys.mock.calls.length;
		} finally {
			listKeys.mockRestore();
		}
		expect(accepted.every((a) => a === true)).toBe(true);
		// one listing on first use, then one each time the store passes 11,000 (every 1,001 accepts)
		expect(listings).toBe(15);
		for (let i = 15000; i < 25000; i++) expect(guard.accept(key(i), T0 + 25000)).toBe(false);
		expect(Object.keys(store.acceptedCallbacks).length).toBeLessThanOrEqual(11000);
	});

	test('expired entries are removed before the cap applies', () => {
		const store = { acceptedCallbacks: {} };
		for (let i = 0; i < 10000; i++) store.acceptedCallbacks[`old${i}`] = T0;
		store.acceptedCallbacks.fresh = T0 + 3 * WINDOW;
		const guard = new ReplayGuard(store, WINDOW);
		expect(guard.accept('newest', T0 + 3 * WINDOW)).toBe(true);
		expect(store.acceptedCallbacks).toEqual({ fresh: T0 + 3 * WINDOW, newest: T0 + 3 * WINDOW });
		expect(store.acceptedCallbacksIndex).toEqual({ count: 2, oldestMs: T0 + 3 * WINDOW });
	});
});

describe('ReplayGuard.forget', () => {
	test('a forgotten key is accepted again; others stay refused', () => {
		const store = {};
		const guard = new ReplayGuard(store, 60_000);
		expect(guard.accept('a|sig', 1000)).toBe(true);
		expect(guard.accept('b|sig', 1001)).toBe(true);
		guard.forget('a|sig');
		expect(store.acceptedCallbacksIndex.count).toBe(1);
		guard.forget('never-seen');
		expect(store.acceptedCallbacksIndex.count).toBe(1);
		expect(guard.accept('a|sig', 1002)).toBe(true);
		expect(guard.accept('b|sig', 1003)).toBe(false);
		expect(store.acceptedCallbacksIndex.count).toBe(2);
	});
});

describe('CallbackMemory: replays, and signatures that come with another body', () => {
	const SIG = 'o/xw0M0QQfAn81nKzFqPleD+Al+GUn20BlB1NyQVcrM=';
	const OTHER_SIG = 'p/xw0M0QQfAn81nKzFqPleD+Al+GUn20BlB1NyQVcrM=';

	test('new, then the same callback a duplicate, then another body with its signature reused', () => {
		const memory = new CallbackMemory([{}, {}], WINDOW);
		expect(memory.admit('body-a', SIG, T0).kind).toBe('new');
		expect(memory.admit('body-a', SIG, T0 + 1).kind).toBe('duplicate');
		expect(memory.admit('body-b', SIG, T0 + 2).kind).toBe('signature_reused');
		expect(memory.admit('body-c', OTHER_SIG, T0 + 3).kind).toBe('new');
	});

	test('both stores hold the callback and its signature, in their own fields', () => {
		const inProcess = {};
		const persisted = {};
		new CallbackMemory([inProcess, persisted], WINDOW).admit('body-a', SIG, T0);
		for (const store of [inProcess, persisted]) {
			expect(store).toEqual({
				acceptedCallbacks: { 'body-a': T0 },
				acceptedCallbacksIndex: { count: 1, oldestMs: T0 },
				acceptedSignatures: { [SIG]: T0 },
				acceptedSignaturesIndex: { count: 1, oldestMs: T0 },
			});
		}
	});

	test('a signature known to one store only (e.g. static data after a restart) counts as reused', () => {
		const persisted = {};
		new CallbackMemory([{}, persisted], WINDOW).admit('body-a', SIG, T0);
		const restarted = {};
		const admission = new CallbackMemory([restarted, persisted], WINDOW).admit(
			'body-b',
			SIG,
			T0 + 1,
		);
		expect(admission.kind).toBe('signature_reused');
		admission.release();
		// the signature the first callback brought stays in static data; the new process forgets it
		expect(persisted.acceptedSignatures).toEqual({ [SIG]: T0 });
		expect(restarted.acceptedSignatures).toEqual({});
		expect(persisted.acceptedCallbacks).toEqual({ 'body-a': T0 });
	});

	test('release: the same callback is new again in every store', () => {
		const stores = [{}, {}];
		const memory = new CallbackMemory(stores, WINDOW);
		memory.admit('body-a', SIG, T0).release();
		for (const store of stores) {
			expect(store.acceptedCallbacks).toEqual({});
			expect(store.acceptedSignatures).toEqual({});
			expect(store.acceptedCallbacksIndex.count).toBe(0);
			expect(store.acceptedSignaturesIndex.count).toBe(0);
		}
		expect(memory.admit('body-a', SIG, T0 + 1).kind).toBe('new');
	});

	test('releasing a callback whose signature was reused keeps the first callback and its signature', () => {
		const memory = new CallbackMemory([{}, {}], WINDOW);
		memory.admit('body-a', SIG, T0);
		memory.admit('body-b', SIG, T0 + 1).release();
		expect(memory.admit('body-a', SIG, T0 + 2).kind).toBe('duplicate');
		// refused, not remembered: the altered copy is judged again, never passed as a duplicate
		expect(memory.admit('body-b', SIG, T0 + 3).kind).toBe('signature_reused');
	});

	test('a duplicate in one store is a duplicate, and releasing it changes nothing', () => {
		const inProcess = {};
		const persisted = {};
		new CallbackMemory([inProcess], WINDOW).admit('body-a', SIG, T0);
		const admission = new CallbackMemory([inProcess, persisted], WINDOW).admit(
			'body-a',
			SIG,
			T0 + 1,
		);
		expect(admission.kind).toBe('duplicate');
		admission.release();
		expect(inProcess.acceptedCallbacks).toEqual({ 'body-a': T0 });
		// the other store learnt it, so it refuses the callback too
		expect(persisted.acceptedCallbacks).toEqual({ 'body-a': T0 + 1 });
	});

	test('a signature is remembered as long as a callback: 2 × window, then new again', () => {
		const memory = new CallbackMemory([{}], WINDOW);
		memory.admit('body-a', SIG, T0);
		expect(memory.admit('body-b', SIG, T0 + 2 * WINDOW).kind).toBe('signature_reused');
		expect(memory.admit('body-c', SIG, T0 + 2 * WINDOW + 1).kind).toBe('new');
	});
});
