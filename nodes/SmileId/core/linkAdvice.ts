/**
 * What the user must do when a verification link request failed. A link is found again by its
 * refId (Get) or by its name and user ID (Get Many); the advice names only the fields of the
 * operation that failed, and never a job: a link has no job ID and no retry flag.
 */

export type LinkOperation = 'create' | 'get' | 'getAll' | 'update';

/** What the user knows of the link a Create was making. */
export interface LinkLookup {
	name: string;
	/** Single-use links only. */
	userId?: string;
}

const FIELDS: Record<LinkOperation, string> = {
	create:
		'Name, Company Name, ID Types (country, ID type, verification method), User ID, Callback URL, Expires At, Privacy Policy URL and Logo URL',
	update: 'Link Reference ID, Status, Expires At and ID Types',
	get: 'Link Reference ID',
	getAll: 'Return All and Limit',
};

function lookupText(link: LinkLookup): string {
	return `the Get Many operation (Return All), looking for a link named "${link.name}"${link.userId ? ` with user ID ${link.userId}` : ''}`;
}

/** The kind of refusal, read from Smile ID's code, the HTTP status and its words (the docs list no link codes). */
export type LinkRefusal = 'signature' | 'notFound' | 'exists' | 'serverFault' | 'input';

// assumption:link-refusal-codes
export function classifyLinkRefusal(code: string, status: number, text: string): LinkRefusal {
	if (code === '2205' || status === 401 || status === 403) return 'signature';
	if (status === 404 || /not found|does not exist/i.test(text)) return 'notFound';
	if (code === '2215' || status === 409 || /already (?:exists|has|holds)|duplicate/i.test(text)) {
		return 'exists';
	}
	if (status >= 500 || code === '2201') return 'serverFault';
	return 'input';
}

/** The advice after Smile ID refused a link request; `signatureAdvice` is the catalogue's own. */
export function linkRefusalAdvice(
	operation: LinkOperation,
	refusal: LinkRefusal,
	context: { refId?: string; link?: LinkLookup; signatureAdvice: string },
): string {
	const { refId, link } = context;
	switch (refusal) {
		case 'signature':
			return context.signatureAdvice;
		case 'notFound':
			return refId
				? `No link has the Link Reference ID "${refId}" in this account and environment. Compare it with the refId values that Get Many returns.`
				: 'Smile ID found no such link. Compare the Link Reference ID with the refId values that Get Many returns.';
		case 'exists':
			return link
				? `Smile ID already holds a link for this${link.userId ? ` user ID (${link.userId})` : ''}: find it with ${lookupText(link)}, and send that link again (its refId) instead of creating another; or disable it with Update, then create the new one.`
				: 'Smile ID already holds such a link: find it with Get Many and use its refId.';
		case 'serverFault':
			if (operation === 'update') {
				return `A fault on Smile ID's side. Check with Get (Link Reference ID ${refId ?? ''}) whether the change was made; running the update again sets the same values and makes no new link.`;
			}
			return "A temporary fault on Smile ID's side. Reading links is free and changes nothing: run the item again.";
		case 'input':
			return `Smile ID refused the request; nothing was changed. Check ${FIELDS[operation]} against what Smile ID said, then run the item again.`;
	}
}

/** The output's warning when a lost Create answer was recovered from the list. */
export function lostAnswerRecovered(refId: string, reason: string): string {
	return `Smile ID's answer to Create was lost (${reason}). The link it had made was found with Get Many (refId ${refId}) and is output as created; no second link was made.`;
}

/**
 * Every attempt lost its answer and the list did not show the link (or showed links the node
 * cannot tell apart): it is unknown whether Smile ID made one.
 */
export function lostAnswerUnresolved(
	attempts: number,
	reason: string,
	link: LinkLookup,
	since: Date,
	candidates: string[],
): { message: string; description: string } {
	const seen = candidates.length
		? `Smile ID lists ${candidates.length === 1 ? 'a link' : 'links'} that could be it (refId ${candidates.join(', ')}), but the node cannot tell whether ${candidates.length === 1 ? 'it was' : 'one was'} made by this item.`
		: "Smile ID's list of links does not show it, so it may or may not have been made.";
	return {
		message: `Creating the verification link failed after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: Smile ID's answer was lost`,
		description: `${reason}. ${seen} Before running this item again, check with ${lookupText(link)} made after ${since.toISOString()}: if there is one, send that link (its refId) instead of creating a second.`,
	};
}
