/**
 * Business Verification (KYB, job type 7; docs' "Business Verification" page and the KYB
 * "Supported Countries" and "ID Number Regex" pages): the checks made before anything is
 * sent, the request body and the lists a workflow loops over.
 */
import { isIsoCountryCode } from './countryCodes';
import { JobType, SOURCE_SDK, SOURCE_SDK_VERSION } from './jobPayload';
import type { InputProblem } from './validation';

export const BUSINESS_VERIFICATION_PATH = {
	sync: '/v1/business_verification',
	async: '/v1/async_business_verification',
} as const;

export const BUSINESS_SEARCH_TYPES = {
	BUSINESS_REGISTRATION: 'Business Registration',
	TAX_INFORMATION: 'Tax Information',
} as const;

export type BusinessSearchType = keyof typeof BUSINESS_SEARCH_TYPES;

// assumption:kyb-ng-business-types
/** Nigeria's incorporation types (docs' Nigeria Business Registration page: business_type). */
export const NIGERIA_BUSINESS_TYPES = {
	bn: 'Business Name (BN)',
	co: 'Company (RC)',
	it: 'Incorporated Trustees (IT)',
} as const;

interface SearchRule {
	/** The docs' regex for the number; none where the docs give none. */
	pattern?: RegExp;
	example: string;
	needsBusinessType?: boolean;
}

/**
 * The KYB ID Number Regex page, per country and search type. Kenya is a supported country
 * without a published regex: any non-empty number is sent (assumption:kyb-country-rules).
 */
export const KYB_RULES: Readonly<Record<string, Partial<Record<BusinessSearchType, SearchRule>>>> =
	{
		NG: {
			BUSINESS_REGISTRATION: {
				pattern: /^0{7}$|^(?![0]+$)[A-Z0-9]{1,8}$/i,
				example: '0000000 (RC 0000000 without the letters)',
				needsBusinessType: true,
			},
			TAX_INFORMATION: { pattern: /^[0-9]{8,}-[0-9]{4,}$/, example: '00000000-0000' },
		},
		ZA: { BUSINESS_REGISTRATION: { pattern: /^\d{4}\/\d{6}\/\d{2}$/, example: '2000/000000/00' } },
		KE: { BUSINESS_REGISTRATION: { example: 'PVT-0000000' } },
	};

export interface BusinessInput {
	country: string;
	searchType: string;
	number: string;
	businessType: string;
}

/** Checks a KYB request; answers warnings for a country the docs give no rules for. */
export function checkBusinessInput(input: BusinessInput): {
	problem?: InputProblem;
	warnings: string[];
} {
	const { country, searchType, number, businessType } = input;
	const known = Object.keys(KYB_RULES).join(', ');
	if (!isIsoCountryCode(country)) {
		return {
			problem: {
				field: 'Country',
				message: `Country "${country}" is not a two-letter ISO 3166 code. Use the country where the business is registered, e.g. ${known}.`,
			},
			warnings: [],
		};
	}
	if (!(searchType in BUSINESS_SEARCH_TYPES)) {
		return {
			problem: {
				field: 'Search Type',
				message: `Search Type "${searchType}" is not one Smile ID offers. Use BUSINESS_REGISTRATION or TAX_INFORMATION.`,
			},
			warnings: [],
		};
	}
	const rules = KYB_RULES[country];
	const rule = rules?.[searchType as BusinessSearchType];
	if (searchType === 'TAX_INFORMATION' && !rule) {
		return {
			problem: {
				field: 'Search Type',
				message: `Tax Information is searchable in Nigeria (NG) only, not in ${country}. Use Business Registration for ${country}.`,
			},
			warnings: [],
		};
	}
	const label = searchType === 'TAX_INFORMATION' ? 'Tax Number' : 'Registration Number';
	if (number === '') {
		return {
			problem: {
				field: label,
				message: `${label} is required. Enter the number${rule ? `, e.g. ${rule.example}` : ''}.`,
			},
			warnings: [],
		};
	}
	if (rule?.pattern && !rule.pattern.test(number)) {
		return {
			problem: {
				field: label,
				message: `${label} "${number}" does not have the format Smile ID publishes for ${country} ${searchType} (${String(rule.pattern)}). Enter it like ${rule.example}.`,
			},
			warnings: [],
		};
	}
	if (rule?.needsBusinessType && !(businessType in NIGERIA_BUSINESS_TYPES)) {
		return {
			problem: {
				field: 'Business Type',
				message: `Business Type is required for a Nigerian business registration search. Choose bn (Business Name), co (Company) or it (Incorporated Trustees)${businessType ? `, not "${businessType}"` : ''}.`,
			},
			warnings: [],
		};
	}
	const warnings = rules
		? []
		: [
				`Smile ID's docs list no business registration rules for ${country} (they list ${known}); the number was sent unchecked.`,
			];
	return { warnings };
}

export interface BusinessBodyInput {
	input: BusinessInput;
	partnerParams: Record<string, string | number>;
	callbackUrl?: string;
}

/** The KYB body before signing (v1: the signature goes in the body). */
export function buildBusinessBody(spec: BusinessBodyInput): Record<string, unknown> {
	const { input } = spec;
	const body: Record<string, unknown> = {
		source_sdk: SOURCE_SDK,
		source_sdk_version: SOURCE_SDK_VERSION,
		partner_params: { ...spec.partnerParams, job_type: JobType.BusinessVerification },
		country: input.country,
		id_type: input.searchType,
		id_number: input.number,
	};
	if (KYB_RULES[input.country]?.[input.searchType as BusinessSearchType]?.needsBusinessType) {
		body.business_type = input.businessType;
	}
	if (spec.callbackUrl !== undefined) body.callback_url = spec.callbackUrl;
	return body;
}

/** What a KYB answer says about the business, as lists a workflow can split out. */
export interface BusinessRecord {
	company: Record<string, unknown> | null;
	directors: Array<Record<string, unknown>>;
	beneficialOwners: Array<Record<string, unknown>>;
	fiduciaries: Array<Record<string, unknown>>;
	proprietors: Array<Record<string, unknown>>;
}

function records(value: unknown): Array<Record<string, unknown>> {
	return Array.isArray(value)
		? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
		: [];
}

// assumption:kyb-answer-fields
/** Reads the lists; a tax search or a failed one has none, which reads as empty lists. */
export function readBusinessRecord(answer: Record<string, unknown>): BusinessRecord {
	const company = answer.company_information;
	return {
		company:
			typeof company === 'object' && company !== null && !Array.isArray(company)
				? (company as Record<string, unknown>)
				: null,
		directors: records(answer.directors),
		beneficialOwners: records(answer.beneficial_owners),
		fiduciaries: records(answer.fiduciaries),
		proprietors: records(answer.proprietors),
	};
}
