/**
 * ID number lookups (Enhanced KYC, job 5; the id_info of Biometric KYC, job 1) and Basic KYC's
 * comparison of entered details (job 5, /v2/verify): the checks made before anything is sent,
 * and the request bodies.
 */
import {
	ALWAYS_REQUIRED_FIELDS,
	BUILT_IN_ID_NUMBER_TYPES,
	compileIdNumberRegex,
	type IdInfoField,
	type IdNumberType,
	type IdNumberTypeTable,
} from './idNumberTypes';
import { JobType, SOURCE_SDK, SOURCE_SDK_VERSION } from './jobPayload';
import type { InputProblem } from './validation';

/** The person's details as typed into the node; empty strings for fields left empty. */
export interface IdNumberInput {
	country: string;
	idType: string;
	idNumber: string;
	firstName: string;
	middleName: string;
	lastName: string;
	dob: string;
	phoneNumber: string;
	bankCode: string;
	consent: boolean;
}

const FIELD_LABELS: Record<IdInfoField, string> = {
	country: 'Country',
	id_type: 'ID Type',
	id_number: 'ID Number',
	first_name: 'First Name',
	last_name: 'Last Name',
	dob: 'Date of Birth',
	bank_code: 'Bank Code',
	phone_number: 'Phone Number',
};

function fieldValue(input: IdNumberInput, field: IdInfoField): string {
	switch (field) {
		case 'country':
			return input.country;
		case 'id_type':
			return input.idType;
		case 'id_number':
			return input.idNumber;
		case 'first_name':
			return input.firstName;
		case 'last_name':
			return input.lastName;
		case 'dob':
			return input.dob;
		case 'bank_code':
			return input.bankCode;
		case 'phone_number':
			return input.phoneNumber;
	}
}

const DATE_OF_BIRTH = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
	const match = DATE_OF_BIRTH.exec(value);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return (
		date.getUTCFullYear() === Number(match[1]) &&
		date.getUTCMonth() === Number(match[2]) - 1 &&
		date.getUTCDate() === Number(match[3])
	);
}

/** The rules an ID type the built-in table does not list is held to: only the fields every lookup needs. */
function unlistedType(idType: string): IdNumberType {
	return {
		label: idType,
		requiredFields: [...ALWAYS_REQUIRED_FIELDS],
		consentRequired: false,
	};
}

/** The fields the ID type requires, the ID number's format (Smile ID's id_number_regex), the date of birth and consent. */
function checkAgainstType(input: IdNumberInput, rules: IdNumberType): InputProblem | undefined {
	for (const field of rules.requiredFields) {
		if (fieldValue(input, field) === '') {
			const label = FIELD_LABELS[field];
			return {
				field: label,
				message: `${label} is required for ${input.idType} (${rules.label}) in ${input.country}.${field === 'bank_code' ? " Enter the bank code Smile ID lists for the account's bank (GET /v1/services, bank_codes)." : ` Fill in ${label}.`}`,
			};
		}
	}
	const regex = rules.idNumberRegex ? compileIdNumberRegex(rules.idNumberRegex) : undefined;
	if (regex && !regex.test(input.idNumber)) {
		return {
			field: 'ID Number',
			message: `ID Number "${input.idNumber}" is not in the format of ${input.idType} (${rules.label}): Smile ID expects ${rules.idNumberRegex}${rules.example ? `, e.g. ${rules.example}` : ''}. Correct it before a paid lookup is made.`,
		};
	}
	if (input.dob !== '' && !isCalendarDate(input.dob)) {
		return {
			field: 'Date of Birth',
			message: `Date of Birth must be a date written yyyy-mm-dd, e.g. 1990-01-31; got "${input.dob}".`,
		};
	}
	if (rules.consentRequired && !input.consent) {
		return {
			field: 'Consent Given',
			message: `Consent Given: Smile ID requires the person's consent to look up ${input.idType} in ${input.country}. Ask for it, record it, then turn Consent Given on.`,
		};
	}
	return undefined;
}

function idTypeRequired(
	country: string,
	listed: Record<string, IdNumberType> | undefined,
): InputProblem {
	return {
		field: 'ID Type',
		message: listed
			? `ID Type is required. For ${country} use one of ${Object.keys(listed).sort().join(', ')}.`
			: "ID Type is required. Enter Smile ID's id_type for the ID, e.g. BVN or NATIONAL_ID.",
	};
}

/** Smile ID's live list decides what exists: a country and ID type it lists, then that ID type's rules. */
function checkAgainstLiveList(
	input: IdNumberInput,
	table: IdNumberTypeTable,
): InputProblem | undefined {
	const countryTypes = table[input.country];
	if (!countryTypes) {
		return {
			field: 'Country',
			message: `Country: Smile ID cannot look up ID numbers from "${input.country}" for this account (Smile ID's live list). Use one of ${Object.keys(table).sort().join(', ')}.`,
		};
	}
	if (input.idType === '') return idTypeRequired(input.country, countryTypes);
	const rules = countryTypes[input.idType];
	if (!rules) {
		return {
			field: 'ID Type',
			message: `ID Type "${input.idType}" cannot be looked up in ${input.country} for this account (Smile ID's live list). Use one of ${Object.keys(countryTypes).sort().join(', ')}.`,
		};
	}
	return checkAgainstType(input, rules);
}

