// @ts-check
'use strict';
/** The sandbox report: JSON and Markdown, with the API key redacted wherever it might appear. */

const REDACTED = '[redacted]';

/**
 * Every occurrence of the secret replaced, in any string of the value.
 * @param {unknown} value @param {string} secret
 * @returns {any}
 */
function redact(value, secret) {
	if (!secret) return value;
	return JSON.parse(
		JSON.stringify(value ?? null)
			.split(secret)
			.join(REDACTED),
	);
}

/**
 * @param {{ target: string, simulated: boolean, commit: string, n8n: string, startedAt: string,
 *   operations: any[], assumptions: {id: string, title: string, status: string, evidence: string}[] }} r
 */
function summarise(r) {
	const count = (/** @type {string} */ s) => r.assumptions.filter((a) => a.status === s).length;
	return {
		operationsExpected: r.operations.filter((o) => o.shape === 'expected').length,
		operationsUnexpected: r.operations.filter((o) => o.shape !== 'expected').length,
		confirmed: count('confirmed'),
		refuted: count('refuted'),
		notReached: count('not reached'),
	};
}

/** @param {string} text */
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** @param {Parameters<typeof summarise>[0] & {summary: ReturnType<typeof summarise>}} r */
function toMarkdown(r) {
	const s = r.summary;
	return [
		`# Smile ID sandbox report`,
		'',
		`- Target: ${r.target}${r.simulated ? ' (the offline simulator)' : ''}`,
		`- Package commit: ${r.commit}`,
		`- n8n: ${r.n8n}`,
		`- Started: ${r.startedAt}`,
		`- Operations: ${s.operationsExpected} answered in the expected shape, ${s.operationsUnexpected} not`,
		`- Assumptions: ${s.confirmed} confirmed, ${s.refuted} refuted, ${s.notReached} not reached`,
		'',
		'## Operations',
		'',
		'| operation | sent | answer | problems |',
		'|---|---|---|---|',
		...r.operations.map(
			(o) =>
				`| ${cell(o.operation)} | ${cell(JSON.stringify(o.sent).slice(0, 160))} | ${o.shape} | ${cell(o.problems.join('; ').slice(0, 300))} |`,
		),
		'',
		'## Assumptions ([docs/assumptions.md](https://github.com/smileid-n8n/n8n-nodes-smileid/blob/main/docs/assumptions.md))',
		'',
		'| id | status | evidence |',
		'|---|---|---|',
		...r.assumptions.map((a) => `| ${a.id} | ${a.status} | ${cell(a.evidence)} |`),
		'',
	].join('\n');
}

/**
 * The report as JSON and Markdown, redacted; `passed` when every operation answered in the
 * expected shape and no assumption was refuted.
 * @param {Parameters<typeof summarise>[0]} r @param {string} secret
 */
function buildReport(r, secret) {
	const full = redact({ ...r, summary: summarise(r) }, secret);
	const passed = full.summary.operationsUnexpected === 0 && full.summary.refuted === 0;
	return { json: { ...full, passed }, markdown: toMarkdown(full), passed };
}

module.exports = { REDACTED, buildReport, redact };
