/**
 * Smile Links (hosted capture): the request bodies of the Smile Links REST API and the
 * rules they must meet, checked before anything is sent. A link costs nothing until a
 * customer completes it, but a wrong one would be e-mailed to a real person.
 */
import {
	checkCountryCode,
	checkExtraPartnerParams,
	checkHttpUrl,
	checkIdentifier,
	type InputProblem,
	type PartnerParamEntry,
} from './validation';

/** The products a link can run, one per ID type (docs page "Smile Links REST API"). */
export const LINK_VERIFICATION_METHODS = [
	'biometric_kyc',
	'doc_verification',
	'enhanced_document_verification',
	'enhanced_kyc',
] as const;

export type LinkVerificationMethod = (typeof LINK_VERIFICATION_METHODS)[number];

export interface LinkIdTypeRow {
	country: string;
	idType: string;
	verificationMethod: string;
}

export interface LinkIdTypeBody {
	country: string;
	id_type: string;
	verification_method: string;
}

const ID_TYPES_FIELD = 'ID Types';

/** Country in capitals, ID type in capitals, method as Smile ID spells it. */
export function normaliseIdTypeRows(rows: LinkIdTypeRow[]): LinkIdTypeRow[] {
	return rows.map((row) => ({
		country: String(row.country ?? '')
			.trim()
			.toUpperCase(),
		idType: String(row.idType ?? '')
			.trim()
			.toUpperCase(),
		verificationMethod: String(row.verificationMethod ?? '')
			.trim()
			.toLowerCase(),
	}));
}

export function checkIdTypeRows(rows: LinkIdTypeRow[]): InputProblem | undefined {
	const field = ID_TYPES_FIELD;
	if (rows.length === 0) {
		return {
			field,
			message: `${field}: add at least one row (country, ID type and verification method); the link would offer the customer nothing to verify.`,
		};
	}
	const seen = new Set<string>();
	for (const [index, row] of rows.entries()) {
		const label = `${field} (row ${index + 1})`;
		const countryProblem = checkCountryCode(`${label} Country`, row.country);
		if (countryProblem) return countryProblem;
		if (row.idType === '') {
			return {
				field,
				message: `${label}: ID Type is required. Enter the Smile ID id_type keyword, e.g. PASSPORT or NATIONAL_ID.`,
			};
		}
		if (!(LINK_VERIFICATION_METHODS as readonly string[]).includes(row.verificationMethod)) {
			return {
				field,
				message: `${label}: verification method "${row.verificationMethod}" is not one Smile Links offers. Use one of ${LINK_VERIFICATION_METHODS.join(', ')}.`,
			};
		}
		const key = `${row.country}/${row.idType}`;
		if (seen.has(key)) {
			return {
				field,
				message: `${label}: ${row.country} ${row.idType} appears twice. Smile Links runs one verification method per ID type; keep one row, or create a second link for the other method.`,
			};
		}
		seen.add(key);
	}
	return undefined;
}

export function toIdTypesBody(rows: LinkIdTypeRow[]): LinkIdTypeBody[] {
	return rows.map((row) => ({
		country: row.country,
		id_type: row.idType,
		verification_method: row.verificationMethod,
	}));
}

/** An expiry as ISO 8601 in UTC; empty means Smile ID's default (90 days). */
export function checkExpiry(
	value: string,
	now: Date,
): { problem: InputProblem } | { expiresAt: string | undefined } {
	const field = 'Expires At';
	if (value.trim() === '') return { expiresAt: undefined };
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) {
		return {
			problem: {
				field,
				message: `${field} "${value}" is not a date. Use a date and time such as 2030-01-31T18:00:00Z, or leave it empty for Smile ID's default of 90 days.`,
			},
		};
	}
	if (ms <= now.getTime()) {
		return {
			problem: {
				field,
				message: `${field} ${new Date(ms).toISOString()} is in the past: the customer could never open the link. Choose a later date, or leave it empty for Smile ID's default of 90 days.`,
			},
		};
	}
	return { expiresAt: new Date(ms).toISOString() };
}

function checkPageUrl(field: string, value: string): InputProblem | undefined {
	if (value === '') return undefined;
	const problem = checkHttpUrl(field, value, false);
	return problem
		? { field, message: `${problem.message} The hosted page shows it to the customer.` }
		: undefined;
}

export interface CreateLinkInput {
	name: string;
	companyName: string;
	idTypes: LinkIdTypeRow[];
	isSingleUse: boolean;
	/** Single-use links only: the customer the link belongs to. */
	userId: string;
	expiresAt: string;
	callbackUrl: string;
	privacyPolicyUrl: string;
	logoUrl: string;
	/** The user's own pairs, returned with every result of the link (docs: partner_params). */
	partnerParams?: PartnerParamEntry[];
}

/** The body of POST /v1/smile_links (the credential adds partner_id and the signature). */
export type CreateLinkBody = Record<
	string,
	string | boolean | LinkIdTypeBody[] | Record<string, string>
>;

