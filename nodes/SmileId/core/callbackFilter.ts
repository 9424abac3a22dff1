import type { NormalizedResult } from './result';

/** Which results start the workflow; an empty list lets every value through. */
export interface CallbackFilters {
	jobTypes: string[];
	outcomes: string[];
	finalOnly: boolean;
}

export function passesFilters(
	result: Pick<NormalizedResult, 'jobType' | 'outcome' | 'isFinal'>,
	filters: CallbackFilters,
): boolean {
	if (filters.jobTypes.length > 0 && !filters.jobTypes.includes(String(result.jobType))) {
		return false;
	}
	if (filters.outcomes.length > 0 && !filters.outcomes.includes(result.outcome)) return false;
	return !filters.finalOnly || result.isFinal;
}
