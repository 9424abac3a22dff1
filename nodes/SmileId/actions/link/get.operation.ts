import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRefId } from '../../core/smileLink';
import { throwIfProblem } from '../../helpers/fields';
import { linkError } from '../../helpers/linkApi';
import { smileIdApiRequest } from '../../transport';
import { JOB_STATUS_DEFAULT_CONCURRENCY, type OperationDefaults } from '../common.descriptions';
import { linkItem, refIdField } from './descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['get'] } },
	[refIdField],
);

/** Reading a link is free and changes nothing, like Job Status. */
export const defaults: OperationDefaults = { concurrency: JOB_STATUS_DEFAULT_CONCURRENCY };

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const refId = String(this.getNodeParameter('refId', itemIndex, '')).trim();
	throwIfProblem.call(this, checkRefId(refId), itemIndex);
	const response = await smileIdApiRequest.call(
		this,
		'GET',
		`/v1/smile_links/${encodeURIComponent(refId)}`,
		{},
	);
	if (response.statusCode >= 300) {
		throw linkError.call(this, response, `Getting the link ${refId}`, 'get', itemIndex, { refId });
	}
	return linkItem(response.body, itemIndex);
}
