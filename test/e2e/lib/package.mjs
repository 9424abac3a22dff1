// @ts-check
/**
 * The package under test, exactly as users get it: `npm pack` of the built repo (dist/ must
 * exist: `npm run build`), unpacked into a folder (package.json + dist) that n8n can load.
 *
 * run.mjs packs once per run and passes SMILEID_E2E_TARBALL to the test processes; a test file
 * started on its own packs by itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './install.mjs';

/** @returns {{name: string, version: string}} */
export function repoPackageJson() {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
}

/** Throws a clear error when the package has not been built. */
export function assertBuilt() {
	const pkg = /** @type {any} */ (repoPackageJson());
	const missing = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].filter(
		(/** @type {string} */ f) => !fs.existsSync(path.join(REPO_ROOT, f)),
	);
	if (missing.length) {
		throw new Error(
			`package not built: missing ${missing.join(', ')} (run \`npm run build\` first)`,
		);
	}
}

/**
 * `npm pack` the repo into outDir. @param {string} outDir
 * @returns {{tarball: string, name: string, version: string, files: string[]}}
 */
export function packPackage(outDir) {
	assertBuilt();
	fs.mkdirSync(outDir, { recursive: true });
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', outDir],
		{ cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const info = JSON.parse(out.slice(out.indexOf('[')))[0];
	return {
		tarball: path.join(outDir, info.filename),
		name: info.name,
		version: info.version,
		files: info.files.map((/** @type {{path: string}} */ f) => f.path),
	};
}

/** Unpack a tarball (package/ prefix stripped) into destDir. @param {string} tarball @param {string} destDir */
export function unpackPackage(tarball, destDir) {
	fs.mkdirSync(destDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', destDir, '--strip-components=1']);
	return destDir;
}

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
