import { JOB_TYPE_NAMES } from './jobPayload';
import type { NormalizedResult } from './result';
import type { Product } from './resultCodes';

/** Which results start the workflow; an empty list lets every value through. */
export interface CallbackFilters {
	/** Job type numbers as text, and `product:<product>` for products whose results carry none. */
	jobTypes: string[];
	outcomes: string[];
	finalOnly: boolean;
}

const PRODUCT_PREFIX = 'product:';

/**
 * Phone and address results carry no job type (assumption:result-type-products): the Job
 * Types filter selects them by the product read from their ResultType.
 */
const PRODUCTS_WITHOUT_JOB_TYPE: Partial<Record<Product, string>> = {
	phone_verification: 'Phone Number Verification',
	address_verification: 'Address Verification',
};

/** The Job Types filter's entries: every job type, then the products without one. */
export const JOB_TYPE_FILTER_OPTIONS: Array<{ name: string; value: string }> = [
	...Object.entries(JOB_TYPE_NAMES).map(([value, name]) => ({ name: `${name} (${value})`, value })),
	...Object.entries(PRODUCTS_WITHOUT_JOB_TYPE).map(([product, name]) => ({
		name: `${name} (No Job Type)`,
		value: `${PRODUCT_PREFIX}${product}`,
	})),
].sort((a, b) => a.name.localeCompare(b.name));

function matchesJobType(result: Pick<NormalizedResult, 'jobType' | 'product'>, entry: string) {
	return entry.startsWith(PRODUCT_PREFIX)
		? result.product === entry.slice(PRODUCT_PREFIX.length)
		: result.jobType !== null && result.jobType !== undefined && String(result.jobType) === entry;
}

export function passesFilters(
	result: Pick<NormalizedResult, 'jobType' | 'product' | 'outcome' | 'isFinal'>,
	filters: CallbackFilters,
): boolean {
	if (
		filters.jobTypes.length > 0 &&
		!filters.jobTypes.some((entry) => matchesJobType(result, entry))
	) {
		return false;
	}
	if (filters.outcomes.length > 0 && !filters.outcomes.includes(result.outcome)) return false;
	return !filters.finalOnly || result.isFinal;
}
