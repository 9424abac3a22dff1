/**
 * Which ID types each verification method of a link offers, as Smile ID's live lists say
 * (/v1/services for Biometric KYC, Enhanced KYC and Enhanced Document Verification,
 * /v1/valid_documents for Document Verification), and the check of a link's rows against them
 * before the link is sent.
 */
import type { LinkIdTypeBody, LinkVerificationMethod } from './smileLink';
import type { InputProblem } from './validation';

export const LINK_METHOD_NAMES: Record<LinkVerificationMethod, string> = {
	biometric_kyc: 'Biometric KYC',
	doc_verification: 'Document Verification',
	enhanced_document_verification: 'Enhanced Document Verification',
	enhanced_kyc: 'Enhanced KYC',
};

/** Country → the ID types offered there; undefined when the method's list could not be read. */
export type OfferedIdTypes = Record<string, string[]> | undefined;

function methodName(method: string): string {
	return `${LINK_METHOD_NAMES[method as LinkVerificationMethod] ?? method} (${method})`;
}

/**
 * Refuses the first row whose method does not offer its ID type in its country, naming the
 * row, the method and what it offers there. A row whose method's list could not be read is
 * let through with a warning, as the ID-number operations do.
 */
export function checkRowsOffered(
	rows: LinkIdTypeBody[],
	offers: Partial<Record<string, OfferedIdTypes>>,
): { problem?: InputProblem; warnings: string[] } {
	const warnings: string[] = [];
	for (const [index, row] of rows.entries()) {
		const label = `ID Types (row ${index + 1})`;
		const offered = offers[row.verification_method];
		if (offered === undefined) {
			warnings.push(
				`${label}: ${row.country} ${row.id_type} was not checked against ${methodName(row.verification_method)}: Smile ID's live list could not be read. Smile ID checks it itself.`,
			);
			continue;
		}
		const types = offered[row.country];
		if (types?.includes(row.id_type)) continue;
		const offeredText = types?.length
			? `In ${row.country} it offers ${[...types].sort().join(', ')}.`
			: `It offers no ID type in ${row.country}; it offers ${Object.keys(offered).sort().join(', ') || 'no country'}.`;
		return {
			problem: {
				field: 'ID Types',
				message: `${label}: ${methodName(row.verification_method)} does not offer ${row.country} ${row.id_type} for this account (Smile ID's live list). ${offeredText} Choose one of those ID types, or the verification method that offers ${row.id_type}.`,
			},
			warnings,
		};
	}
	return { warnings };
}
