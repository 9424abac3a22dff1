/**
 * Phone Number Verification (docs' "Phone Number Verification" page): the countries, their
 * phone number patterns and match fields, the checks made before anything is sent, the request
 * body and the per-field match results. Signed in SmileID-* headers like the other v2 routes.
 */
import { SOURCE_SDK, SOURCE_SDK_VERSION } from './jobPayload';
import type { InputProblem } from './validation';

// assumption:phone-request-body
export const PHONE_VERIFICATION_PATH = {
	sync: '/v2/verify-phone',
	async: '/v2/async-verify-phone',
} as const;

export type PhoneMatchField = 'first_name' | 'other_name' | 'last_name' | 'id_number';

interface PhoneCountry {
	name: string;
	/** The docs' Phone Number Regex. */
	pattern: RegExp;
	/** The docs' sandbox test number. */
	example: string;
	matchFields: readonly PhoneMatchField[];
	/** The national ID format (the ID-number docs' regex) where the ID number is a match field. */
	idNumberPattern?: RegExp;
}

const NAMES: readonly PhoneMatchField[] = ['first_name', 'other_name', 'last_name'];

/** The docs' Supported Countries table (assumption:phone-id-number-formats). */
export const PHONE_COUNTRIES: Readonly<Record<string, PhoneCountry>> = {
	KE: {
		name: 'Kenya',
		pattern: /^[0-9]{10}$/,
		example: '0000000000',
		matchFields: ['id_number'],
		idNumberPattern: /^[0-9]{1,9}$/,
	},
	NG: { name: 'Nigeria', pattern: /^[0-9]{11}$/, example: '00000000000', matchFields: NAMES },
	ZA: {
		name: 'South Africa',
		pattern: /^[0-9]{10}$/,
		example: '0000000000',
		matchFields: [...NAMES, 'id_number'],
		idNumberPattern: /^[0-9]{13}$/,
	},
	TZ: { name: 'Tanzania', pattern: /^[0-9]{12}$/, example: '000000000000', matchFields: NAMES },
	UG: { name: 'Uganda', pattern: /^[0-9]{10}$/, example: '0000000000', matchFields: NAMES },
};

export const MATCH_FIELD_LABELS: Record<PhoneMatchField, string> = {
	first_name: 'First Name',
	other_name: 'Other Name',
	last_name: 'Last Name',
	id_number: 'ID Number',
};

export interface PhoneInput {
	country: string;
	phoneNumber: string;
	matchFields: Partial<Record<PhoneMatchField, string>>;
}

function listLabels(fields: readonly PhoneMatchField[]): string {
	return fields.map((f) => MATCH_FIELD_LABELS[f]).join(', ');
}

/** Checks a phone verification request against the docs' table. */
export function checkPhoneInput(input: PhoneInput): InputProblem | undefined {
	const country = PHONE_COUNTRIES[input.country];
	if (!country) {
		return {
			field: 'Country',
			message: `Smile ID verifies phone numbers from ${Object.keys(PHONE_COUNTRIES).join(', ')}, not "${input.country}". Choose one of those.`,
		};
	}
	if (input.phoneNumber === '') {
		return {
			field: 'Phone Number',
			message: `Phone Number is required. Enter the ${country.name} number as Smile ID expects it, e.g. ${country.example}.`,
		};
	}
	if (!country.pattern.test(input.phoneNumber)) {
		const digits = /\{(\d+)\}/.exec(String(country.pattern))?.[1];
		return {
			field: 'Phone Number',
			message: `Phone Number "${input.phoneNumber}" is not in the format Smile ID publishes for ${country.name} (${String(country.pattern)}): ${digits} digits, no "+", spaces or country code, e.g. ${country.example}.`,
		};
	}
	const given = (Object.keys(input.matchFields) as PhoneMatchField[]).filter(
		(f) => input.matchFields[f] !== '',
	);
	const foreign = given.find((f) => !country.matchFields.includes(f));
	if (foreign) {
		return {
			field: MATCH_FIELD_LABELS[foreign],
			message: `${MATCH_FIELD_LABELS[foreign]} is not compared in ${country.name}: Smile ID matches ${listLabels(country.matchFields)} there. Leave ${MATCH_FIELD_LABELS[foreign]} empty.`,
		};
	}
	if (given.length === 0) {
		return {
			field: MATCH_FIELD_LABELS[country.matchFields[0]],
			message: `Enter at least one detail to match with the phone number's owner: in ${country.name} Smile ID matches ${listLabels(country.matchFields)}.`,
		};
	}
	const idNumber = input.matchFields.id_number ?? '';
	if (idNumber !== '' && country.idNumberPattern && !country.idNumberPattern.test(idNumber)) {
		return {
			field: 'ID Number',
			message: `ID Number "${idNumber}" is not a ${country.name} national ID number (${String(country.idNumberPattern)}). Enter the national ID number of the phone number's owner.`,
		};
	}
	return undefined;
}

export interface PhoneBodyInput {
	input: PhoneInput;
	partnerParams: Record<string, string | number>;
	callbackUrl?: string;
}

/** The body before signing (the signature goes in headers). Empty match fields are left out. */
export function buildPhoneBody(spec: PhoneBodyInput): Record<string, unknown> {
	const matchFields = Object.fromEntries(
		Object.entries(spec.input.matchFields).filter(([, value]) => value !== ''),
	);
	const body: Record<string, unknown> = {
		source_sdk: SOURCE_SDK,
		source_sdk_version: SOURCE_SDK_VERSION,
		partner_params: spec.partnerParams,
		country: spec.input.country,
		phone_number: spec.input.phoneNumber,
		match_fields: matchFields,
	};
	if (spec.callbackUrl !== undefined) body.callback_url = spec.callbackUrl;
	return body;
}

// assumption:phone-answer
/** The Actions that say how each match field compared, by the field's output name. */
const MATCH_ACTIONS: Record<string, string> = {
	Names: 'names',
	ID_Number: 'idNumber',
	Phone_Number: 'phoneNumber',
};

/** The per-field match results, read from the answer's Actions (`Names: "Exact Match"`, …). */
export function readPhoneMatches(answer: Record<string, unknown>): Record<string, string> {
	const actions = answer.Actions;
	if (typeof actions !== 'object' || actions === null) return {};
	const matches: Record<string, string> = {};
	for (const [action, value] of Object.entries(actions as Record<string, unknown>)) {
		const name = MATCH_ACTIONS[action];
		if (name && typeof value === 'string') matches[name] = value;
	}
	return matches;
}
