/**
 * Sending Create a Verification Link so that one intent never leaves two links: when the
 * answer is lost (network error, timeout, 5xx, an answer without the link), the list of links
 * (free) is read for the link the attempt made before anything is sent again.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { lostAnswerRecovered, lostAnswerUnresolved, type LinkLookup } from '../core/linkAdvice';
import { findLostLink, intentOf } from '../core/linkList';
import { createRefusalAdvice, type CreateLinkBody } from '../core/smileLink';
import { isTransientFailure, smileIdApiRequest, type SmileIdResponse } from '../transport';
import { linkError, listLinks } from './linkApi';

/** The first attempt and, when the list does not show its link, one more. */
const CREATE_ATTEMPTS = 2;

// The refIds this execution has output, so that two items creating alike links never both
// claim the same one. Keyed by the execution's own context, like the live lists.
const claimedByExecution = new WeakMap<IExecuteFunctions, Set<string>>();

function claimed(this: IExecuteFunctions): Set<string> {
	let refIds = claimedByExecution.get(this);
	if (!refIds) {
		refIds = new Set();
		claimedByExecution.set(this, refIds);
	}
	return refIds;
}

function lostReason(outcome: { response: SmileIdResponse } | { failure: unknown }): string {
	if ('failure' in outcome) {
		const message = String((outcome.failure as { message?: unknown })?.message ?? 'unknown');
		return `the network failed or Smile ID did not answer in time: ${message}`;
	}
	const { statusCode, body } = outcome.response;
	return statusCode >= 500
		? `Smile ID answered HTTP ${statusCode}${body.error ? ` "${String(body.error)}"` : ''}`
		: `Smile ID answered HTTP ${statusCode} without the link`;
}

export interface CreatedLink {
	/** Smile ID's answer, or the listed link when the answer was lost. */
	answer: IDataObject;
	warnings: string[];
}

export async function createLink(
	this: IExecuteFunctions,
	body: CreateLinkBody,
	itemIndex: number,
): Promise<CreatedLink> {
	const intent = intentOf(body);
	const lookup: LinkLookup = { name: intent.name, userId: intent.userId };
	const since = Date.now();
	const own = claimed.call(this);
	let reason = '';
	for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
		let outcome: { response: SmileIdResponse } | { failure: unknown };
		try {
			outcome = {
				response: await smileIdApiRequest.call(this, 'POST', '/v1/smile_links', body),
			};
		} catch (error) {
			if (!isTransientFailure(error)) {
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
			}
			outcome = { failure: error };
		}
		if ('response' in outcome) {
			const { statusCode, body: answer } = outcome.response;
			if (statusCode < 300 && typeof answer.link === 'string') {
				if (typeof answer.ref_id === 'string') own.add(answer.ref_id);
				return { answer, warnings: [] };
			}
			if (statusCode >= 300 && statusCode < 500) {
				throw linkError.call(
					this,
					outcome.response,
					'Creating the verification link',
					'create',
					itemIndex,
					{ link: lookup, advice: createRefusalAdvice(body, answer) },
				);
			}
		}
		reason = lostReason(outcome);
		let links: IDataObject[];
		try {
			links = await listLinks.call(this, itemIndex);
		} catch (error) {
			const unresolved = lostAnswerUnresolved(attempt, reason, lookup, new Date(since), []);
			throw new NodeApiError(this.getNode(), {} as JsonObject, {
				message: unresolved.message,
				description: `${unresolved.description} (The list of links could not be read either: ${(error as Error).message}.)`,
				itemIndex,
			});
		}
		const match = findLostLink(links, intent, { since, until: Date.now() }, own);
		if ('found' in match) {
			const refId = String(match.found.ref_id ?? match.found.link_id ?? '');
			own.add(refId);
			return { answer: match.found as IDataObject, warnings: [lostAnswerRecovered(refId, reason)] };
		}
		if ('unsure' in match) {
			const refIds = match.unsure.map((l) => String(l.ref_id ?? l.link_id ?? '?'));
			const unresolved = lostAnswerUnresolved(attempt, reason, lookup, new Date(since), refIds);
			throw new NodeApiError(this.getNode(), {} as JsonObject, { ...unresolved, itemIndex });
		}
	}
	const unresolved = lostAnswerUnresolved(CREATE_ATTEMPTS, reason, lookup, new Date(since), []);
	throw new NodeApiError(this.getNode(), {} as JsonObject, { ...unresolved, itemIndex });
}

/**
 * The expiry Smile ID holds for the link: from its answer, else from Get (the documented
 * Create answer carries none). When Get fails the link still exists, so the item does not
 * fail: the expiry is left empty with a warning.
 */
export async function heldExpiry(
	this: IExecuteFunctions,
	created: IDataObject,
): Promise<{ expiresAt: string | null; warnings: string[] }> {
	if (typeof created.expires_at === 'string' && created.expires_at !== '') {
		return { expiresAt: created.expires_at, warnings: [] };
	}
	const refId = String(created.ref_id ?? created.link_id ?? '');
	let problem = 'the answer names no refId';
	if (refId !== '') {
		try {
			const response = await smileIdApiRequest.call(
				this,
				'GET',
				`/v1/smile_links/${encodeURIComponent(refId)}`,
				{},
			);
			const expiresAt = response.body.expires_at;
			if (response.statusCode < 300 && typeof expiresAt === 'string' && expiresAt !== '') {
				return { expiresAt, warnings: [] };
			}
			problem = `Get answered HTTP ${response.statusCode} without expires_at`;
		} catch (error) {
			problem = `Get failed: ${(error as Error).message}`;
		}
	}
	return {
		expiresAt: null,
		warnings: [
			`expiresAt is empty: Smile ID's answer did not carry the link's expiry and it could not be read (${problem}). Read it later with Get (refId ${refId}).`,
		],
	};
}
