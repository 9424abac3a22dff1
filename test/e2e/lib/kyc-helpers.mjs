// @ts-check
/** Shared by the ID-number e2e files: the node parameters that read their inputs from the item. */

/**
 * Look Up / Verify with Selfie parameters whose inputs come from the item json; absent
 * fields evaluate to '' (consent to true).
 * @param {string} operation @param {Record<string, any>} [extra]
 */
export function idNumberParams(operation, extra = {}) {
	return {
		resource: 'idNumber',
		operation,
		userId: '={{ $json.userId ?? "" }}',
		jobId: '={{ $json.jobId ?? "" }}',
		country: '={{ $json.country ?? "" }}',
		idType: '={{ $json.idType ?? "" }}',
		idNumber: '={{ $json.idNumber ?? "" }}',
		firstName: '={{ $json.firstName ?? "" }}',
		lastName: '={{ $json.lastName ?? "" }}',
		dob: '={{ $json.dob ?? "" }}',
		bankCode: '={{ $json.bankCode ?? "" }}',
		consent: '={{ $json.consent ?? true }}',
		callbackUrl: '={{ $json.callbackUrl ?? "" }}',
		...extra,
	};
}

/** AML Screen parameters whose inputs come from the item json. */
export function amlParams() {
	return {
		resource: 'aml',
		operation: 'screen',
		userId: '={{ $json.userId ?? "" }}',
		fullName: '={{ $json.fullName ?? "" }}',
		birthYear: '={{ $json.birthYear ?? "" }}',
		countries: '={{ $json.countries ?? "" }}',
	};
}

/** Business / Verify parameters whose inputs come from the item json. @param {Record<string, any>} [extra] */
export function businessParams(extra = {}) {
	return {
		resource: 'business',
		operation: 'verify',
		userId: '={{ $json.userId ?? "" }}',
		jobId: '={{ $json.jobId ?? "" }}',
		country: '={{ $json.country ?? "" }}',
		searchType: '={{ $json.searchType ?? "BUSINESS_REGISTRATION" }}',
		number: '={{ $json.number ?? "" }}',
		businessType: '={{ $json.businessType ?? "" }}',
		callbackUrl: '={{ $json.callbackUrl ?? "" }}',
		options: { requestTimeout: '={{ $json.requestTimeout ?? 30 }}' },
		...extra,
	};
}

/** Phone Number / Verify parameters whose inputs come from the item json. @param {Record<string, any>} [extra] */
export function phoneParams(extra = {}) {
	return {
		resource: 'phoneNumber',
		operation: 'verify',
		userId: '={{ $json.userId ?? "" }}',
		jobId: '={{ $json.jobId ?? "" }}',
		country: '={{ $json.country ?? "" }}',
		phoneNumber: '={{ $json.phoneNumber ?? "" }}',
		firstName: '={{ $json.firstName ?? "" }}',
		otherName: '={{ $json.otherName ?? "" }}',
		lastName: '={{ $json.lastName ?? "" }}',
		idNumber: '={{ $json.idNumber ?? "" }}',
		callbackUrl: '={{ $json.callbackUrl ?? "" }}',
		options: { requestTimeout: '={{ $json.requestTimeout ?? 30 }}' },
		...extra,
	};
}

/** Address / Verify parameters whose inputs come from the item json. */
export function addressParams() {
	return {
		resource: 'address',
		operation: 'verify',
		userId: '={{ $json.userId ?? "" }}',
		jobId: '={{ $json.jobId ?? "" }}',
		country: '={{ $json.country ?? "" }}',
		fullName: '={{ $json.fullName ?? "" }}',
		address: '={{ $json.address ?? "" }}',
		identifier: '={{ $json.identifier ?? "" }}',
		callbackUrl: '={{ $json.callbackUrl ?? "" }}',
		options: { requestTimeout: '={{ $json.requestTimeout ?? 30 }}' },
	};
}
