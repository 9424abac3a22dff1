// @ts-check
/** Markdown facts the package tests share: sections, anchors, links, code blocks. */

/** @param {string} markdown @returns {string} the markdown without fenced code blocks */
const withoutCodeBlocks = (markdown) => markdown.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's (and npm's) anchor for a heading. @param {string} heading */
const slug = (heading) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

/** @param {string} markdown @returns {string[]} heading texts, any level */
const headings = (markdown) =>
	[...withoutCodeBlocks(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) => m[1]);

/** @param {string} markdown @returns {Set<string>} */
const anchors = (markdown) => new Set(headings(markdown).map(slug));

/**
 * Every link target: inline links and images, reference definitions, autolinks and HTML
 * src/href, outside code.
 * @param {string} markdown @returns {string[]}
 */
function links(markdown) {
	const text = withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '');
	const patterns = [
		/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
		/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm,
		/<((?:https?|mailto):[^>\s]+)>/g,
		/\b(?:src|href)\s*=\s*"([^"]+)"/g,
	];
	return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]));
}

/**
 * The body of a section "## title" (up to the next heading of level 2).
 * @param {string} markdown @param {string} title
 */
function section(markdown, title) {
	const start = markdown.search(new RegExp(`^## ${title}\\s*$`, 'm'));
	if (start < 0) return undefined;
	const rest = markdown.slice(start).split('\n').slice(1).join('\n');
	const end = rest.search(/^## /m);
	return end < 0 ? rest : rest.slice(0, end);
}

/** @param {string} markdown @returns {string[][]} lines of each fenced code block */
const codeBlocks = (markdown) =>
	[...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) =>
		m[1].split('\n').filter(Boolean),
	);

module.exports = { slug, headings, anchors, links, section, codeBlocks };
