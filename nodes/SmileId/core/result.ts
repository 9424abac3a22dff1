import { explainActions, type ActionCheck } from './resultActions';
import { readAddressVerdict, type AddressVerdict } from './addressVerification';
import { readAmlScreening } from './amlScreening';
import { readBusinessRecord, type BusinessRecord } from './businessVerification';
import { readPhoneMatches } from './phoneVerification';
import {
	lookupResultCode,
	productForResult,
	productForResultType,
	type Outcome,
	type Product,
} from './resultCodes';

/** One Smile ID result as callbacks, job status `result` and `history` entries carry it. */
export type SmileResult = Record<string, unknown>;

export interface PersonalInfo {
	country?: string;
	idType?: string;
	idNumber?: string;
	secondaryIdNumber?: string;
	fullName?: string;
	dateOfBirth?: string;
	gender?: string;
	issuanceDate?: string;
	expirationDate?: string;
	phoneNumber?: string;
	phoneNumber2?: string;
	address?: string;
}

export interface NormalizedResult extends ProductFields {
	outcome: Outcome;
	resultCode: string | null;
	resultText: string | null;
	resultDescription: string | null;
	remedy?: string;
	isFinal: boolean;
	jobId: string | null;
	userId: string | null;
	jobType: number | null;
	product: Product;
	smileJobId: string | null;
	/** Smile ID's Actions exactly as received. */
	actions: Record<string, unknown>;
	/** The Actions explained (resultActionTable.ts): what was checked and what each value means. */
	checks: ActionCheck[];
	failedChecks: string[];
	pendingChecks: string[];
	attentionChecks: string[];
	personalInfo?: PersonalInfo;
	/** Set when the job came through a Smile Link: the link's ref_id, to match the customer. */
	linkRefId?: string;
	partnerParams: Record<string, unknown>;
}

/**
 * What a product's result adds to the one shape, on every path (the operation, Job Status,
 * Verify a Callback, the trigger): Business Verification's record and lists to split out, Phone
 * Number Verification's per-field matches, Address Verification's verdict.
 */
export interface ProductFields extends Partial<BusinessRecord> {
	/** Phone Number Verification: how each match field compared (names, idNumber). */
	matches?: Record<string, string>;
	addressCheck?: AddressVerdict;
}

function productFields(product: Product, result: SmileResult): ProductFields {
	switch (product) {
		case 'business_verification':
			return readBusinessRecord(result);
		case 'phone_verification':
			return { matches: readPhoneMatches(result) };
		case 'address_verification':
			return { addressCheck: readAddressVerdict(result) };
		default:
			return {};
	}
}

/**
 * The PartnerParams fields a hosted-link job may name its link in, most likely first.
 * assumption:link-ref-field: no docs page shows a link result, so every plausible name is read.
 */
export const LINK_REF_PARTNER_PARAMS = [
	'smile_link_id',
	'link_ref_id',
	'smile_link_ref_id',
	'link_id',
	'ref_id',
	'smile_link',
] as const;

/** The link reference of a result and the field it was found in, or undefined. */
export function findLinkRef(
	partnerParams: Record<string, unknown>,
): { field: string; value: string } | undefined {
	for (const field of LINK_REF_PARTNER_PARAMS) {
		const value = asText(partnerParams[field]);
		if (value !== null) return { field, value };
	}
	return undefined;
}

/** What a workflow should know about how the result was read (the output's `warnings`). */
export function resultWarnings(result: NormalizedResult): string[] {
	const ref = findLinkRef(result.partnerParams);
	if (ref === undefined) return [];
	return [
		`linkRefId was read from PartnerParams.${ref.field}. Smile ID's docs do not name the field a link result carries its link in; to match results without depending on it, give Create a Verification Link your own Partner Params, which come back in partnerParams.`,
	];
}

