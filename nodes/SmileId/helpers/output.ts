import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resultWarnings, type NormalizedResult } from '../core/result';

/** The one output shape of every operation that returns a Smile ID result. */
export function toOutput(
	normalized: NormalizedResult,
	raw: IDataObject,
	warnings: string[],
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json: IDataObject = {
		...normalized,
		...extra,
		warnings: [...warnings, ...resultWarnings(normalized)],
		raw,
	} as unknown as IDataObject;
	return { json, pairedItem: { item: itemIndex } };
}
