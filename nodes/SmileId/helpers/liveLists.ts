/**
 * Smile ID's live lists, for the dropdowns and for the checks at run time: what Smile ID
 * supports (GET /v1/services, no auth) and what this account may use (signed POST
 * /v1/products_config and /v1/valid_documents). Any failure means "offline": the caller
 * falls back to the built-in tables.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	applyProductsConfig,
	BUILT_IN_ID_NUMBER_TYPES,
	parseValidDocuments,
	readServicesSection,
	type DocumentCountry,
	type IdNumberTypeTable,
	type LookupProduct,
} from '../core/idNumberTypes';
import { CREDENTIAL_NAME } from '../transport';

type ListContext = IExecuteFunctions | ILoadOptionsFunctions;

/** A dropdown may wait a while; an execution waits less before it checks with the built-in table. */
const DROPDOWN_TIMEOUT_MS = 10_000;
const EXECUTION_TIMEOUT_MS = 5_000;

async function signedList(this: ListContext, path: string, timeout: number): Promise<unknown> {
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			method: 'POST',
			url: path,
			body: {},
			json: true,
			timeout,
		});
	} catch {
		return undefined;
	}
}

/** The ID types this account can look up for the product, or undefined when Smile ID cannot be read. */
async function liveIdNumberTypes(
	this: ListContext,
	product: LookupProduct,
	timeout: number,
): Promise<IdNumberTypeTable | undefined> {
	let services: unknown;
	try {
		services = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			method: 'GET',
			url: '/v1/services',
			json: true,
			timeout,
		});
	} catch {
		return undefined;
	}
	// assumption:live-lists
	// An answer without the product's section is no list: products_config could not make it one.
	const table = readServicesSection(services, product);
	if (table === undefined) return undefined;
	const config = await signedList.call(this, '/v1/products_config', timeout);
	return applyProductsConfig(table, product, config);
}

/** The ID types this account can look up for the product, else the built-in table. */
export async function idNumberTypeTable(
	this: ILoadOptionsFunctions,
	product: LookupProduct,
): Promise<IdNumberTypeTable> {
	return (
		(await liveIdNumberTypes.call(this, product, DROPDOWN_TIMEOUT_MS)) ?? BUILT_IN_ID_NUMBER_TYPES
	);
}

// One read per node execution, shared by its items (the router runs them concurrently). Keyed
// by the execution's own context, so an entry lives exactly as long as that execution and no
// answer is reused by another execution or credential.
const listsByExecution = new WeakMap<
	IExecuteFunctions,
	Map<LookupProduct, Promise<IdNumberTypeTable | undefined>>
>();

/** The live ID types for this execution, read once; undefined when Smile ID could not be read. */
export async function executionIdNumberTypes(
	this: IExecuteFunctions,
	product: LookupProduct,
): Promise<IdNumberTypeTable | undefined> {
	let byProduct = listsByExecution.get(this);
	if (!byProduct) {
		byProduct = new Map();
		listsByExecution.set(this, byProduct);
	}
	let table = byProduct.get(product);
	if (!table) {
		table = liveIdNumberTypes.call(this, product, EXECUTION_TIMEOUT_MS);
		byProduct.set(product, table);
	}
	return await table;
}

/** The worldwide Document Verification list for this account, or undefined when offline. */
export async function liveDocumentCountries(
	this: ILoadOptionsFunctions,
): Promise<DocumentCountry[] | undefined> {
	return parseValidDocuments(
		await signedList.call(this, '/v1/valid_documents', DROPDOWN_TIMEOUT_MS),
	);
}

const documentsByExecution = new WeakMap<
	IExecuteFunctions,
	Promise<DocumentCountry[] | undefined>
>();

/** The Document Verification list for this execution, read once; undefined when offline. */
export async function executionDocumentCountries(
	this: IExecuteFunctions,
): Promise<DocumentCountry[] | undefined> {
	let countries = documentsByExecution.get(this);
	if (!countries) {
		countries = signedList
			.call(this, '/v1/valid_documents', EXECUTION_TIMEOUT_MS)
			.then(parseValidDocuments);
		documentsByExecution.set(this, countries);
	}
	return await countries;
}
