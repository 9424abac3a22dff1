// @ts-check
/**
 * `npm run release`: tags the version in package.json for .github/workflows/publish.yml, which
 * publishes it to npm with provenance. It refuses unless
 *   - the working tree is clean (the tag must name exactly what was tested),
 *   - CHANGELOG.md has a section "## <version>" that is not marked unreleased,
 *   - the tag v<version> does not exist yet,
 *   - `npm test` passes on this tree (run here unless it already passed on exactly this tree).
 * Then it creates the annotated tag and prints the push command. Details: docs/releasing.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { guard } = createRequire(import.meta.url)('./tested-tree.js');

/** @param {string[]} args */
const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** @param {string} message */
function refuse(message) {
	console.error(`✗ release: ${message}`);
	process.exit(1);
}

const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const tag = `v${version}`;

if (git(['status', '--porcelain'])) refuse('commit or stash your changes first (git status)');
const heading = fs
	.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
	.split('\n')
	.find((line) => line.startsWith(`## ${version}`));
if (!heading || /unreleased/i.test(heading)) {
	refuse(`CHANGELOG.md needs a section "## ${version}" (not marked unreleased)`);
}
if (git(['tag', '--list', tag])) refuse(`tag ${tag} exists: raise the version in package.json`);

if (guard(ROOT) !== 0) refuse('npm test failed');
if (git(['status', '--porcelain'])) {
	refuse('npm test changed tracked files (git status): commit them, then release again');
}
git(['tag', '--annotate', tag, '--message', `n8n-nodes-smileid ${version}`]);
console.log(`✓ tagged ${tag}. Publish it: git push origin ${tag}`);
