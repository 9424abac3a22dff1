/**
 * What a failed batch tells the user about its other items. Items are numbered from 1, as
 * n8n's output panel counts them.
 */

/** An item whose billed request reached Smile ID before another item failed. */
export interface SentItem {
	itemIndex: number;
	jobId: string;
	userId: string | null;
}

// A batch of a thousand items would otherwise bury the advice under its job IDs.
const MAX_LISTED_JOBS = 20;

/** "1, 2 and 4"; past the limit "1, 2, …, 20 and 980 more". */
function listWithMore(parts: string[], total: number): string {
	if (total > parts.length) return `${parts.join(', ')} and ${total - parts.length} more`;
	if (parts.length === 1) return parts[0];
	return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function describeJob({ itemIndex, jobId, userId }: SentItem, withItem: boolean): string {
	const details = [
		...(withItem ? [`item ${itemIndex + 1}`] : []),
		...(userId ? [`user ID ${userId}`] : []),
	];
	return details.length ? `${jobId} (${details.join(', ')})` : jobId;
}

/** Which items of a failed batch were already sent (and paid for), or undefined when none was. */
export function alreadySentAdvice(sent: SentItem[]): string | undefined {
	if (sent.length === 0) return undefined;
	const listed = sent.slice(0, MAX_LISTED_JOBS);
	if (sent.length === 1) {
		return `Item ${sent[0].itemIndex + 1} had already been sent to Smile ID: job ID ${describeJob(sent[0], false)}. Look it up with Job Status instead of running it again.`;
	}
	const items = listWithMore(
		listed.map((item) => String(item.itemIndex + 1)),
		sent.length,
	);
	const jobs = listWithMore(
		listed.map((item) => describeJob(item, true)),
		sent.length,
	);
	return `Items ${items} had already been sent to Smile ID: job IDs ${jobs}. Look them up with Job Status instead of running them again.`;
}

/** For an item refused by the checks before anything was sent, with Continue On Fail off. */
export function nothingSentAdvice(itemIndex: number, itemCount: number): string | undefined {
	if (itemCount === 1) return undefined;
	return `Nothing was sent to Smile ID: the node checks all ${itemCount} items before it sends the first. Fix item ${itemIndex + 1} and run the node again.`;
}

/** Smile ID's or the check's own advice first, then the batch's. */
export function appendAdvice(description: string | null | undefined, advice: string): string {
	return description ? `${description} ${advice}` : advice;
}
