// @ts-check
/**
 * Text parsed as JSON, or `fallback` when it is not JSON (an HTML error page, an empty body).
 * @template T
 * @param {string} text
 * @param {T} fallback
 * @returns {any}
 */
export function parseJsonOr(text, fallback) {
	try {
		return JSON.parse(text);
	} catch {
		return fallback;
	}
}