/** Every rule of Create, in the order of the fields in the panel; the first problem wins. */
export function buildCreateLinkBody(
	input: CreateLinkInput,
	now: Date,
): { problem: InputProblem } | { body: CreateLinkBody } {
	const required: Array<[string, string, string]> = [
		[
			'Name',
			input.name,
			'Name the link, e.g. "Customer onboarding"; it appears in the Smile ID portal.',
		],
		[
			'Company Name',
			input.companyName,
			'Enter the name your customers know you by; the hosted page shows it.',
		],
	];
	for (const [field, value, hint] of required) {
		if (value.trim() === '')
			return { problem: { field, message: `${field} is required. ${hint}` } };
	}
	const rows = normaliseIdTypeRows(input.idTypes);
	const rowProblem = checkIdTypeRows(rows);
	if (rowProblem) return { problem: rowProblem };
	if (input.isSingleUse) {
		const userProblem = checkIdentifier('User ID', input.userId, true);
		if (userProblem) {
			return {
				problem: {
					field: 'User ID',
					message: `${userProblem.message} A single-use link belongs to one customer.`,
				},
			};
		}
	}
	const expiry = checkExpiry(input.expiresAt, now);
	if ('problem' in expiry) return expiry;
	const callbackProblem = checkHttpUrl('Callback URL', input.callbackUrl, true);
	if (callbackProblem) return { problem: callbackProblem };
	const pageProblem =
		checkPageUrl('Privacy Policy URL', input.privacyPolicyUrl) ??
		checkPageUrl('Logo URL', input.logoUrl);
	if (pageProblem) return { problem: pageProblem };
	const partnerParams = input.partnerParams ?? [];
	const paramsProblem = checkExtraPartnerParams(partnerParams);
	if (paramsProblem) return { problem: paramsProblem };

	const body: CreateLinkBody = {
		name: input.name.trim(),
		company_name: input.companyName.trim(),
		id_types: toIdTypesBody(rows),
		callback_url: input.callbackUrl,
		is_single_use: input.isSingleUse,
	};
	if (input.isSingleUse) body.user_id = input.userId;
	if (expiry.expiresAt) body.expires_at = expiry.expiresAt;
	// assumption:link-privacy-policy-optional: sent only when filled in
	if (input.privacyPolicyUrl) body.data_privacy_policy_url = input.privacyPolicyUrl;
	if (input.logoUrl) body.logo_url = input.logoUrl;
	// assumption:link-partner-params
	if (partnerParams.length > 0) {
		body.partner_params = Object.fromEntries(partnerParams.map((p) => [p.key, p.value]));
	}
	return { body };
}

/**
 * What to add to Smile ID's refusal of a Create sent without a privacy policy URL, when the
 * refusal may be about it (assumption:link-privacy-policy-optional): the docs do not say the
 * field is required, so the node does not refuse it first, but the error names it.
 */
export function createRefusalAdvice(sent: CreateLinkBody, answer: Record<string, unknown>): string {
	if (sent.data_privacy_policy_url !== undefined) return '';
	const code = String(answer.code ?? answer.ResultCode ?? '');
	if (code !== '2213' && !/privacy/i.test(JSON.stringify(answer))) return '';
	return 'Smile ID may require a privacy policy for links: fill Privacy Policy URL (sent as data_privacy_policy_url) and run again.';
}

export interface UpdateLinkInput {
	/** 'keep' leaves the link as it is. */
	status: 'keep' | 'enable' | 'disable';
	expiresAt: string;
	/** Undefined leaves the ID types as they are. */
	idTypes?: LinkIdTypeRow[];
}

export type UpdateLinkBody = Record<string, string | boolean | LinkIdTypeBody[]>;

export function buildUpdateLinkBody(
	input: UpdateLinkInput,
	now: Date,
): { problem: InputProblem } | { body: UpdateLinkBody } {
	const body: UpdateLinkBody = {};
	// assumption:link-disable-field
	if (input.status !== 'keep') body.is_disabled = input.status === 'disable';
	const expiry = checkExpiry(input.expiresAt, now);
	if ('problem' in expiry) return expiry;
	if (expiry.expiresAt) body.expires_at = expiry.expiresAt;
	if (input.idTypes !== undefined) {
		const rows = normaliseIdTypeRows(input.idTypes);
		const rowProblem = checkIdTypeRows(rows);
		if (rowProblem) return { problem: rowProblem };
		body.id_types = toIdTypesBody(rows);
	}
	if (Object.keys(body).length === 0) {
		return {
			problem: {
				field: 'Update Fields',
				message:
					'Nothing to update: choose Enable or Disable, set a new expiry, or add ID Types to change.',
			},
		};
	}
	return { body };
}

export function checkRefId(value: string): InputProblem | undefined {
	const field = 'Link Reference ID';
	if (value === '') {
		return {
			field,
			message: `${field} is required. Use the refId that the Create operation returned.`,
		};
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		return {
			field,
			message: `${field} "${value}" may contain only letters, digits, "-" and "_". Use the refId that the Create operation returned.`,
		};
	}
	return undefined;
}
