// @ts-check
/**
 * Installs the packed package the way a user does from Settings -> Community nodes
 * (REST: POST /rest/community-packages {name}), from a local verdaccio registry that holds
 * only our `npm pack` tarball, then checks the node + credential types are registered under
 * the community names and that the installed copy works (credential test vs the simulator).
 *
 * n8n gates a non-default N8N_COMMUNITY_PACKAGES_REGISTRY behind a license feature
 * (feat:communityNodes:customRegistry, both 1.123 and 2.41). This test runs n8n with
 * E2E_TESTS=true, n8n's own end-to-end test mode, and switches that one feature on through
 * its test endpoint PATCH /rest/e2e/feature. Everything else is the user's code path: npm pack
 * from the registry, unpack into ~/.n8n/nodes/node_modules, npm install, load, DB record.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePort, linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import { preparePackage } from './lib/package.mjs';
import { startSim } from './lib/sim.mjs';
import { startVerdaccio } from './lib/verdaccio.mjs';

const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

describe('community package install via a local registry', { timeout: 900_000 }, () => {
	/** @type {Awaited<ReturnType<typeof startVerdaccio>>} */
	let registry;
	/** @type {any} */
	let sim;
	/** @type {ReturnType<typeof preparePackage>} */
	let pkg;

	before(async () => {
		pkg = preparePackage();
		registry = await startVerdaccio({ port: await freePort() });
		await registry.publish(pkg.tarball);
		sim = await startSim({ partnerId: '085' });
	});

	after(async () => {
		await registry?.stop();
		await sim?.stop();
	});

	test('the registry serves exactly the packed package', async () => {
		const doc = /** @type {any} */ (await registry.view(pkg.name));
		assert.ok(doc, 'package published');
		assert.equal(doc['dist-tags'].latest, pkg.version);
		assert.ok(
			doc.keywords?.includes('n8n-community-node-package') ??
				doc.versions[pkg.version].keywords.includes('n8n-community-node-package'),
		);
		// uplinks are off: nothing else resolvable
		assert.equal(await registry.view('n8n-nodes-base'), undefined);
	});

	for (const line of linesUnderTest()) {
		describe(`n8n ${line}.x`, () => {
			/** @type {import('./lib/n8n.mjs').N8nInstance} */
			let n8n;
			/** @type {any} */
			let installed;

			before(async () => {
				n8n = await startN8nWithPackage(line, {
					packageMode: 'none',
					env: {
						E2E_TESTS: 'true',
						N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
						N8N_REINSTALL_MISSING_PACKAGES: 'false',
					},
				});
				console.log(`# n8n ${n8n.version} ready in ${n8n.startupMs} ms; registry ${registry.url}`);
			});

			after(async () => {
				await n8n?.stop();
			});

			test('package is not there before the install', async () => {
				const types = await n8n.nodeTypes();
				assert.equal(types.filter((t) => t.name.startsWith(`${pkg.name}.`)).length, 0);
				const list = await n8n.rest('GET', '/community-packages');
				assert.deepEqual(
					list.filter((/** @type {any} */ p) => p.packageName === pkg.name),
					[],
				);
			});

			test('without the custom-registry feature n8n refuses the custom registry', async () => {
				const r = await n8n.request('POST', '/rest/community-packages', {
					json: { name: pkg.name },
				});
				assert.notEqual(r.status, 200, r.text);
				assert.match(r.text, /licen|customRegistry|registry/i);
			});

			test('POST /rest/community-packages installs it from the registry', async () => {
				const f = await n8n.request('PATCH', '/rest/e2e/feature', {
					json: { feature: CUSTOM_REGISTRY_FEATURE, enabled: true },
				});
				assert.equal(f.status, 200, f.text);
				const r = await n8n.request('POST', '/rest/community-packages', {
					json: { name: pkg.name },
					timeoutMs: 180_000,
				});
				assert.equal(r.status, 200, r.text);
				installed = r.json.data;
				assert.equal(installed.packageName, pkg.name);
				assert.equal(installed.installedVersion, pkg.version);
				const nodeNames = installed.installedNodes.map((/** @type {any} */ n) => n.type).sort();
				assert.deepEqual(nodeNames, [`${pkg.name}.smileId`, `${pkg.name}.smileIdTrigger`]);
				// n8n unpacked it where community packages live
				const dir = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
				assert.ok(fs.existsSync(path.join(dir, 'package.json')), `${dir} exists`);
				assert.ok(fs.existsSync(path.join(dir, 'dist', 'nodes', 'SmileId', 'SmileId.node.js')));
			});

			test('node + credential types are registered with community names and display names', async () => {
				assert.ok(installed, 'installed in previous test');
				const types = await n8n.nodeTypes();
				const node = types.find((t) => t.name === `${pkg.name}.smileId`);
				const trigger = types.find((t) => t.name === `${pkg.name}.smileIdTrigger`);
				assert.equal(node?.displayName, 'Smile ID');
				assert.equal(trigger?.displayName, 'Smile ID Trigger');
				const creds = await n8n.credentialTypes();
				assert.equal(creds.find((c) => c.name === 'smileIdApi')?.displayName, 'Smile ID API');
				const list = await n8n.rest('GET', '/community-packages');
				const entry = list.find((/** @type {any} */ p) => p.packageName === pkg.name);
				assert.ok(entry, 'listed under Settings -> Community nodes');
				assert.equal(entry.installedVersion, pkg.version);
			});

			test('the installed copy works: credential test against the simulator', async () => {
				assert.ok(installed, 'installed in previous test');
				const good = await n8n.createSmileIdCredential(
					sim.credentials,
					`Smile ID (community ${line}.x)`,
				);
				assert.equal((await n8n.testCredential(good)).status, 'OK');
				const bad = await n8n.createSmileIdCredential(
					{ ...sim.credentials, apiKey: 'nope' },
					`bad (community ${line}.x)`,
				);
				const res = await n8n.testCredential(bad);
				assert.equal(res.status, 'Error');
				assert.match(res.message, /API key/i);
			});
		});
	}
});
