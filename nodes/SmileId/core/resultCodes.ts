/**
 * Where a Smile ID result code is explained: its meaning, outcome and advice. The data is in
 * resultCodeTable.ts; this file holds the lookup every part of the package uses.
 */
import { JobType } from './jobPayload';
import { RESULT_CODE_TABLES, type Product, type ResultCodeEntry } from './resultCodeTable';

export { OUTCOME_NAMES, type Outcome, type Product, type ResultCodeEntry } from './resultCodeTable';

/** The codes the package acts on by name; their meaning is in the table like every other. */
export const RESULT_CODE = {
	/** Prep upload accepted: the job exists and waits for its zip. */
	jobCreated: '2202',
	/** The job status request itself succeeded (the job's outcome is in its result). */
	jobStatusAnswered: '2302',
	/** The job ID was used before. */
	jobAlreadyExists: '2215',
} as const;

export const RESULT_CODES: readonly ResultCodeEntry[] = Object.freeze(
	Object.values(RESULT_CODE_TABLES)
		.flat()
		.map((e) => Object.freeze(e)),
);

// Looked up for every callback the trigger checks, so by code rather than by scanning the table.
const RESULT_CODES_BY_CODE = new Map<string, ResultCodeEntry[]>();
for (const e of RESULT_CODES) {
	const sameCode = RESULT_CODES_BY_CODE.get(e.code);
	if (sameCode) sameCode.push(e);
	else RESULT_CODES_BY_CODE.set(e.code, [e]);
}

/** A verification's result (0xxx, 1xxx), as opposed to a 2xxx answer about the request itself. */
export function isVerificationResultCode(code: string): boolean {
	return /^[01]\d{3}$/.test(code);
}

const PRODUCT_BY_JOB_TYPE = new Map<string, Product>([
	[String(JobType.SmartSelfieAuthentication), 'smartselfie_authentication'],
	[String(JobType.SmartSelfieRegistration), 'smartselfie_registration'],
	[String(JobType.DocumentVerification), 'document_verification'],
	[String(JobType.BiometricKyc), 'biometric_kyc'],
	[String(JobType.EnhancedKyc), 'enhanced_kyc'],
	[String(JobType.AmlCheck), 'aml_check'],
	[String(JobType.BusinessVerification), 'business_verification'],
	[String(JobType.EnhancedDocumentVerification), 'enhanced_document_verification'],
	// The synchronous /v2/smart-selfie-compare answer names its job type in words.
	['smart_selfie_compare', 'smartselfie_compare'],
]);

export function productForJobType(jobType: number | string | undefined | null): Product {
	if (jobType === undefined || jobType === null) return 'general';
	return PRODUCT_BY_JOB_TYPE.get(String(jobType).trim().toLowerCase()) ?? 'general';
}

/**
 * The products whose results name no job type (assumption:result-type-products: the docs show
 * none for phone and address verification), known by their ResultType instead.
 */
const PRODUCT_BY_RESULT_TYPE = new Map<string, Product>([
	['phone number verification', 'phone_verification'],
	['address verification', 'address_verification'],
	['digital address verification', 'address_verification'],
]);

export function productForResultType(resultType: unknown): Product | undefined {
	return typeof resultType === 'string'
		? PRODUCT_BY_RESULT_TYPE.get(resultType.trim().toLowerCase())
		: undefined;
}

/** Products that share another's job type: Basic KYC runs as job type 5, like Enhanced KYC. */
const SAME_JOB_TYPE: Partial<Record<Product, readonly Product[]>> = { enhanced_kyc: ['basic_kyc'] };

/**
 * The product a result belongs to: its job type's, unless the code is one only a product
 * sharing that job type answers with (Basic KYC's comparisons 1020-1023 under job type 5).
 */
export function productForResult(
	jobType: number | string | undefined | null,
	resultCode: string | number | undefined | null,
): Product {
	const product = productForJobType(jobType);
	const code = normaliseResultCode(resultCode);
	if (code === undefined) return product;
	const sameCode = RESULT_CODES_BY_CODE.get(code) ?? [];
	if (sameCode.some((e) => e.product === product)) return product;
	return (
		SAME_JOB_TYPE[product]?.find((other) => sameCode.some((e) => e.product === other)) ?? product
	);
}

export function normaliseResultCode(code: string | number | undefined | null): string | undefined {
	if (code === undefined || code === null) return undefined;
	const value = String(code).trim();
	if (value === '') return undefined;
	return /^\d{1,3}$/.test(value) ? value.padStart(4, '0') : value;
}

function normaliseText(text: string): string {
	return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

// Several docs texts are templates ("Unable to Verify Document - reason") where the live
// ResultText carries the actual reason after the dash.
const TEMPLATE_SUFFIX = ' - reason';

function textMatchScore(entryText: string, resultText: string): number {
	const expected = normaliseText(entryText);
	const actual = normaliseText(resultText);
	if (actual === '') return 0;
	if (expected === actual) return 3000;
	if (actual.startsWith(expected) || expected.startsWith(actual)) {
		return 2000 + Math.min(expected.length, actual.length);
	}
	if (expected.endsWith(TEMPLATE_SUFFIX)) {
		const stem = expected.slice(0, expected.length - 'reason'.length);
		if (actual.startsWith(stem)) return 1000 + stem.length;
	}
	return 0;
}

function pickByText(
	candidates: readonly ResultCodeEntry[],
	resultText: string | undefined,
): ResultCodeEntry | undefined {
	if (candidates.length === 0) return undefined;
	if (resultText === undefined || candidates.length === 1) return candidates[0];
	let best = candidates[0];
	let bestScore = 0;
	for (const candidate of candidates) {
		const score = textMatchScore(candidate.text, resultText);
		if (score > bestScore) {
			best = candidate;
			bestScore = score;
		}
	}
	return best;
}

/**
 * For a result that names no product of its own table, a code still has one meaning when
 * every product that uses it agrees on the outcome (or one entry has the exact text).
 */
function agreedEntry(
	sameCode: readonly ResultCodeEntry[],
	resultText: string | undefined,
): ResultCodeEntry | undefined {
	if (sameCode.length === 0) return undefined;
	const byText = sameCode.find(
		(e) => resultText !== undefined && e.text.toLowerCase() === resultText.toLowerCase(),
	);
	if (byText) return byText;
	return sameCode.every((e) => e.outcome === sameCode[0].outcome) ? sameCode[0] : undefined;
}

export interface LookupOptions {
	/**
	 * Results (callbacks, job status) may carry a code of another product's table, e.g. when
	 * partner params name no job type: then use the entry all products agree on.
	 */
	acrossProducts?: boolean;
}

/**
 * The catalogue entry for a code: the product's own entry (by result text where the code has
 * several), else the general one, else with `acrossProducts` the one all products agree on.
 */
export function lookupResultCode(
	code: string | number | undefined,
	product: Product,
	resultText?: string,
	options: LookupOptions = {},
): ResultCodeEntry | undefined {
	const normalised = normaliseResultCode(code);
	if (normalised === undefined) return undefined;
	const sameCode = RESULT_CODES_BY_CODE.get(normalised) ?? [];
	const own = sameCode.filter((e) => e.product === product);
	if (own.length > 0) return pickByText(own, resultText);
	const general = pickByText(
		sameCode.filter((e) => e.product === 'general'),
		resultText,
	);
	if (general || !options.acrossProducts) return general;
	return agreedEntry(sameCode, resultText);
}
