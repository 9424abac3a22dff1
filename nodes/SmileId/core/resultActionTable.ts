/**
 * Smile ID's Actions as its docs describe them: what each action checks, and what each value
 * says about it. Results carry them as `Actions: { Liveness_Check: "Passed", … }`. The lookup
 * lives in actions.ts; what a result code means lives in resultCodeTable.ts, not here.
 *
 * Sources: smile-id-api-docs.txt (Document Verification and SmartSelfie sections), the docs'
 * Enhanced KYC, Basic KYC and AML pages, MORE-PRODUCTS.md, and the Actions models of Smile ID's
 * mobile SDKs (the values the API sends). Where a source shows an action only in an example,
 * its values are those of the actions like it (Document_Check as Verify_Document, …).
 */

/**
 * What one action's value means for routing:
 * - `passed` / `failed`: the check ran and passed, or did not.
 * - `pending`: Smile ID's reviewers have not decided yet; a later result settles it.
 * - `attention`: answered, and a person on your side should look (partial data match, AML match).
 * - `completed`: the comparison ran; its verdict is the job's result code, not the action.
 * - `not_applicable`: the check was not part of this job.
 * - `unknown`: an action or value this catalogue does not describe, passed through as received.
 */
export type CheckStatus =
	| 'passed'
	| 'failed'
	| 'pending'
	| 'attention'
	| 'completed'
	| 'not_applicable'
	| 'unknown';

interface ValueEntry {
	status: Exclude<CheckStatus, 'unknown'>;
	meaning: string;
}

/** One vocabulary across products: a value means the same whichever action carries it. */
export const ACTION_VALUES = {
	Passed: { status: 'passed', meaning: 'Passed.' },
	Approved: { status: 'passed', meaning: 'Approved.' },
	Verified: {
		status: 'passed',
		meaning: 'The ID authority confirmed the ID number.',
	},
	Returned: {
		status: 'passed',
		meaning: "The person's details were returned (see personalInfo).",
	},
	'Exact Match': {
		status: 'passed',
		meaning: "The detail given matches the ID authority's record exactly.",
	},
	'Not Listed': {
		status: 'passed',
		meaning: 'Not found on any sanctions, PEP or adverse-media list.',
	},
	Completed: {
		status: 'completed',
		meaning:
			"The comparison ran; whether the faces match is the job's result (resultCode, resultDescription).",
	},
	Failed: { status: 'failed', meaning: 'Did not pass.' },
	Rejected: { status: 'failed', meaning: 'Rejected.' },
	'Not Verified': {
		status: 'failed',
		meaning: 'The ID authority did not confirm the ID number (not found or not valid).',
	},
	'Not Done': {
		status: 'failed',
		meaning: "Smile ID did not look the ID number up; the job's result code says why.",
	},
	'Issuer Unavailable': {
		status: 'failed',
		meaning: 'The ID authority could not be reached, so the ID number was not checked.',
	},
	'Not Returned': {
		status: 'failed',
		meaning: "The person's details could not be returned.",
	},
	'No Match': {
		status: 'failed',
		meaning: "The detail given does not match the ID authority's record.",
	},
	'Unable To Determine': {
		status: 'failed',
		meaning: "Smile ID's reviewer could not decide, so the check did not pass.",
	},
	'Under Review': {
		status: 'pending',
		meaning: "Smile ID's reviewers are looking at it; a later result settles it.",
	},
	'Provisionally Approved': {
		status: 'pending',
		meaning: "Approved for now; Smile ID's reviewers have yet to confirm it.",
	},
	'Partial Match': {
		status: 'attention',
		meaning: "The detail given matches the ID authority's record only in part.",
	},
	Transposed: {
		status: 'attention',
		meaning: "The names match the ID authority's record, but in another order.",
	},
	Listed: {
		status: 'attention',
		meaning:
			'Found on a sanctions, PEP or adverse-media list: a person must review the matches (people in raw).',
	},
	'Not Provided': {
		status: 'not_applicable',
		meaning: 'Not compared: the detail was not given.',
	},
	'Not Applicable': { status: 'not_applicable', meaning: 'Not part of this job.' },
} as const satisfies Record<string, ValueEntry>;

export type ActionValue = keyof typeof ACTION_VALUES;

export interface ActionEntry {
	/** What Smile ID checked, in plain words. */
	check: string;
	/**
	 * The values the sources list for this action (the README's catalogue shows them). Another
	 * value of the vocabulary still reads as the vocabulary says: the docs' lists are not complete.
	 */
	values: readonly ActionValue[];
}

const HUMAN_REVIEW: readonly ActionValue[] = [
	'Passed',
	'Failed',
	'Unable To Determine',
	'Under Review',
	'Not Applicable',
];
const MACHINE_CHECK: readonly ActionValue[] = [
	'Passed',
	'Failed',
	'Under Review',
	'Not Applicable',
];
const COMPARISON: readonly ActionValue[] = ['Completed', 'Under Review', 'Not Applicable'];
const ID_LOOKUP: readonly ActionValue[] = [
	'Verified',
	'Not Verified',
	'Not Done',
	'Issuer Unavailable',
	'Not Applicable',
];
const DATA_MATCH: readonly ActionValue[] = [
	'Exact Match',
	'Partial Match',
	'No Match',
	'Not Provided',
];

