/**
 * Reads Smile ID's AML answer (the request is built in idLookup.ts): read by the AML
 * operation and by the result's outcome in result.ts.
 */

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
