// @ts-check
'use strict';
const { ReplayGuard } = require('../../dist/nodes/SmileId/core/replayGuard');

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

	test('expiry removes the entries from the store', () => {
		const store = {};
		const guard = new ReplayGuard(store, WINDOW);
		guard.accept(key(1), T0);
		guard.accept(key(2), T0 + WINDOW);
		expect(Object.keys(store.acceptedCallbacks)).toEqual([key(1), key(2)]);
		guard.accept(key(3), T0 + 2 * WINDOW + 1);
		expect(store.acceptedCallbacks).toEqual({ [key(2)]: T0 + WINDOW, [key(3)]: T0 + 2 * WINDOW + 1 });
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
		expect(store).toEqual({ acceptedCallbacks: { [key(1)]: T0 } });
		expect(new ReplayGuard(store, WINDOW).accept(key(1), T0 + 1)).toBe(false);
		// a separate store knows nothing of it
		expect(new ReplayGuard({}, WINDOW).accept(key(1), T0 + 1)).toBe(true);
	});

	test('an existing acceptedCallbacks object is reused, not replaced', () => {
		const existing = { [key(9)]: T0 };
		const store = { acceptedCallbacks: existing };
		const guard = new ReplayGuard(store, WINDOW);
		expect(store.acceptedCallbacks).toBe(existing);
		expect(guard.accept(key(9), T0 + 5)).toBe(false);
	});

	test('cap: with 10,000 remembered entries, accepting one more drops the oldest', () => {
		const store = { acceptedCallbacks: {} };
		// The guard only ever inserts with the current time, so insertion order is time
		// order and the oldest entry is the first key.
		for (let i = 0; i < 10000; i++) store.acceptedCallbacks[`k${i}`] = T0 + i;
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(10000);
		const guard = new ReplayGuard(store, WINDOW);
		const now = T0 + 10000;
		expect(guard.accept('new-1', now)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(10000);
		expect('k0' in store.acceptedCallbacks).toBe(false);
		expect('k1' in store.acceptedCallbacks).toBe(true);
		expect(store.acceptedCallbacks['new-1']).toBe(now);

		expect(guard.accept('new-2', now + 1)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(10000);
		expect('k1' in store.acceptedCallbacks).toBe(false);
		expect('k2' in store.acceptedCallbacks).toBe(true);
		// a dropped key counts as new again; a kept one is still refused
		expect(guard.accept('k9999', now + 2)).toBe(false);
	});

	test('cap: an over-full store (e.g. 10,050 from older code) is trimmed to 10,000', () => {
		const store = { acceptedCallbacks: {} };
		for (let i = 0; i < 10050; i++) store.acceptedCallbacks[`k${i}`] = T0 + i;
		const guard = new ReplayGuard(store, WINDOW);
		expect(guard.accept('new', T0 + 10050)).toBe(true);
		const keys = Object.keys(store.acceptedCallbacks);
		expect(keys).toHaveLength(10000);
		for (let i = 0; i <= 50; i++) expect(`k${i}` in store.acceptedCallbacks).toBe(false);
		expect('k51' in store.acceptedCallbacks).toBe(true);
	});

	test('cap reached through accept(): 9,990 stored + 11 accepted keep 10,000, oldest dropped', () => {
		// (filling all 10,000 through accept() alone takes ~13 s: every accept lists all keys)
		const store = { acceptedCallbacks: {} };
		for (let i = 0; i < 9990; i++) store.acceptedCallbacks[key(i)] = T0 + i;
		const guard = new ReplayGuard(store, WINDOW);
		for (let i = 9990; i < 10001; i++) expect(guard.accept(key(i), T0 + i)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(10000);
		expect(key(0) in store.acceptedCallbacks).toBe(false);
		// key(0) was dropped, so it is accepted again (and that drops key(1)); key(2) is still refused
		expect(guard.accept(key(2), T0 + 10001)).toBe(false);
		expect(guard.accept(key(0), T0 + 10001)).toBe(true);
		expect(guard.accept(key(1), T0 + 10002)).toBe(true);
		expect(Object.keys(store.acceptedCallbacks)).toHaveLength(10000);
	});

	test('expired entries are removed before the cap applies', () => {
		const store = { acceptedCallbacks: {} };
		for (let i = 0; i < 10000; i++) store.acceptedCallbacks[`old${i}`] = T0;
		store.acceptedCallbacks.fresh = T0 + 3 * WINDOW;
		const guard = new ReplayGuard(store, WINDOW);
		expect(guard.accept('newest', T0 + 3 * WINDOW)).toBe(true);
		expect(store.acceptedCallbacks).toEqual({ fresh: T0 + 3 * WINDOW, newest: T0 + 3 * WINDOW });
	});
});

describe('ReplayGuard.forget', () => {
	test('a forgotten key is accepted again; others stay refused', () => {
		const store = {};
		const guard = new ReplayGuard(store, 60_000);
		expect(guard.accept('a|sig', 1000)).toBe(true);
		expect(guard.accept('b|sig', 1001)).toBe(true);
		guard.forget('a|sig');
		expect(guard.accept('a|sig', 1002)).toBe(true);
		expect(guard.accept('b|sig', 1003)).toBe(false);
	});
});
