// @ts-check
/**
 * The publish guard's memory of a passing `npm test`.
 *
 *   node tooling/tested-tree.js record   last step of `npm test`: this tree passed
 *   node tooling/tested-tree.js guard    `prepack`: passes at once if this exact tree passed,
 *                                        otherwise runs `npm test` and fails with it
 *
 * "This tree" is a SHA-256 over every file the next commit would hold (git's tracked and
 * untracked-but-not-ignored files) and every file in dist/, so editing a source, rebuilding
 * differently or adding a file after `npm test` makes `check` fail. The record lives in
 * node_modules/.cache/, which `npm ci` wipes. How the guard runs despite `.npmrc`
 * ignore-scripts=true: docs/releasing.md.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const RECORD = path.join('node_modules', '.cache', 'n8n-nodes-smileid', 'tested-tree.json');

/** @param {string} dir @param {string} root @returns {string[]} repo-relative file paths */
function filesUnder(dir, root) {
	if (!fs.existsSync(path.join(root, dir))) return [];
	return fs
		.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/**
 * The files the next commit would hold: tracked (and not deleted) plus untracked but not ignored.
 * @param {string} root the repository @returns {string[]} repo-relative paths
 */
function committableFiles(root) {
	return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: root,
		encoding: 'utf8',
	})
		.split('\0')
		.filter((file) => file && fs.existsSync(path.join(root, file)));
}

/** @param {string} root the repository @returns {string} hex digest of the tree */
function treeHash(root) {
	const files = [...new Set([...committableFiles(root), ...filesUnder('dist', root)])].sort();
	const hash = crypto.createHash('sha256');
	for (const file of files) {
		const content = fs.readFileSync(path.join(root, file));
		hash.update(`${file}\0${content.length}\0`).update(content);
	}
	return hash.digest('hex');
}

/** @param {string} root */
function record(root) {
	const file = path.join(root, RECORD);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const entry = { tree: treeHash(root), passedAt: new Date().toISOString() };
	fs.writeFileSync(file, JSON.stringify(entry, null, '\t') + '\n');
	return entry;
}

/** @param {string} root @returns {{ok: boolean, reason: string}} */
function check(root) {
	const file = path.join(root, RECORD);
	if (!fs.existsSync(file)) return { ok: false, reason: 'no passing `npm test` recorded' };
	const { tree, passedAt } = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (tree !== treeHash(root)) {
		return { ok: false, reason: `files changed since the passing \`npm test\` of ${passedAt}` };
	}
	return { ok: true, reason: `\`npm test\` passed on exactly this tree at ${passedAt}` };
}

/**
 * `prepack`: passes when `npm test` passed on exactly this tree, otherwise runs it.
 * @param {string} root @param {typeof spawnSync} spawn @returns {number} exit code
 */
function guard(root, spawn = spawnSync) {
	const result = check(root);
	console.log(`# publish guard: ${result.reason}${result.ok ? '' : '; running npm test'}`);
	if (result.ok) return 0;
	// npm hands its command-line flags to scripts as npm_config_* variables; a `publish
	// --dry-run` must not turn the tests' own `npm pack` into a dry run.
	const env = { ...process.env };
	delete env.npm_config_dry_run;
	return spawn('npm', ['test'], { cwd: root, stdio: 'inherit', env }).status ?? 1;
}

module.exports = { RECORD, committableFiles, treeHash, record, check, guard };

if (require.main === module) {
	const root = path.resolve(__dirname, '..');
	const [command, ...rest] = process.argv.slice(2);
	if (rest.length || (command !== 'record' && command !== 'guard')) {
		console.error(
			'usage: node tooling/tested-tree.js record|guard (`npm test` takes no arguments: it always runs everything; for a part use npm run test:unit / test:e2e -- …)',
		);
		process.exit(2);
	}
	if (command === 'record') {
		console.log(`# npm test passed; recorded tree ${record(root).tree.slice(0, 12)}`);
	} else {
		process.exit(guard(root));
	}
}
