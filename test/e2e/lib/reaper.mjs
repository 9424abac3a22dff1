// @ts-check
/**
 * Process groups started by the harness (n8n, verdaccio) are detached so they can be killed as
 * a group; this makes sure they die with the test process too (normal exit, uncaught error,
 * SIGINT/SIGTERM from the test runner), so no orphan keeps a port.
 */

/** @type {Set<number>} */
const groups = new Set();
let installed = false;

function killAll() {
	for (const pid of groups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
	groups.clear();
}

/** @param {number | undefined} pid */
export function trackGroup(pid) {
	if (!pid) return;
	groups.add(pid);
	if (installed) return;
	installed = true;
	process.on('exit', killAll);
	for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.once(sig, () => {
			// A program with its own handler (npm run dev) shuts its children down gracefully
			// and exits itself; the 'exit' hook above still kills whatever is left then.
			if (process.listenerCount(sig) > 0) return;
			killAll();
			process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
		});
	}
}

/** @param {number | undefined} pid */
export function untrackGroup(pid) {
	if (pid) groups.delete(pid);
}
