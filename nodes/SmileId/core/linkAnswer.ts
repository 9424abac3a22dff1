/**
 * Reads Smile ID's answers about links (Create, Get, Update, Get All Links) under the same
 * names every time, whatever form the answer takes.
 */

export interface LinkSummary {
	link: string | null;
	refId: string | null;
	expiresAt: string | null;
	isSingleUse: boolean | null;
	isDisabled: boolean | null;
	userId: string | null;
	name: string | null;
}

function text(value: unknown): string | null {
	return value === undefined || value === null || value === '' ? null : String(value);
}

function flag(value: unknown): boolean | null {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return null;
}

// assumption:link-answer-fields
/** The fields a workflow needs from any link answer, under the same names every time. */
export function summariseLink(body: Record<string, unknown>): LinkSummary {
	return {
		link: text(body.link ?? body.url),
		refId: text(body.ref_id ?? body.link_id),
		expiresAt: text(body.expires_at),
		isSingleUse: flag(body.is_single_use),
		isDisabled: flag(body.is_disabled),
		userId: text(body.user_id),
		name: text(body.name),
	};
}

// assumption:links-list-shape, assumption:links-list-unpaged (a list without paging fields is every link)
/** Get All Links answers a list; accept it bare or under `links` / `data`. */
export function linksOf(body: unknown): Array<Record<string, unknown>> {
	const list = Array.isArray(body)
		? body
		: typeof body === 'object' && body !== null
			? ((body as Record<string, unknown>).links ?? (body as Record<string, unknown>).data)
			: undefined;
	return Array.isArray(list)
		? list.filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null)
		: [];
}
