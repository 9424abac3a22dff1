import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idTypesForCountry, supportedCountries } from '../core/supportedDocuments';

export async function getDocumentCountries(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return supportedCountries().map(({ name, code }) => ({ name: `${name} (${code})`, value: code }));
}

export async function getDocumentIdTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const country = String(this.getCurrentNodeParameter('country') ?? '');
	return [
		{ name: 'Let Smile ID Classify the Document', value: '' },
		...idTypesForCountry(country)
			.map((doc) => ({ name: `${doc.description} (${doc.idType})`, value: doc.idType }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	];
}
