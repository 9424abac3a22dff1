// @ts-check
/**
 * The README as npm and n8n show it: read from the `npm pack` tarball, every link must work
 * there. Relative links only to files the tarball ships; repository links (package.json
 * `repository`) only to files that exist in this repository at that path, on main.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { describe, expect, test, beforeAll, afterAll } = require('@jest/globals');

const { anchors, headings, links, section } = require('./readme');
const { REPO_ROOT, packPackage, repoPackageJson, unpackPackage } = require('./tarball');
const { committableFiles } = require('../../tooling/tested-tree');

const pkg = repoPackageJson();
const REPO_URL = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const [, OWNER, REPO] = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(REPO_URL) ?? [];
const BRANCH = 'main';

const repoFiles = new Set(committableFiles(REPO_ROOT));
const repoHas = (/** @type {string} */ p) =>
	repoFiles.has(p) || [...repoFiles].some((f) => f.startsWith(`${p.replace(/\/$/, '')}/`));

let work = '';
/** @type {string[]} */
let shipped = [];
let packedReadme = '';
let packageDir = '';
beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-packed-'));
	const packed = packPackage(work);
	shipped = packed.files;
	packageDir = unpackPackage(packed.tarball, path.join(work, 'package'));
	packedReadme = fs.readFileSync(path.join(packageDir, 'README.md'), 'utf8');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Why a link does not work from the packed README, or '' when it does.
 * @param {string} link
 */
function brokenBecause(link) {
	const [target, fragment] = link.split('#');
	if (!target) return anchors(packedReadme).has(fragment) ? '' : `no heading #${fragment}`;
	if (!/^[a-z]+:/i.test(target)) {
		return shipped.includes(path.posix.normalize(target))
			? ''
			: 'relative link to a file the package does not ship';
	}
	if (!target.startsWith('https://')) return 'not https';
	const repoLink =
		new RegExp(`^https://github\\.com/${OWNER}/${REPO}/(?:blob|tree)/([^/]+)/(.+)$`).exec(target) ??
		new RegExp(`^https://raw\\.githubusercontent\\.com/${OWNER}/${REPO}/([^/]+)/(.+)$`).exec(
			target,
		);
	if (repoLink) {
		const [, ref, file] = repoLink;
		if (ref !== BRANCH) return `points at ${ref}, not ${BRANCH}`;
		if (!repoHas(decodeURIComponent(file))) return `${file} does not exist in the repository`;
		if (fragment && file.endsWith('.md')) {
			const doc = fs.readFileSync(path.join(REPO_ROOT, decodeURIComponent(file)), 'utf8');
			if (!anchors(doc).has(fragment)) return `${file} has no heading #${fragment}`;
		}
		return '';
	}
	if (/^https:\/\/(?:github\.com|raw\.githubusercontent\.com)\//.test(target)) {
		return target === `${REPO_URL}/issues` ? '' : `a GitHub link outside ${REPO_URL}`;
	}
	return '';
}

