/**
 * The fields only the tool variant of the node shows (Smile ID Tool, for the AI Agent and the
 * MCP Server Trigger; `@tool` is n8n's display condition for it). n8n hands the Tool
 * Description to the model, so each operation's default says what the call does, whether it
 * is billed, what the parameters must look like, and what a repeated call returns.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_REPEAT_WINDOW_HOURS } from '../core/toolCall';
import { INCLUDE_RAW, REPEAT_WINDOW, TOOL_DESCRIPTION } from '../helpers/toolCall';

const REPEAT_NOTE =
	'Billed: each new call is a paid Smile ID job. Repeating a call with the same arguments within the repeat window (default: the same UTC day) creates no new job and returns the first call\'s result (outcome, result code, and "repeatedCall": true).';
const FREE_NOTE = 'Free: creates no job and costs nothing.';
// assumption:unbilled-operations
const NO_JOB_NOTE = 'Not a verification: creates no Smile ID job, so nothing is billed as one.';
const ID_NUMBER_ARGS =
	"Country is a two-letter ISO code (NG, GH, KE, ZA, …); ID type is Smile ID's name for the ID (e.g. BVN, NIN_V2, GHANA_CARD, NATIONAL_ID); the ID number is checked against the ID type's format before anything is sent, and a refusal says which field to fix.";
const ANSWER =
	"The answer has outcome (approved, approved_with_attention, provisional, under_review, pending, rejected or error), resultCode, resultText, the checks made, jobId and userId; Smile ID's full answer only when Include Raw Answer is on; images never.";

interface ToolOperation {
	resource: string;
	operation: string;
	billed: boolean;
	text: string;
}

const TOOL_OPERATIONS: ToolOperation[] = [
	{
		resource: 'idNumber',
		operation: 'lookUp',
		billed: true,
		text: `Look up a person's ID number (BVN, NIN, national ID, …) with the issuing authority through Smile ID (Enhanced KYC) and return the authority's record: name, date of birth and the other details the ID type has. ${ID_NUMBER_ARGS} ${ANSWER}`,
	},
	{
		resource: 'idNumber',
		operation: 'verifyDetails',
		billed: true,
		text: `Compare a person's names, date of birth and phone number with the ID authority's record of their ID number (Basic KYC): exact, partial or no match, field by field, without returning the record. ${ID_NUMBER_ARGS} ${ANSWER}`,
	},
	{
		resource: 'idNumber',
		operation: 'verifyWithSelfie',
		billed: true,
		text: `Check an ID number with the authority and compare the authority's photo with a selfie (Biometric KYC). Images are web addresses or base64 JPEG text, as configured. ${ID_NUMBER_ARGS} ${ANSWER}`,
	},
	{
		resource: 'idNumber',
		operation: 'resetRateLimit',
		billed: false,
		text: `Lift Smile ID's block on an ID number that was looked up too often (error 2222). Country, ID type and ID number as for the lookup. ${NO_JOB_NOTE}`,
	},
	{
		resource: 'document',
		operation: 'verify',
		billed: true,
		text: `Check that an ID document is genuine and belongs to the person in the selfie (Document Verification). Country is a two-letter ISO code; the ID type is the document type (e.g. PASSPORT, DRIVERS_LICENSE); images are web addresses or base64 JPEG text, as configured. ${ANSWER}`,
	},
	{
		resource: 'document',
		operation: 'verifyWithAuthority',
		billed: true,
		text: `Document Verification plus a check of the document's details with the issuing authority (Enhanced Document Verification). Country is a two-letter ISO code; images are web addresses or base64 JPEG text, as configured. ${ANSWER}`,
	},
	{
		resource: 'smartSelfie',
		operation: 'register',
		billed: true,
		text: `Enrol a new user with a selfie and liveness images, for later authentication. The user ID must not be enrolled yet. ${ANSWER}`,
	},
	{
		resource: 'smartSelfie',
		operation: 'authenticate',
		billed: true,
		text: `Check that a returning, enrolled user is the person in the selfie. ${ANSWER}`,
	},
	{
		resource: 'smartSelfie',
		operation: 'compare',
		billed: true,
		text: `Compare a selfie with a photo on file (e.g. an ID photo) and enrol the user in one step. ${ANSWER}`,
	},
	{
		resource: 'aml',
		operation: 'screen',
		billed: true,
		text: `Screen a person against sanctions, PEP and adverse-media lists (AML check). Full name is required; birth year (four digits) and nationalities (two-letter ISO codes) narrow the search. The answer says whether the person is listed and on which lists. ${ANSWER}`,
	},
	{
		resource: 'business',
		operation: 'verify',
		billed: true,
		text: `Verify a business with its country's business registry (KYB) and return the company record with its directors, beneficial owners and fiduciaries as lists. Country is a two-letter ISO code (NG, KE, ZA); search type is BUSINESS_REGISTRATION or TAX_INFORMATION (Nigeria only); the registration number is checked against the country's format before anything is sent (Nigeria: the number without RC). ${ANSWER}`,
	},
	{
		resource: 'phoneNumber',
		operation: 'verify',
		billed: true,
		text: `Check with the mobile operator that a phone number belongs to a person: names (and in Kenya and South Africa the ID number) are compared with the operator's record, field by field. Country is KE, NG, ZA, TZ or UG; the phone number is digits only as dialled in the country (no + or country code) and is checked against the country's format before anything is sent. ${ANSWER}`,
	},
	{
		resource: 'address',
		operation: 'verify',
		billed: true,
		text: `Verify a person's home address (Digital Address Verification, NG or ZA): full name, address and, in South Africa, the 13-digit national ID number or, in Nigeria, the utility number on their bill. The result always arrives later by callback; this call answers that the job was submitted, and Job Status reads its result. ${ANSWER}`,
	},
	{
		resource: 'job',
		operation: 'getStatus',
		billed: false,
		text: `Get the current or final result of a Smile ID job by its user ID and job ID (the userId and jobId of an earlier answer). Use it to follow a pending job instead of running the verification again. ${ANSWER} ${FREE_NOTE}`,
	},
	{
		resource: 'link',
		operation: 'create',
		billed: false,
		text: `Create a hosted verification link to send to a customer, who completes the verification on Smile ID's page; the result arrives later by callback. The answer has the link (its URL) and its reference (refId). Creating the link creates no job; each verification a customer completes through it is billed.`,
	},
	{
		resource: 'link',
		operation: 'get',
		billed: false,
		text: `Get one verification link by its reference (refId): its state, expiry and ID types. ${NO_JOB_NOTE}`,
	},
	{
		resource: 'link',
		operation: 'getAll',
		billed: false,
		text: `List verification links. ${NO_JOB_NOTE}`,
	},
	{
		resource: 'link',
		operation: 'update',
		billed: false,
		text: `Disable or enable a verification link by its reference (refId), or change its expiry or ID types. ${NO_JOB_NOTE}`,
	},
	{
		resource: 'callback',
		operation: 'verify',
		billed: false,
		text: `Check the signature of a Smile ID result callback (body and headers as received) and return the result it carries, or refuse a forged or stale one. It is checked in n8n: nothing is sent to Smile ID.`,
	},
];

/** The Tool Description a model gets for an operation: what it does, then what it costs. */
export function toolDescriptionOf(resource: string, operation: string): string | undefined {
	const found = TOOL_OPERATIONS.find((t) => t.resource === resource && t.operation === operation);
	if (!found) return undefined;
	return found.billed ? `${found.text} ${REPEAT_NOTE}` : found.text;
}