export const ACTIONS = {
	// Document Verification (docs lines 655-760) and SmartSelfie (lines 1759-1850, 2441-2530).
	Document_Check: {
		check: 'The document image: a readable photo of a supported document.',
		values: MACHINE_CHECK,
	},
	Verify_Document: {
		check: 'The document is genuine and valid.',
		values: MACHINE_CHECK,
	},
	Human_Review_Document_Check: {
		check: "A Smile ID reviewer's decision on the document, where the system could not decide.",
		values: HUMAN_REVIEW,
	},
	Liveness_Check: {
		check:
			'Liveness: the selfie (and its liveness frames) shows a live person, not a photo, screen or mask.',
		values: MACHINE_CHECK,
	},
	Human_Review_Liveness_Check: {
		check:
			"A Smile ID reviewer's decision on liveness, where the system could not decide (Liveness_Check then stays Failed even if the reviewer passes it).",
		values: HUMAN_REVIEW,
	},
	Selfie_Check: {
		check:
			'Passive liveness on the selfie alone: the only liveness check when no liveness frames are sent.',
		values: MACHINE_CHECK,
	},
	Human_Review_Selfie_Check: {
		check: "A Smile ID reviewer's decision on the selfie, where the system could not decide.",
		values: HUMAN_REVIEW,
	},
	Selfie_Provided: {
		check: 'A usable selfie was provided.',
		values: ['Passed', 'Failed'],
	},
	Register_Selfie: {
		check: "The selfie is registered as the user's selfie on file, for later authentication.",
		values: ['Approved', 'Passed', 'Provisionally Approved', 'Rejected', 'Not Applicable'],
	},
	Selfie_To_ID_Card_Compare: {
		check: "The selfie compared with the photo on the user's ID document.",
		values: COMPARISON,
	},
	Selfie_To_Registered_Selfie_Compare: {
		check: "The selfie compared with the user's selfie on file.",
		values: COMPARISON,
	},
	Selfie_To_ID_Authority_Compare: {
		check: "The selfie compared with the ID authority's photo of the person.",
		values: COMPARISON,
	},
	Human_Review_Compare: {
		check:
			"A Smile ID reviewer's decision on the face comparison, where the system could not decide.",
		values: HUMAN_REVIEW,
	},
	Human_Review_Update_Selfie: {
		check: "A Smile ID reviewer's decision on replacing the selfie on file.",
		values: HUMAN_REVIEW,
	},
	Update_Registered_Selfie_On_File: {
		check: "The selfie on file is replaced with this job's selfie.",
		values: ['Approved', 'Rejected', 'Not Applicable'],
	},
	Return_Personal_Info: {
		check:
			"The person's details are returned: read from the document, or from the ID authority's record.",
		values: ['Returned', 'Not Returned', 'Not Applicable'],
	},
	// Enhanced KYC, Biometric KYC and Enhanced Document Verification (MORE-PRODUCTS.md, SDK models).
	Verify_ID_Number: {
		check: 'The ID number looked up at the issuing ID authority.',
		values: ID_LOOKUP,
	},
	// Basic KYC: the details given compared with the ID authority's record, field by field.
	ID_Verification: {
		check: 'The ID number looked up at the issuing ID authority.',
		values: ID_LOOKUP,
	},
	Names: {
		check: "The names given compared with the ID authority's record.",
		values: ['Exact Match', 'Partial Match', 'Transposed', 'No Match', 'Not Provided'],
	},
	DOB: {
		check: "The date of birth given compared with the ID authority's record.",
		values: DATA_MATCH,
	},
	Gender: {
		check: "The gender given compared with the ID authority's record.",
		values: ['Exact Match', 'No Match', 'Not Provided'],
	},
	Phone_Number: {
		check: "The phone number given compared with the ID authority's record.",
		values: DATA_MATCH,
	},
	// Business Verification (the Python server SDK's example answer: Verify_Business, Return_Business_Info).
	Verify_Business: {
		check: 'The registration or tax number looked up at the business registry.',
		values: ID_LOOKUP,
	},
	Return_Business_Info: {
		check: "The business's record is returned (company, directors, owners: see the lists).",
		values: ['Returned', 'Not Returned', 'Not Applicable'],
	},
	// Phone Number Verification (assumption: the docs page shows no answer; named like Basic KYC's).
	Verify_Phone_Number: {
		check: "The phone number looked up at the mobile operator's records.",
		values: ID_LOOKUP,
	},
	ID_Number: {
		check: "The ID number given compared with the phone number owner's record.",
		values: DATA_MATCH,
	},
	// Address Verification (assumption: the docs page shows no answer; named like the lookups').
	Verify_Address: {
		check: 'The address given compared with the address on record for the ID or utility number.',
		values: ID_LOOKUP,
	},
	// AML check (docs' AML page): decides the AML outcome, see readAmlScreening in amlScreening.ts.
	Listed: {
		check: 'The person screened against sanctions, PEP and adverse-media lists.',
		values: ['Listed', 'Not Listed'],
	},
} as const satisfies Record<string, ActionEntry>;

export type ActionName = keyof typeof ACTIONS;
