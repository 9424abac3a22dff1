/**
 * Reading Smile Links' list of links (Get All Links): its pages, and finding in it the link a
 * Create made when its answer was lost. The docs show neither paging nor the fields of a
 * listed link, so every plausible form is read and anything else ends the list.
 */
import { linksOf } from './linkAnswer';
import type { CreateLinkBody, LinkIdTypeBody } from './smileLink';

type Answer = Record<string, unknown>;

function isRecord(value: unknown): value is Answer {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wholeNumber(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The paging fields may sit on the answer itself or under meta / pagination. */
function pagingFields(answer: unknown): Answer {
	if (!isRecord(answer)) return {};
	const nested = [answer.meta, answer.pagination, answer.paging].filter(isRecord);
	return Object.assign({}, ...nested.reverse(), answer) as Answer;
}

/** The query of a `next` link: only its parameters are used, never its host. */
function queryOf(next: string): Record<string, string> | undefined {
	let url: URL;
	try {
		url = new URL(next, 'http://smile-links.invalid/v1/smile_links');
	} catch {
		return undefined;
	}
	const query = Object.fromEntries(
		[...url.searchParams].filter(
			([key]) => !['partner_id', 'signature', 'timestamp'].includes(key),
		),
	);
	return Object.keys(query).length > 0 ? query : undefined;
}

/**
 * The query for the page after this one, or undefined when the answer says (or shows) there is
 * none. `pageNumber` is the number of the page just read (1 for the first, which is asked for
 * without a query) and `collected` how many links have been read so far. Read, in this order:
 * a `next` (or `next_page`) link or page number; `page` / `current_page` with `total_pages` /
 * `pages` / `last_page`; `total` / `total_count` / `count` above what was read; `has_more`.
 */
// assumption:links-list-unpaged
export function nextLinksPage(
	answer: unknown,
	pageNumber: number,
	collected: number,
): Record<string, string> | undefined {
	const fields = pagingFields(answer);
	if (linksOf(answer).length === 0) return undefined;
	const nextKey = ['next', 'next_page', 'nextPage'].find((key) => key in fields);
	const next = nextKey === undefined ? undefined : fields[nextKey];
	if (typeof next === 'string' && next !== '' && !/^\d+$/.test(next)) return queryOf(next);
	const nextNumber = wholeNumber(next);
	if (nextNumber !== undefined) {
		return nextNumber > pageNumber ? { page: String(nextNumber) } : undefined;
	}
	if (next === null || next === false) return undefined;
	const page = wholeNumber(fields.page ?? fields.current_page ?? fields.currentPage) ?? pageNumber;
	const following = { page: String(page + 1) };
	const lastPage = wholeNumber(
		fields.total_pages ?? fields.totalPages ?? fields.pages ?? fields.last_page ?? fields.lastPage,
	);
	if (lastPage !== undefined) return page < lastPage ? following : undefined;
	const total = wholeNumber(
		fields.total ?? fields.total_count ?? fields.totalCount ?? fields.count,
	);
	if (total !== undefined) return collected < total ? following : undefined;
	if (fields.has_more === true || fields.hasMore === true) return following;
	return undefined;
}

/** A link as Create's body describes it: what identifies the intent of one Create. */
export interface LinkIntent {
	name: string;
	/** The single-use link's user ID; undefined for a multi-use link. */
	userId?: string;
	idTypes: LinkIdTypeBody[];
}

export function intentOf(body: CreateLinkBody): LinkIntent {
	return {
		name: String(body.name),
		userId: typeof body.user_id === 'string' ? body.user_id : undefined,
		idTypes: Array.isArray(body.id_types) ? body.id_types : [],
	};
}

function idTypeKeys(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	return value
		.filter(isRecord)
		.map((t) =>
			[t.country, t.id_type, t.verification_method]
				.map((v) => String(v ?? '').toUpperCase())
				.join('/'),
		)
		.sort();
}

// assumption:link-created-at
function createdAt(link: Answer): number | undefined {
	for (const value of [link.created_at, link.createdAt, link.date_created, link.created]) {
		const ms = typeof value === 'number' ? value : Date.parse(String(value ?? ''));
		if (Number.isFinite(ms)) return ms;
	}
	return undefined;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** Smile ID's clock and n8n's may differ: a link made this long before the attempt still counts. */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * What the list says about a Create whose answer was lost. `found`: the one link with the same
 * name, user ID and ID types, made between `since` and `until`. `unsure`: links that match but
 * carry no creation time, or several that match: the node cannot tell which (if any) is its own.
 * `none`: no such link. Links in `exclude` (already output by this run) are never matched.
 */
export function findLostLink(
	links: Answer[],
	intent: LinkIntent,
	window: { since: number; until: number },
	exclude: ReadonlySet<string> = new Set(),
): { found: Answer } | { unsure: Answer[] } | { none: true } {
	const wanted = idTypeKeys(intent.idTypes)?.join(',');
	const same = links.filter((link) => {
		const refId = text(link.ref_id ?? link.link_id);
		if (refId !== '' && exclude.has(refId)) return false;
		if (text(link.name) !== intent.name) return false;
		if (text(link.user_id ?? link.userId) !== (intent.userId ?? '')) return false;
		const listed = idTypeKeys(link.id_types);
		return listed === undefined || listed.join(',') === wanted;
	});
	const timed = same.filter((link) => createdAt(link) !== undefined);
	const inWindow = timed.filter((link) => {
		const at = createdAt(link) as number;
		return at >= window.since - CLOCK_TOLERANCE_MS && at <= window.until + CLOCK_TOLERANCE_MS;
	});
	const untimed = same.filter((link) => createdAt(link) === undefined);
	if (inWindow.length === 1 && untimed.length === 0) return { found: inWindow[0] };
	if (inWindow.length + untimed.length > 0) return { unsure: [...inWindow, ...untimed] };
	return { none: true };
}
