// @ts-check
/**
 * `npm run test:scan`: n8n's community package scanner (@n8n/scan-community-package, a
 * devDependency) run on this repository, with the scanner's own functions and ESLint config.
 *
 * What `npx @n8n/scan-community-package n8n-nodes-smileid` does for a published version, and
 * what this script does instead:
 *   1. provenance: checks the registry's attestation of the published version. SKIPPED: there
 *      is no published version of this tree; it passes only for a version published by
 *      .github/workflows/publish.yml (npm publish --provenance).
 *   2. source: downloads the repository at the attested commit and runs
 *      `analyzePackage(findPackageRoot(checkout, name), SOURCE_FILE_PATTERNS)`. Here the checkout
 *      is a copy of the files git would commit (tracked and untracked-not-ignored), so the
 *      analysis sees what the next commit holds: no dist/, no node_modules/.
 *   3. tarball: `npm pack`s the published version and runs
 *      `analyzePackage(unpacked, ['**\/*.js', 'package.json'])`. Here: `npm pack` of the built
 *      repo (dist/ must be built: `npm run build`).
 * analyzePackage lints with inline configuration disabled, so `eslint-disable` comments do not
 * hide anything. Step 2 and 3's calls are read from the scanner's source below; if an upgrade of
 * the scanner changes them, this script fails until it is brought in line.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import treeTools from '../../tooling/tested-tree.js';
import packing from './tarball.js';

const { REPO_ROOT, packPackage, repoPackageJson, unpackPackage } = packing;
const { committableFiles } = treeTools;

const SCANNER_FILE = fileURLToPath(
	import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'),
);
/** The scanner's calls of analyzePackage in analyzePackageByName, as this script repeats them. */
const SCANNER_CALLS = [
	'analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)',
	"analyzePackage(packageDir, ['**/*.js', 'package.json'])",
];
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const scannerSource = fs.readFileSync(SCANNER_FILE, 'utf8');
const drifted = SCANNER_CALLS.filter((call) => !scannerSource.includes(call));
if (drifted.length) {
	console.error(
		`✗ ${SCANNER_FILE} no longer calls ${drifted.join(' / ')}: update test/package/scan.mjs to match the scanner`,
	);
	process.exit(1);
}

// The scanner makes a temp folder when it is imported; have it removed when this process exits.
createRequire(SCANNER_FILE)('tmp').setGracefulCleanup();
const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(SCANNER_FILE);
const scannerVersion = JSON.parse(
	fs.readFileSync(path.join(path.dirname(SCANNER_FILE), '..', 'package.json'), 'utf8'),
).version;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-scan-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

/** Copies the files of the next commit into a fresh folder: the scanner's source checkout. */
function checkoutCopy() {
	const dir = path.join(work, 'source');
	for (const file of committableFiles(REPO_ROOT)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(path.join(REPO_ROOT, file), path.join(dir, file));
	}
	return dir;
}

const { name, version } = repoPackageJson();
console.log(
	`# n8n community package scan of ${name}@${version} (@n8n/scan-community-package ${scannerVersion})`,
);
console.log(
	'- provenance: SKIPPED (needs the npm attestation of a published version; only a release from .github/workflows/publish.yml has one)',
);

const sourceRoot = findPackageRoot(checkoutCopy(), name);
if (!sourceRoot) {
	console.error(`✗ source: no package.json named ${name} in the checkout`);
	process.exit(1);
}
const { tarball } = packPackage(work);
const packageDir = unpackPackage(tarball, path.join(work, 'tarball'));

const analyses = [
	{
		leg: 'source',
		dir: sourceRoot,
		result: await analyzePackage(sourceRoot, SOURCE_FILE_PATTERNS),
	},
	{
		leg: 'tarball',
		dir: packageDir,
		result: await analyzePackage(packageDir, TARBALL_FILE_PATTERNS),
	},
];
for (const { leg, dir, result } of analyses) {
	console.log(`- ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
	// File names relative to the repository (source) or the package root (tarball).
	if (result.details) console.log(result.details.replaceAll(dir + path.sep, ''));
}
process.exit(analyses.every(({ result }) => result.passed) ? 0 : 1);
