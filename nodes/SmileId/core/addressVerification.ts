/**
 * Digital Address Verification (docs' "Digital Address Verification" page): one asynchronous
 * endpoint, signed in SmileID-* headers; South Africa by national ID number, Nigeria by utility
 * number. The checks made before anything is sent, the body and the verdict fields.
 */
import { SOURCE_SDK, SOURCE_SDK_VERSION } from './jobPayload';
import type { InputProblem } from './validation';

/** The docs give only the asynchronous route. */
export const ADDRESS_VERIFICATION_PATH = '/v2/async-verify-address';

interface AddressCountry {
	name: string;
	/** The identifier the address is looked up by, as the request field and the panel label. */
	identifier: { field: 'id_number' | 'utility_number'; label: string };
	/** The docs' regex for the identifier, where they give one. */
	pattern?: RegExp;
	example: string;
}

/** The docs' Supported Countries and test data. */
export const ADDRESS_COUNTRIES: Readonly<Record<string, AddressCountry>> = {
	ZA: {
		name: 'South Africa',
		identifier: { field: 'id_number', label: 'ID Number' },
		pattern: /^[0-9]{13}$/,
		example: '0000000000000',
	},
	NG: {
		name: 'Nigeria',
		identifier: { field: 'utility_number', label: 'Utility Number' },
		example: '0000000000',
	},
};

export interface AddressInput {
	country: string;
	fullName: string;
	address: string;
	/** The national ID number (ZA) or the utility number (NG). */
	identifier: string;
}

export function checkAddressInput(input: AddressInput): InputProblem | undefined {
	const country = ADDRESS_COUNTRIES[input.country];
	if (!country) {
		return {
			field: 'Country',
			message: `Smile ID verifies addresses in ${Object.keys(ADDRESS_COUNTRIES).join(', ')}, not "${input.country}". Choose one of those.`,
		};
	}
	if (input.fullName === '') {
		return {
			field: 'Full Name',
			message:
				"Full Name is required: Smile ID matches it with the address's record. Enter the person's full name, e.g. Joe Doe Leo.",
		};
	}
	if (input.address === '') {
		return {
			field: 'Address',
			message:
				"Address is required. Enter the person's full address: street and number, town, province or state.",
		};
	}
	const { label } = country.identifier;
	if (input.identifier === '') {
		return {
			field: label,
			message: `${label} is required in ${country.name}. Enter it, e.g. ${country.example}.`,
		};
	}
	if (country.pattern && !country.pattern.test(input.identifier)) {
		return {
			field: label,
			message: `${label} "${input.identifier}" is not in the format Smile ID publishes for ${country.name} (${String(country.pattern)}). Enter it like ${country.example}.`,
		};
	}
	return undefined;
}

export interface AddressBodyInput {
	input: AddressInput;
	partnerParams: Record<string, string | number>;
	callbackUrl: string;
}

// assumption:address-request-body
/** The body before signing (the signature goes in headers). */
export function buildAddressBody(spec: AddressBodyInput): Record<string, unknown> {
	const { input } = spec;
	return {
		source_sdk: SOURCE_SDK,
		source_sdk_version: SOURCE_SDK_VERSION,
		partner_params: spec.partnerParams,
		country: input.country,
		full_name: input.fullName,
		address: input.address,
		[ADDRESS_COUNTRIES[input.country].identifier.field]: input.identifier,
		callback_url: spec.callbackUrl,
	};
}

export interface AddressVerdict {
	/** How the searched address compared with the record (the result text: Exact Match, …). */
	verdict: string | null;
	/** How far apart the searched and the recorded address are, as Smile ID gives it. */
	distance: string | null;
	/** Why the addresses did not match, where Smile ID says. */
	reason: string | null;
}

function firstText(answer: Record<string, unknown>, keys: string[]): string | null {
	for (const key of keys) {
		const value = answer[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}

/**
 * The verdict fields (assumption:address-answer). The docs page shows no answer body: the
 * result text is the verdict; distance and reason are read from the fields a result would
 * plausibly carry.
 */
export function readAddressVerdict(answer: Record<string, unknown>): AddressVerdict {
	return {
		verdict: firstText(answer, ['ResultText']),
		distance: firstText(answer, ['distance', 'Distance', 'distance_km']),
		reason: firstText(answer, ['reason', 'Reason', 'match_reason']),
	};
}
