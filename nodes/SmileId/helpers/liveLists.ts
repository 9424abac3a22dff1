/**
 * Smile ID's live lists for the dropdowns: what Smile ID supports (GET /v1/services, no
 * auth) and what this account may use (signed POST /v1/products_config and
 * /v1/valid_documents). Any failure means "offline": the caller falls back to the built-in tables.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	BUILT_IN_ID_NUMBER_TYPES,
	parseServices,
	parseValidDocuments,
	type DocumentCountry,
	type IdNumberTypeTable,
	type LookupProduct,
} from '../core/idNumberTypes';
import { CREDENTIAL_NAME } from '../transport';

const LIST_TIMEOUT_MS = 10_000;

async function signedList(this: ILoadOptionsFunctions, path: string): Promise<unknown> {
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			method: 'POST',
			url: path,
			body: {},
			json: true,
			timeout: LIST_TIMEOUT_MS,
		});
	} catch {
		return undefined;
	}
}

/** The ID types this account can look up for the product, else the built-in table. */
export async function idNumberTypeTable(
	this: ILoadOptionsFunctions,
	product: LookupProduct,
): Promise<IdNumberTypeTable> {
	try {
		const services: unknown = await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			{ method: 'GET', url: '/v1/services', json: true, timeout: LIST_TIMEOUT_MS },
		);
		const config = await signedList.call(this, '/v1/products_config');
		return parseServices(services, product, config) ?? BUILT_IN_ID_NUMBER_TYPES;
	} catch {
		return BUILT_IN_ID_NUMBER_TYPES;
	}
}

/** The worldwide Document Verification list for this account, or undefined when offline. */
export async function liveDocumentCountries(
	this: ILoadOptionsFunctions,
): Promise<DocumentCountry[] | undefined> {
	return parseValidDocuments(await signedList.call(this, '/v1/valid_documents'));
}