const inToolOf = (t: ToolOperation) => ({
	show: { '@tool': [true], resource: [t.resource], operation: [t.operation] },
});

export const toolProperties: INodeProperties[] = [
	...TOOL_OPERATIONS.map(
		(t): INodeProperties => ({
			displayName: 'Tool Description',
			name: TOOL_DESCRIPTION,
			type: 'string',
			default: toolDescriptionOf(t.resource, t.operation),
			typeOptions: { rows: 4 },
			displayOptions: inToolOf(t),
			description:
				'What the AI model reads about this tool to decide when and how to call it. The default says what the operation does, what it costs and what a repeated call returns.',
		}),
	),
	...TOOL_OPERATIONS.filter((t) => t.billed).map(
		(t): INodeProperties => ({
			displayName: 'Repeat Window (Hours)',
			name: REPEAT_WINDOW,
			type: 'number',
			default: DEFAULT_REPEAT_WINDOW_HOURS,
			typeOptions: { minValue: 1, maxValue: 8760 },
			displayOptions: inToolOf(t),
			description:
				"With Job ID empty, the job ID is made from the call's arguments and this window (counted in UTC; 24 is the calendar day): a model repeating the same call within it gets the first result from Job Status (free) instead of a second paid job",
		}),
	),
	{
		displayName: 'Include Raw Answer',
		name: INCLUDE_RAW,
		type: 'boolean',
		default: false,
		displayOptions: { show: { '@tool': [true] } },
		description:
			"Whether the tool answer carries Smile ID's full answer (raw) next to the summary. Off keeps the answer small for the model. Images are never included.",
	},
];