const PERSONAL_INFO_FIELDS: Array<[keyof PersonalInfo, string]> = [
	['country', 'Country'],
	['idType', 'IDType'],
	['idNumber', 'IDNumber'],
	['secondaryIdNumber', 'SecondaryIDNumber'],
	['fullName', 'FullName'],
	['dateOfBirth', 'DOB'],
	['gender', 'Gender'],
	['issuanceDate', 'IssuanceDate'],
	['expirationDate', 'ExpirationDate'],
	['phoneNumber', 'PhoneNumber'],
	['phoneNumber2', 'PhoneNumber2'],
	['address', 'Address'],
];

function asText(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function asRecord(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function asJobType(value: unknown): number | null {
	const parsed = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
	return Number.isFinite(parsed) ? parsed : null;
}

function isTrue(value: unknown): boolean {
	return value === true || value === 'true' || value === 'True';
}

export function extractPersonalInfo(result: SmileResult): PersonalInfo | undefined {
	const info: PersonalInfo = {};
	for (const [key, source] of PERSONAL_INFO_FIELDS) {
		const value = asText(result[source]);
		if (value !== null) info[key] = value;
	}
	return Object.keys(info).length > 0 ? info : undefined;
}

export interface NormalizeContext {
	/** Used when the result itself carries no job type (SmartSelfie Compare answers). */
	product?: Product;
	/** Job status's `job_complete`; callbacks say it with `IsFinalResult`. */
	jobComplete?: boolean;
	jobSuccess?: boolean;
}

/**
 * Turns any Smile ID result into the one shape every operation and the trigger output, so
 * a single Switch on `outcome` routes approved, review and rejected users.
 */
export function normalizeResult(
	result: SmileResult,
	context: NormalizeContext = {},
): NormalizedResult {
	const partnerParams = asRecord(result.PartnerParams ?? result.partner_params);
	const rawJobType = partnerParams.job_type ?? result.job_type;
	const jobType = asJobType(rawJobType);
	const resultCode = asText(result.ResultCode ?? result.code);
	const product =
		context.product ??
		(rawJobType === undefined ? productForResultType(result.ResultType) : undefined) ??
		productForResult(asText(rawJobType), resultCode);
	const resultText = asText(result.ResultText ?? result.message);
	const entry =
		resultCode === null
			? undefined
			: lookupResultCode(resultCode, product, resultText ?? undefined, { acrossProducts: true });

	const declaredFinal =
		context.jobComplete ??
		(result.IsFinalResult === undefined ? undefined : isTrue(result.IsFinalResult));
	const actions = asRecord(result.Actions);
	// An AML answer says what it found in Actions.Listed, not with a catalogued code: a
	// match is for a person to review, never an automatic rejection.
	const aml = product === 'aml_check' && !entry && 'Listed' in actions;
	let outcome: Outcome;
	if (entry) outcome = entry.outcome;
	else if (aml) outcome = readAmlScreening(result).listed ? 'under_review' : 'approved';
	else if (resultCode === null) outcome = 'pending';
	else if (declaredFinal === false) outcome = 'under_review';
	else outcome = context.jobSuccess === false ? 'rejected' : 'error';
	const isFinal = declaredFinal ?? (entry ? entry.isFinal : aml || outcome !== 'pending');

	const normalized: NormalizedResult = {
		outcome: isFinal || outcome !== 'approved' ? outcome : 'provisional',
		resultCode,
		resultText,
		resultDescription: entry?.description ?? null,
		isFinal,
		jobId: asText(partnerParams.job_id ?? result.job_id),
		userId: asText(partnerParams.user_id ?? result.user_id),
		jobType,
		product,
		smileJobId: asText(result.SmileJobID ?? result.smile_job_id),
		actions,
		...explainActions(actions),
		partnerParams,
	};
	if (entry?.remedy) normalized.remedy = entry.remedy;
	const linkRef = findLinkRef(partnerParams);
	if (linkRef !== undefined) normalized.linkRefId = linkRef.value;
	const personalInfo = extractPersonalInfo(result);
	if (personalInfo) normalized.personalInfo = personalInfo;
	return resultCode === null ? normalized : { ...normalized, ...productFields(product, result) };
}
