import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { NormalizedResult } from '../core/result';
import { getSigningSecrets } from '../transport';
import { normalizeJobStatus, requestVerifiedJobStatus } from './jobStatus';

/**
 * Replaces a callback's body with the job's signed status from Smile ID: the callback's
 * signature proves who sent it, not what it says.
 */
export async function confirmWithJobStatus(
	this: IWebhookFunctions,
	posted: NormalizedResult,
): Promise<{ result: NormalizedResult; raw: IDataObject }> {
	const query = { userId: posted.userId ?? '', jobId: posted.jobId ?? '' };
	const raw = await requestVerifiedJobStatus.call(this, await getSigningSecrets.call(this), query);
	return { result: normalizeJobStatus(raw, query, posted.product), raw };
}