/** A refusal, or the go-ahead with a warning when part of the input could not be checked. */
export interface IdNumberCheck {
	problem?: InputProblem;
	warning?: string;
}

/**
 * Checks an ID number lookup before it is sent (and billed). Smile ID's live list
 * (undefined when it could not be read) decides on its own. Without it the built-in table
 * checks the ID types it lists; a country or ID type it does not list is sent with a
 * warning instead of being refused, since Smile ID supports more than the table knows.
 */
export function checkIdNumberLookup(
	input: IdNumberInput,
	liveTable: IdNumberTypeTable | undefined,
): IdNumberCheck {
	if (liveTable) return { problem: checkAgainstLiveList(input, liveTable) };
	const builtInTypes = BUILT_IN_ID_NUMBER_TYPES[input.country];
	if (input.idType === '') return { problem: idTypeRequired(input.country, builtInTypes) };
	const rules = builtInTypes?.[input.idType];
	if (rules) return { problem: checkAgainstType(input, rules) };
	const problem = checkAgainstType(input, unlistedType(input.idType));
	if (problem) return { problem };
	return {
		warning: `ID Number was not checked before the lookup: Smile ID's list of ID types could not be read, and the built-in table does not list ${input.idType} for ${input.country}. Smile ID checks it itself; the result says if it does not take it.`,
	};
}

export interface IdDetails {
	country: string;
	id_type: string;
	id_number: string;
	[optional: string]: string;
}

/** The details Smile ID matches against the ID authority's record; only those given. */
export function idDetails(input: IdNumberInput): IdDetails {
	const details: IdDetails = {
		country: input.country,
		id_type: input.idType,
		id_number: input.idNumber,
	};
	const optional: Array<[string, string]> = [
		['first_name', input.firstName],
		['middle_name', input.middleName],
		['last_name', input.lastName],
		['dob', input.dob],
		['phone_number', input.phoneNumber],
		['bank_code', input.bankCode],
	];
	for (const [key, value] of optional) if (value !== '') details[key] = value;
	return details;
}

/** Consent as Smile ID's clients send it: which kinds of data the person agreed to share. */
export function consentInformation(grantedAt: string): Record<string, unknown> {
	return {
		consented: {
			consent_granted_date: grantedAt,
			personal_details: true,
			contact_information: true,
			document_information: true,
		},
	};
}

export interface LookupBodyInput {
	input: IdNumberInput;
	partnerParams: Record<string, string | number>;
	/** Async lookups only: where Smile ID posts the result. */
	callbackUrl?: string;
	consentGrantedAt: string;
}

/** The Enhanced KYC body before signing: the ID info at the top level, as the docs show it. */
export function buildIdLookupBody(spec: LookupBodyInput): Record<string, unknown> {
	const body: Record<string, unknown> = {
		source_sdk: SOURCE_SDK,
		source_sdk_version: SOURCE_SDK_VERSION,
		partner_params: { ...spec.partnerParams, job_type: JobType.EnhancedKyc },
		...idDetails(spec.input),
	};
	if (spec.callbackUrl !== undefined) body.callback_url = spec.callbackUrl;
	if (spec.input.consent) body.consent_information = consentInformation(spec.consentGrantedAt);
	return body;
}

/** Basic KYC's synchronous and asynchronous endpoints (docs' Basic KYC page). */
export const BASIC_KYC_PATH = { sync: '/v2/verify', async: '/v2/verify_async' } as const;

/** Where Basic KYC asks for the ID card's number and date of birth instead of the names. */
const BASIC_KYC_BY_CARD_NUMBER = 'UG';

/**
 * Basic KYC compares what was entered, so it needs details to compare: the first and last
 * name, and in Uganda the card number (secondary_id_number) and date of birth instead
 * (docs' "Basic KYC in Uganda" page). Checked after `checkIdNumberLookup`.
 */
export function checkBasicKycInput(
	input: IdNumberInput,
	secondaryIdNumber: string,
): InputProblem | undefined {
	const required: Array<[string, string, string]> =
		input.country === BASIC_KYC_BY_CARD_NUMBER
			? [
					[
						'Secondary ID Number',
						secondaryIdNumber,
						'the card number printed on the national ID card (the NIN goes in ID Number)',
					],
					['Date of Birth', input.dob, 'written yyyy-mm-dd, e.g. 1990-01-31'],
				]
			: [
					['First Name', input.firstName, "the person's first name as on their ID"],
					['Last Name', input.lastName, "the person's last name as on their ID"],
				];
	const where = input.country === BASIC_KYC_BY_CARD_NUMBER ? ` in ${input.country}` : '';
	for (const [label, value, hint] of required) {
		if (value === '') {
			return {
				field: label,
				message: `${label} is required for Basic KYC${where}: Smile ID compares it with the ID authority's record. Fill in ${label}: ${hint}.`,
			};
		}
	}
	return undefined;
}

/** The Basic KYC body before signing: Enhanced KYC's, plus the card number where given. */
export function buildBasicKycBody(
	spec: LookupBodyInput & { secondaryIdNumber: string },
): Record<string, unknown> {
	const body = buildIdLookupBody(spec);
	if (spec.secondaryIdNumber !== '') body.secondary_id_number = spec.secondaryIdNumber;
	return body;
}
