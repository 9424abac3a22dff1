// @ts-check
/**
 * The package exactly as npm ships it: `npm pack` of the built repo (dist/ must exist:
 * `npm run build`) and its unpacked folder. Shared by the end-to-end suite, the scanner run and
 * the package tests (CommonJS so that jest can load it too).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** @returns {any} the repository's package.json */
function repoPackageJson() {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
}

/** Throws a clear error when the package has not been built. */
function assertBuilt() {
	const pkg = repoPackageJson();
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
 * `npm pack` the repo into outDir, without lifecycle scripts (prepack is the publish guard).
 * @param {string} outDir
 * @returns {{tarball: string, name: string, version: string, files: string[]}}
 */
function packPackage(outDir) {
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
function unpackPackage(tarball, destDir) {
	fs.mkdirSync(destDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', destDir, '--strip-components=1']);
	return destDir;
}

module.exports = { REPO_ROOT, repoPackageJson, assertBuilt, packPackage, unpackPackage };