describe('the packed README', () => {
	test('is the repository README', () => {
		expect(packedReadme).toBe(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
	});

	test('every link works where npm and n8n show it', () => {
		const found = links(packedReadme);
		expect(found.length).toBeGreaterThan(10);
		const broken = found
			.map((link) => ({ link, why: brokenBecause(link) }))
			.filter(({ why }) => why);
		expect(broken).toEqual([]);
	});

	test('the link check refuses what would break on npm', () => {
		expect(brokenBecause('docs/screenshots/output-panel.png')).toBe(
			'relative link to a file the package does not ship',
		);
		expect(brokenBecause('CHANGELOG.md')).toBe('');
		expect(brokenBecause('#no-such-section')).toBe('no heading #no-such-section');
		expect(brokenBecause(`${REPO_URL}/blob/main/docs/missing.md`)).toBe(
			'docs/missing.md does not exist in the repository',
		);
		expect(brokenBecause(`${REPO_URL}/blob/dev/README.md`)).toBe('points at dev, not main');
		expect(brokenBecause(`${REPO_URL}/blob/main/docs/development.md#nope`)).toBe(
			'docs/development.md has no heading #nope',
		);
		expect(brokenBecause('https://github.com/someone/else/blob/main/README.md')).toBe(
			`a GitHub link outside ${REPO_URL}`,
		);
	});

	test('has the sections users look for, in the order n8n documents them', () => {
		const titles = headings(packedReadme);
		const wanted = [
			'Installation',
			'Compatibility',
			'Operations',
			'Credentials',
			'Usage',
			'The Smile ID Trigger node',
			'Performance',
			'Resources',
			'Version history',
			'Development',
		];
		expect(titles.filter((t) => wanted.includes(t))).toEqual(wanted);
		expect(packedReadme).toMatch(
			/^This is a community package\. It is not made, endorsed or supported by Smile ID\.$/m,
		);
	});

	test('Compatibility names the n8n versions the end-to-end suite pins', () => {
		const pinned = (/** @type {string} */ line) =>
			JSON.parse(
				fs.readFileSync(path.join(REPO_ROOT, 'test/e2e/runtime', line, 'package.json'), 'utf8'),
			).dependencies.n8n;
		const compatibility = section(packedReadme, 'Compatibility') ?? '';
		expect(compatibility).toContain(`n8n ${pinned('n8n-1')} on\n  Node 20`);
		expect(compatibility).toContain(`n8n ${pinned('n8n-2')} on Node 24`);
		expect(compatibility).toContain(`${pkg.engines.node.replace('>=', '')} or newer`);
	});

	test('Installation: self-hosted through Settings → Community Nodes; Cloud once verified', () => {
		const installation = section(packedReadme, 'Installation') ?? '';
		expect(installation).toContain('Settings → Community Nodes → Install');
		expect(installation).toContain(`\`${pkg.name}\``);
		expect(installation).toMatch(
			/\*\*n8n Cloud:\*\* Cloud installs only community nodes verified by n8n/,
		);
	});

	test('Development keeps the two commands', () => {
		const block = /```bash\n([\s\S]*?)```/.exec(section(packedReadme, 'Development') ?? '');
		const commands = (block?.[1] ?? '')
			.split('\n')
			.map((l) => l.replace(/#.*/, '').trim())
			.filter(Boolean);
		expect(commands).toEqual(['npm run dev', 'npm test']);
	});
});

describe('the tarball', () => {
	test('ships dist/, package.json, README, LICENSE and CHANGELOG only', () => {
		const outside = shipped.filter(
			(f) =>
				!f.startsWith('dist/') &&
				!['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f),
		);
		expect(outside).toEqual([]);
		expect(shipped).toEqual(expect.arrayContaining(['CHANGELOG.md', 'LICENSE', 'README.md']));
	});

	test('holds no source maps and no references to sources it does not ship', () => {
		expect(shipped.filter((f) => f.endsWith('.map'))).toEqual([]);
		const mapped = shipped.filter(
			(f) =>
				/\.[cm]?js$|\.d\.ts$/.test(f) &&
				fs.readFileSync(path.join(packageDir, f), 'utf8').includes('sourceMappingURL'),
		);
		expect(mapped).toEqual([]);
	});
});

describe('the build', () => {
	test('starts from an empty dist/ (gulp clean:dist, first step of npm run build)', () => {
		expect(pkg.scripts.build.split(' && ')[0]).toBe('gulp clean:dist');
		const cleanDist = require('../../gulpfile')['clean:dist'];
		const cwd = process.cwd();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-clean-'));
		try {
			fs.mkdirSync(path.join(dir, 'dist', 'nodes'), { recursive: true });
			fs.writeFileSync(path.join(dir, 'dist', 'nodes', 'Renamed.node.js'), 'stale');
			fs.writeFileSync(path.join(dir, 'keep.txt'), 'not dist');
			process.chdir(dir);
			let done = false;
			cleanDist(() => (done = true));
			expect(done).toBe(true);
			expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
		} finally {
			process.chdir(cwd);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('package.json', () => {
	test('repository, homepage, bugs and author point at the same GitHub repository', () => {
		expect(OWNER && REPO).toBeTruthy();
		expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO_URL}.git` });
		expect(pkg.homepage).toBe(`${REPO_URL}#readme`);
		expect(pkg.bugs).toEqual({ url: `${REPO_URL}/issues` });
		expect(pkg.author.url.startsWith(`${REPO_URL}/`)).toBe(true);
	});

	test('codex files use n8n categories other than Miscellaneous', () => {
		const allowed = [
			'Analytics',
			'Communication',
			'Data & Storage',
			'Development',
			'Finance & Accounting',
			'Marketing & Content',
			'Miscellaneous',
			'Productivity',
			'Sales',
			'Utility',
		];
		for (const node of pkg.n8n.nodes) {
			const codex = JSON.parse(
				fs.readFileSync(
					path.join(REPO_ROOT, node.replace(/^dist\//, '').replace(/\.js$/, '.json')),
					'utf8',
				),
			);
			expect(codex.categories.length).toBeGreaterThan(0);
			expect(codex.categories.filter((/** @type {string} */ c) => !allowed.includes(c))).toEqual(
				[],
			);
			expect(codex.categories).not.toContain('Miscellaneous');
		}
	});
});
