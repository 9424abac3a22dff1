// @ts-check
'use strict';
/** Which Smile ID API `npm run sandbox` may talk to: the sandbox only, never production. */

const SANDBOX_URL = 'https://testapi.smileidentity.com';

/**
 * The base URL to use, or why not: only Smile ID's sandbox, over https.
 * @param {string | undefined} value
 * @returns {{url: string} | {refused: string}}
 */
function checkSandboxUrl(value) {
	const raw = (value ?? SANDBOX_URL).trim().replace(/\/+$/, '');
	let url;
	try {
		url = new URL(raw);
	} catch {
		return { refused: `${raw} is not a URL.` };
	}
	if (
		url.protocol === 'https:' &&
		url.hostname === 'testapi.smileidentity.com' &&
		url.pathname === '/'
	) {
		return { url: url.origin };
	}
	return {
		refused: `${raw} is not Smile ID's sandbox. This command runs paid products: it only talks to ${SANDBOX_URL}, never to production.`,
	};
}

module.exports = { SANDBOX_URL, checkSandboxUrl };
