import { isIsoCountryCode } from './countryCodes';
import { idTypesForCountry } from './supportedDocuments';

/**
 * Input rules checked before any request that could create a paid job. Each problem names
 * the field, the rule and the fix, so the user can correct it without reading the API docs.
 */
export interface InputProblem {
	field: string;
	message: string;
}

const MAX_ID_LENGTH = 200;

function hasControlCharacter(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

export function checkIdentifier(
	field: string,
	value: string,
	required: boolean,
): InputProblem | undefined {
	if (value === '') {
		return required
			? {
					field,
					message: `${field} is required. Enter the ID your own system uses, e.g. a customer number.`,
				}
			: undefined;
	}
	if (value.length > MAX_ID_LENGTH) {
		return {
			field,
			message: `${field} is ${value.length} characters long; use at most ${MAX_ID_LENGTH}.`,
		};
	}
	if (hasControlCharacter(value)) {
		return {
			field,
			message: `${field} contains a line break or another control character. Remove it (check the expression that fills it).`,
		};
	}
	return undefined;
}

export function checkHttpUrl(
	field: string,
	value: string,
	required: boolean,
): InputProblem | undefined {
	if (value === '') {
		return required
			? {
					field,
					message: `${field} is required: Smile ID posts the result there. Paste the production URL of a Smile ID Trigger or a Webhook node.`,
				}
			: undefined;
	}
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		return {
			field,
			message: `${field} "${value}" is not a URL. Use a full address starting with https://.`,
		};
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return {
			field,
			message: `${field} must start with http:// or https://, not ${parsed.protocol}//. Smile ID can only post results to a web address.`,
		};
	}
	return undefined;
}

export function checkCountryCode(field: string, value: string): InputProblem | undefined {
	if (!/^[A-Z]{2}$/.test(value)) {
		return {
			field,
			message: `${field} must be a two-letter ISO 3166 country code in capitals, e.g. NG or KE; got "${value}".`,
		};
	}
	if (!isIsoCountryCode(value)) {
		return {
			field,
			message: `${field} "${value}" is not an ISO 3166-1 alpha-2 country code, so Smile ID cannot run the job. Use the code of the country that issued the ID, e.g. NG for Nigeria, GH for Ghana or KE for Kenya.`,
		};
	}
	return undefined;
}

export interface DocumentTypeCheck {
	problem?: InputProblem;
	/** Set when the country is not in the offline table, so the type could not be checked. */
	warning?: string;
}

/**
 * An ID type must be one the supported-documents table lists for the country. Smile ID
 * verifies documents worldwide but the table covers Africa only, so a country it does not
 * list is let through with a warning instead of being blocked.
 */
export function checkDocumentIdType(
	field: string,
	country: string,
	idType: string,
): DocumentTypeCheck {
	if (idType === '') return {};
	const listed = idTypesForCountry(country).map((doc) => doc.idType);
	if (listed.length === 0) {
		return {
			warning: `${field} ${idType} was not checked offline: the supported-documents table lists no document types for ${country} (it covers Africa only). Check that Smile ID takes this type for ${country}.`,
		};
	}
	if (listed.includes(idType)) return {};
	return {
		problem: {
			field,
			message: `${field} "${idType}" is not a document type Smile ID lists for ${country}. Use one of ${listed.join(', ')}, or leave ${field} empty to let Smile ID classify the document.`,
		},
	};
}

export function checkRequiredText(
	field: string,
	value: string,
	hint: string,
): InputProblem | undefined {
	return value.trim() === '' ? { field, message: `${field} is required. ${hint}` } : undefined;
}

export interface PartnerParamEntry {
	key: string;
	value: string;
}

const RESERVED_PARTNER_PARAMS = new Set(['job_id', 'user_id', 'job_type']);

export function checkExtraPartnerParams(entries: PartnerParamEntry[]): InputProblem | undefined {
	const seen = new Set<string>();
	for (const { key } of entries) {
		const field = 'Extra Partner Params';
		if (key.trim() === '')
			return { field, message: `${field}: every entry needs a key. Remove empty rows.` };
		if (RESERVED_PARTNER_PARAMS.has(key)) {
			return {
				field,
				message: `${field}: "${key}" is set by the node itself. Use the ${key === 'job_type' ? 'operation' : key === 'job_id' ? 'Job ID field' : 'User ID field'} instead.`,
			};
		}
		if (seen.has(key))
			return { field, message: `${field}: the key "${key}" appears twice. Keep one.` };
		seen.add(key);
	}
	return undefined;
}

/** Smile ID takes at most 8 liveness frames, in every product. */
export const MAX_LIVENESS_FRAMES = 8;

export function checkLivenessCount(
	count: number,
	min: number,
	max: number,
): InputProblem | undefined {
	const field = 'Liveness Images';
	if (count < min || count > max) {
		const range = min === 0 ? `at most ${max}` : `between ${min} and ${max}`;
		return {
			field,
			message: `${field}: ${count} given, Smile ID accepts ${range}. ${count > max ? 'Remove' : 'Add'} frames; 8 give the most reliable liveness check.`,
		};
	}
	return undefined;
}

/** Wait Timeout, as an expression may give it: a number of seconds above 0, or its text. */
export function checkWaitTimeout(value: unknown): InputProblem | undefined {
	const field = 'Wait Timeout (Seconds)';
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return undefined;
	const got =
		value === undefined || value === null || value === '' ? 'nothing' : `"${String(value)}"`;
	return {
		field,
		message: `${field} must be a number of seconds above 0, got ${got}. Enter e.g. 120, or turn Wait for Result off.`,
	};
}

export const ON_TIMEOUT_VALUES = ['returnPending', 'fail'] as const;
export type OnTimeout = (typeof ON_TIMEOUT_VALUES)[number];

export function checkOnTimeout(value: unknown): InputProblem | undefined {
	if ((ON_TIMEOUT_VALUES as readonly unknown[]).includes(value)) return undefined;
	return {
		field: 'On Timeout',
		message: `On Timeout must be "returnPending" (Return the Latest State) or "fail" (Fail), got "${String(value)}". Choose one in the list or fix the expression.`,
	};
}
