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
	return undefined;
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
