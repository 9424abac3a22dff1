/**
 * The AML check (job 10): its inputs checked before anything is sent, its request body, and
 * Smile ID's answer, read by the AML operation and by the result's outcome in result.ts.
 */
import { JobType, SOURCE_SDK, SOURCE_SDK_VERSION } from './jobPayload';
import type { InputProblem } from './validation';

export interface AmlScreening {
	/** Smile ID found the person on a sanctions, PEP or adverse-media list. */
	listed: boolean;
	personsFound: number;
	matches: unknown[];
}

/** Reads an AML answer: `Actions.Listed`, `no_of_persons_found` and `people`. */
// assumption:aml-answer
export function readAmlScreening(answer: Record<string, unknown>): AmlScreening {
	const actions =
		typeof answer.Actions === 'object' && answer.Actions !== null
			? (answer.Actions as Record<string, unknown>)
			: {};
	const matches = Array.isArray(answer.people) ? answer.people : [];
	const count = Number(answer.no_of_persons_found ?? matches.length);
	const personsFound = Number.isFinite(count) ? count : matches.length;
	const listedAction = String(actions.Listed ?? '').toLowerCase();
	return {
		// A value other than the two the docs show counts the persons found: a match is reviewed.
		listed: listedAction === 'listed' || (listedAction !== 'not listed' && personsFound > 0),
		personsFound,
		matches,
	};
}

export interface AmlInput {
	fullName: string;
	birthYear: string;
	countries: string[];
	searchExistingUser: boolean;
	strictMatch: boolean;
}

/** AML's inputs: a name, a plausible birth year and ISO nationalities. */
export function checkAmlInput(input: AmlInput, currentYear: number): InputProblem | undefined {
	if (input.fullName === '' && !input.searchExistingUser) {
		return {
			field: 'Full Name',
			message:
				"Full Name is required: the person's name as on their ID, e.g. John Leo Doe (or turn on Search Existing User to reuse the name of an earlier job for this user ID).",
		};
	}
	if (input.birthYear !== '') {
		const year = Number(input.birthYear);
		if (!/^\d{4}$/.test(input.birthYear) || year < 1900 || year > currentYear) {
			return {
				field: 'Birth Year',
				message: `Birth Year must be a four-digit year between 1900 and ${currentYear}, e.g. 1984; got "${input.birthYear}".`,
			};
		}
	}
	if (input.countries.length === 0 && !input.searchExistingUser) {
		return {
			field: 'Nationalities',
			message:
				"Nationalities: give at least one two-letter ISO 3166 country code of the person's nationality, e.g. NG or NG, KE.",
		};
	}
	const bad = input.countries.find((c) => !/^[A-Z]{2}$/.test(c));
	if (bad !== undefined) {
		return {
			field: 'Nationalities',
			message: `Nationalities must be two-letter ISO 3166 country codes separated by commas, e.g. NG, KE; got "${bad}".`,
		};
	}
	return undefined;
}

/** The AML body before signing (docs' AML page), with partner_params for the callback's shape. */
export function buildAmlBody(
	input: AmlInput,
	partnerParams: Record<string, string | number>,
): Record<string, unknown> {
	const body: Record<string, unknown> = {
		source_sdk: SOURCE_SDK,
		source_sdk_version: SOURCE_SDK_VERSION,
		job_type: JobType.AmlCheck,
		job_id: partnerParams.job_id,
		user_id: partnerParams.user_id,
		partner_params: { ...partnerParams, job_type: JobType.AmlCheck },
		full_name: input.fullName,
		countries: input.countries,
		search_existing_user: input.searchExistingUser,
	};
	if (input.birthYear !== '') body.birth_year = input.birthYear;
	if (input.strictMatch) body.strict_match = true;
	return body;
}
