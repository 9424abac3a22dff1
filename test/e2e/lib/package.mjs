// @ts-check
/**
 * The package under test, exactly as users get it: `npm pack` of the built repo (dist/ must
 * exist: `npm run build`), unpacked into a folder (package.json + dist) that n8n can load.
 * Packing itself lives in test/package/tarball.js.
 *
 * run.mjs packs once per run and passes SMILEID_E2E_TARBALL to the test processes; a test file
 * started on its own packs by itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import packing from '../../package/tarball.js';

export const { repoPackageJson, assertBuilt, packPackage, unpackPackage } = packing;

/**
 * Tarball + unpacked folder for this process (cached).
 * @returns {{tarball: string, packageDir: string, name: string, version: string}}
 */
let cached;
export function preparePackage() {
	if (cached) return cached;
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-pkg-'));
	if (process.env.SMILEID_E2E_KEEP !== '1') {
		process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
	}
	let tarball = process.env.SMILEID_E2E_TARBALL;
	if (!tarball) tarball = packPackage(work).tarball;
	const packageDir = unpackPackage(tarball, path.join(work, 'n8n-nodes-smileid'));
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	cached = { tarball, packageDir, name: pkg.name, version: pkg.version };
	return cached;
}
