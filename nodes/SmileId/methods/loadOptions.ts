import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { LookupProduct } from '../core/idNumberTypes';
import { idTypesForCountry, supportedCountries } from '../core/supportedDocuments';
import { idNumberTypeTable, liveDocumentCountries } from '../helpers/liveLists';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export async function getDocumentCountries(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const live = await liveDocumentCountries.call(this);
	const countries = live ?? supportedCountries();
	return countries
		.map(({ name, code }) => ({ name: `${name} (${code})`, value: code }))
		.sort(byName);
}

export async function getDocumentIdTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const country = String(this.getCurrentNodeParameter('country') ?? '');
	const live = (await liveDocumentCountries.call(this))?.find((c) => c.code === country);
	const types = live
		? live.idTypes.map((t) => ({ name: `${t.name} (${t.code})`, value: t.code }))
		: idTypesForCountry(country).map((doc) => ({
				name: `${doc.description} (${doc.idType})`,
				value: doc.idType,
			}));
	return [{ name: 'Let Smile ID Classify the Document', value: '' }, ...types.sort(byName)];
}

const LOOKUP_PRODUCT_BY_OPERATION: Record<string, LookupProduct> = {
	verifyDetails: 'basic_kyc',
	verifyWithSelfie: 'biometric_kyc',
};

function lookupProduct(this: ILoadOptionsFunctions): LookupProduct {
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	return LOOKUP_PRODUCT_BY_OPERATION[operation] ?? 'enhanced_kyc';
}

export async function getIdNumberCountries(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const table = await idNumberTypeTable.call(this, lookupProduct.call(this));
	// Named as in Document Verification's list where the supported-documents table knows the country.
	const names = new Map(supportedCountries().map(({ code, name }) => [code, name]));
	return Object.keys(table)
		.map((code) => ({ name: names.has(code) ? `${names.get(code)} (${code})` : code, value: code }))
		.sort(byName);
}

export async function getIdNumberTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const country = String(this.getCurrentNodeParameter('country') ?? '');
	const table = await idNumberTypeTable.call(this, lookupProduct.call(this));
	return Object.entries(table[country] ?? {})
		.map(([code, type]) => ({
			name: `${type.label} (${code})`,
			value: code,
			description: type.example
				? `Format: ${type.idNumberRegex}, e.g. ${type.example}`
				: type.idNumberRegex,
		}))
		.sort(byName);
}
