// @ts-check
/**
 * The publish guard (docs/releasing.md): `npm publish` runs `prepack` although the project's
 * .npmrc sets ignore-scripts=true, because publishConfig turns scripts back on for publishing;
 * `prepack` passes only for a tree on which `npm test` passed, and otherwise runs `npm test`.
 * Proven with the npm installed here, on fixture packages, with --dry-run (nothing is sent).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { describe, expect, test, beforeEach, afterEach } = require('@jest/globals');

const { REPO_ROOT, repoPackageJson } = require('./tarball');
const testedTree = require('../../tooling/tested-tree');

const pkg = repoPackageJson();
const MARKER = 'prepack-ran';

let dir = '';
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-guard-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A package in `dir` with the project's .npmrc, the given prepack and optionally the project's
 * publishConfig. @param {string} prepack @param {boolean} withPublishConfig
 */
function fixture(prepack, withPublishConfig) {
	fs.copyFileSync(path.join(REPO_ROOT, '.npmrc'), path.join(dir, '.npmrc'));
	const manifest = {
		name: 'smileid-publish-guard-fixture',
		version: '1.0.0',
		scripts: { prepack },
		...(withPublishConfig ? { publishConfig: pkg.publishConfig } : {}),
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
}

/** @param {string[]} args */
const npm = (args) =>
	spawnSync('npm', args, {
		cwd: dir,
		encoding: 'utf8',
		// The fixture's own .npmrc decides, not the npm that runs jest.
		env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
	});
// --force skips the registry's version check, so the dry run needs no network.
const publishDryRun = () => npm(['publish', '--dry-run', '--force']);
const writeMarker = `node -e "require('fs').writeFileSync('${MARKER}', '')"`;

describe('npm publish with the project .npmrc (ignore-scripts=true)', () => {
	test('the project .npmrc does skip lifecycle scripts', () => {
		expect(fs.readFileSync(path.join(REPO_ROOT, '.npmrc'), 'utf8')).toMatch(
			/^ignore-scripts=true$/m,
		);
	});

	test('runs prepack because of publishConfig', () => {
		fixture(writeMarker, true);
		const r = publishDryRun();
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('+ smileid-publish-guard-fixture@1.0.0');
		expect(fs.existsSync(path.join(dir, MARKER))).toBe(true);
	});

	test('stops when prepack fails', () => {
		fixture('node -e "process.exit(3)"', true);
		const r = publishDryRun();
		expect(r.status).toBe(3);
		expect(r.stderr).toContain('command sh -c node -e "process.exit(3)"');
		expect(r.stdout).not.toContain('+ smileid-publish-guard-fixture@1.0.0');
	});

	test('without publishConfig runs no prepack (so the guard needs it)', () => {
		fixture(writeMarker, false);
		expect(publishDryRun().status).toBe(0);
		expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
	});

	test('npm pack, as the tests use it, stays script-free', () => {
		fixture(writeMarker, true);
		expect(npm(['pack', '--dry-run']).status).toBe(0);
		expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
	});
});

describe('the package wires the guard', () => {
	test('publishConfig enables scripts and prepack checks the record or runs npm test', () => {
		expect(pkg.publishConfig).toEqual({ 'ignore-scripts': false });
		expect(pkg.scripts.prepack).toBe('node tooling/tested-tree.js guard');
	});

	test('npm test builds, lints, scans and tests before it records the tree', () => {
		expect(pkg.scripts.test.split(' && ')).toEqual([
			'npm run build',
			'npm run lint',
			'npm run test:scan',
			'jest',
			'npm run test:e2e',
			'node tooling/tested-tree.js record',
		]);
	});

	test('the unit tests run against a fresh build: npm run test:unit builds first', () => {
		// jest reads dist/; without the build an edited TypeScript source would go untested.
		expect(pkg.scripts['test:unit']).toBe('npm run build && jest');
	});
});

describe('tooling/tested-tree.js', () => {
	/** @param {string[]} args */
	const git = (args) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
	/** @param {string} file @param {string} content */
	const write = (file, content) => {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), content);
	};
	beforeEach(() => {
		git(['init', '-q']);
		write('.gitignore', 'dist/\nnode_modules/\n');
		write('nodes/A.node.ts', 'export const a = 1;\n');
		write('dist/nodes/A.node.js', 'exports.a = 1;\n');
		git(['add', '.']);
	});

	test('check fails until a passing npm test is recorded', () => {
		expect(testedTree.check(dir)).toEqual({ ok: false, reason: 'no passing `npm test` recorded' });
		testedTree.record(dir);
		expect(testedTree.check(dir).ok).toBe(true);
	});

	test('a changed source, a changed dist file or a new file invalidates the record', () => {
		testedTree.record(dir);
		for (const [file, content] of [
			['nodes/A.node.ts', 'export const a = 2;\n'],
			['dist/nodes/A.node.js', 'exports.a = 2;\n'],
			['nodes/B.node.ts', 'export const b = 1;\n'],
		]) {
			const before = fs.existsSync(path.join(dir, file))
				? fs.readFileSync(path.join(dir, file))
				: null;
			write(file, content);
			expect(testedTree.check(dir)).toEqual({
				ok: false,
				reason: expect.stringMatching(/^files changed since the passing `npm test` of /),
			});
			if (before) fs.writeFileSync(path.join(dir, file), before);
			else fs.rmSync(path.join(dir, file));
			expect(testedTree.check(dir).ok).toBe(true);
		}
	});

	test('guard runs npm test (not as a dry run) unless the tree passed, and fails with it', () => {
		/** @type {any[]} */
		const calls = [];
		/** @type {any} */
		const spawn = (
			/** @type {string} */ cmd,
			/** @type {string[]} */ args,
			/** @type {any} */ opts,
		) => {
			calls.push({ cmd, args, cwd: opts.cwd, dryRun: opts.env.npm_config_dry_run });
			return { status: 7 };
		};
		process.env.npm_config_dry_run = 'true';
		try {
			expect(testedTree.guard(dir, spawn)).toBe(7);
			expect(calls).toEqual([{ cmd: 'npm', args: ['test'], cwd: dir, dryRun: undefined }]);
			testedTree.record(dir);
			expect(testedTree.guard(dir, spawn)).toBe(0);
			expect(calls).toHaveLength(1);
		} finally {
			delete process.env.npm_config_dry_run;
		}
	});

	test('ignored files outside dist/ do not count', () => {
		testedTree.record(dir);
		write('node_modules/x/index.js', 'module.exports = 1;\n');
		expect(testedTree.check(dir).ok).toBe(true);
	});

	test('the command line takes no extra arguments (npm test passes them to its last step)', () => {
		const r = spawnSync(
			process.execPath,
			[path.join(REPO_ROOT, 'tooling/tested-tree.js'), 'record', '--line', '2'],
			{
				encoding: 'utf8',
			},
		);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('`npm test` takes no arguments');
	});
});
