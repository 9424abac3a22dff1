/**
 * The Smile Links requests the link operations share: the error a refusal becomes, the whole
 * list of links (following its pages), and the check of a link's ID types against Smile ID's
 * live lists.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	classifyLinkRefusal,
	linkRefusalAdvice,
	type LinkLookup,
	type LinkOperation,
} from '../core/linkAdvice';
import { nextLinksPage } from '../core/linkList';
import { checkRowsOffered, type OfferedIdTypes } from '../core/linkOffers';
import { lookupResultCode } from '../core/resultCodes';
import { linksOf } from '../core/linkAnswer';
import type { LinkIdTypeBody } from '../core/smileLink';
import { smileIdApiRequest, type SmileIdResponse } from '../transport';
import { throwIfProblem } from './fields';
import { executionDocumentCountries, executionIdNumberTypes } from './liveLists';

/** A refused link request as an n8n error whose advice speaks of links, never of jobs. */
export function linkError(
	this: IExecuteFunctions,
	response: SmileIdResponse,
	action: string,
	operation: LinkOperation,
	itemIndex: number,
	context: { refId?: string; link?: LinkLookup; advice?: string } = {},
): NodeApiError {
	const code = String(response.body.code ?? '');
	const serverText = String(response.body.error ?? response.body.message ?? '');
	const refusal = classifyLinkRefusal(code, response.statusCode, serverText);
	const signatureAdvice = lookupResultCode('2205', 'general')?.remedy ?? '';
	return new NodeApiError(
		this.getNode(),
		{ code, error: serverText, statusCode: response.statusCode } as JsonObject,
		{
			message: `${action} failed: ${serverText || `HTTP ${response.statusCode}`}${code ? ` (Smile ID code ${code})` : ''}`,
			description: [
				context.advice,
				linkRefusalAdvice(operation, refusal, { ...context, signatureAdvice }),
			]
				.filter(Boolean)
				.join(' '),
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

/** More pages than any account holds links for: a list that never ends is cut here. */
const MAX_PAGES = 1000;

/**
 * Every link (up to `limit`), following the pages the answer announces. Reading is free.
 * A page that brings no link not seen before ends the list, so a server that ignores the
 * page asked for cannot loop.
 */
export async function listLinks(
	this: IExecuteFunctions,
	itemIndex: number,
	limit = Infinity,
): Promise<IDataObject[]> {
	const links: IDataObject[] = [];
	const seen = new Set<string>();
	let query: IDataObject | undefined;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const response = await smileIdApiRequest.call(
			this,
			'GET',
			'/v1/smile_links',
			{},
			{ qs: query },
		);
		if (response.statusCode >= 300) {
			throw linkError.call(this, response, 'Listing the links', 'getAll', itemIndex);
		}
		let added = 0;
		for (const link of linksOf(response.body) as IDataObject[]) {
			const key = String(link.ref_id ?? link.link_id ?? JSON.stringify(link));
			if (seen.has(key)) continue;
			seen.add(key);
			links.push(link);
			added++;
		}
		if (added === 0 || links.length >= limit) break;
		query = nextLinksPage(response.body, page, links.length);
		if (!query) break;
	}
	return links.slice(0, limit);
}

async function offeredBy(this: IExecuteFunctions, method: string): Promise<OfferedIdTypes> {
	if (method === 'doc_verification') {
		const countries = await executionDocumentCountries.call(this);
		return countries
			? Object.fromEntries(countries.map((c) => [c.code, c.idTypes.map((t) => t.code)]))
			: undefined;
	}
	if (
		method !== 'biometric_kyc' &&
		method !== 'enhanced_kyc' &&
		method !== 'enhanced_document_verification'
	) {
		return undefined;
	}
	const table = await executionIdNumberTypes.call(this, method);
	return table
		? Object.fromEntries(
				Object.entries(table).map(([country, types]) => [country, Object.keys(types)]),
			)
		: undefined;
}

/**
 * Refuses a row whose verification method does not offer its ID type (Smile ID's live lists,
 * read once per execution and free) before anything is sent; the warnings name the rows that
 * could not be checked because a list could not be read.
 */
export async function checkOfferedIdTypes(
	this: IExecuteFunctions,
	rows: LinkIdTypeBody[],
	itemIndex: number,
): Promise<string[]> {
	const methods = [...new Set(rows.map((row) => row.verification_method))];
	const offers: Record<string, OfferedIdTypes> = {};
	for (const method of methods) offers[method] = await offeredBy.call(this, method);
	const { problem, warnings } = checkRowsOffered(rows, offers);
	throwIfProblem.call(this, problem, itemIndex);
	return warnings;
}
