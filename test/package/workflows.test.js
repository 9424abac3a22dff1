// @ts-check
/**
 * The GitHub workflows run the README's test command: CI on every pull request and push to
 * main, and the publish workflow, on a version tag, before `npm publish --provenance`.
 */
const fs = require('node:fs');
const path = require('node:path');

const { describe, expect, test } = require('@jest/globals');
const YAML = require('yaml');

const { section } = require('./readme');
const { REPO_ROOT } = require('./tarball');

/** @param {string} name */
const workflow = (name) =>
	YAML.parse(fs.readFileSync(path.join(REPO_ROOT, '.github', 'workflows', name), 'utf8'));

/** The command the README's Development section gives for the tests. */
function readmeTestCommand() {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	const block = /```bash\n([\s\S]*?)```/.exec(section(readme, 'Development') ?? '')?.[1] ?? '';
	const commands = block
		.split('\n')
		.map((l) => l.replace(/#.*/, '').trim())
		.filter((l) => /^npm (test|run test)\b/.test(l));
	expect(commands).toHaveLength(1);
	return commands[0];
}

/**
 * The shell commands a `run:` executes, with repository scripts it calls (like .ci/run)
 * replaced by their own commands.
 * @param {string} run @returns {string[]}
 */
function commandsOf(run) {
	return run
		.split('\n')
		.map((l) => l.replace(/(^|\s)#.*/, '').trim())
		.filter(Boolean)
		.flatMap((line) => {
			const script = path.join(REPO_ROOT, line);
			if (!/^\.?[\w./-]+$/.test(line) || !fs.existsSync(script)) return [line];
			expect(fs.statSync(script).mode & 0o111).not.toBe(0);
			return commandsOf(fs.readFileSync(script, 'utf8').replace(/^#!.*\n/, ''));
		});
}

/** @param {any} job @returns {string[][]} each step's commands */
const stepCommands = (job) =>
	job.steps.map((/** @type {any} */ s) => (s.run ? commandsOf(s.run) : []));

describe('workflows', () => {
	const testCommand = readmeTestCommand();

	test('the README test command is npm test', () => {
		expect(testCommand).toBe('npm test');
	});

	test('CI runs it on every pull request and push to main', () => {
		const ci = workflow('ci.yml');
		expect(ci.on).toEqual(expect.objectContaining({ pull_request: null }));
		expect(ci.on.push.branches).toEqual(['main']);
		const jobs = Object.values(ci.jobs);
		expect(jobs).toHaveLength(1);
		expect(jobs[0].steps[0].uses).toMatch(/^actions\/checkout@/);
		const commands = stepCommands(jobs[0]).flat();
		expect(commands).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', testCommand]));
	});

	test('publish runs on a version tag, tests, then publishes with provenance', () => {
		const publish = workflow('publish.yml');
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push.tags).toEqual(['v*.*.*']);
		const [job] = Object.values(publish.jobs);
		expect(job.permissions['id-token']).toBe('write');
		const steps = stepCommands(job);
		const testStep = steps.findIndex((c) => c.includes(testCommand));
		const publishStep = steps.findIndex((c) => c.some((l) => l.startsWith('npm publish')));
		expect(testStep).toBeGreaterThan(-1);
		expect(publishStep).toBeGreaterThan(testStep);
		expect(steps[publishStep]).toEqual(['npm publish --provenance --access public']);
		expect(steps.flat().join('\n')).not.toContain('--ignore-scripts');
	});

	test('publish refuses a tag that does not name the package.json version', () => {
		const [job] = Object.values(workflow('publish.yml').jobs);
		const commands = stepCommands(job).flat();
		expect(commands).toContain(
			'test "$GITHUB_REF_NAME" = "v$(node -p \'require("./package.json").version\')"',
		);
	});
});
