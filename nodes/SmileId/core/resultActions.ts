/**
 * Explains a result's Actions with the catalogue in resultActionTable.ts, so an operations user can
 * route on which checks failed or wait for review. Whatever Smile ID sends is kept: an action
 * or value the catalogue does not know reads as `unknown`, never as an error.
 */
import { ACTIONS, ACTION_VALUES, type ActionValue, type CheckStatus } from './resultActionTable';

export interface ActionCheck {
	/** The action's name as Smile ID sent it, e.g. `Liveness_Check`. */
	action: string;
	/** The value as Smile ID sent it, e.g. `Passed`. */
	value: string;
	status: CheckStatus;
	/** What Smile ID checked; null for an action the catalogue does not describe. */
	check: string | null;
	/** What the value says about the check. */
	meaning: string;
}

export interface ActionChecks {
	/** Every action that applied to the job, in Smile ID's order (`Not Applicable` ones left out). */
	checks: ActionCheck[];
	/** Names of the actions that did not pass. */
	failedChecks: string[];
	/** Names of the actions Smile ID's reviewers have yet to decide. */
	pendingChecks: string[];
	/** Names of the actions a person on your side should look at (partial match, AML match). */
	attentionChecks: string[];
}

const UNKNOWN_ACTION =
	"Not in this package's catalogue of Smile ID actions: read the value as Smile ID sent it.";
const UNKNOWN_VALUE =
	"A value not in this package's catalogue of Smile ID actions: read it as Smile ID sent it.";

function normaliseValueText(text: string): string {
	return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

// Read for every action of every result the trigger accepts: by the value as sent, then, since
// the docs spell some values in more than one case ("Unable to Determine"), case-insensitively.
const VALUE_BY_TEXT = new Map<string, ActionValue>();
for (const v of Object.keys(ACTION_VALUES) as ActionValue[]) {
	VALUE_BY_TEXT.set(v, v);
	VALUE_BY_TEXT.set(normaliseValueText(v), v);
}

const ACTION_BY_NAME = new Map<string, { check: string }>(Object.entries(ACTIONS));

function knownValue(text: string): ActionValue | undefined {
	return VALUE_BY_TEXT.get(text) ?? VALUE_BY_TEXT.get(normaliseValueText(text));
}

function valueText(value: unknown): string {
	if (typeof value === 'string') return value;
	return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One action explained: what was checked, and what its value means. */
export function explainAction(action: string, value: unknown): ActionCheck {
	const text = valueText(value);
	const entry = ACTION_BY_NAME.get(action);
	if (!entry) return { action, value: text, status: 'unknown', check: null, meaning: UNKNOWN_ACTION };
	const known = typeof value === 'string' ? knownValue(value) : undefined;
	if (!known) {
		return { action, value: text, status: 'unknown', check: entry.check, meaning: UNKNOWN_VALUE };
	}
	const { status, meaning } = ACTION_VALUES[known];
	return { action, value: text, status, check: entry.check, meaning };
}

/** A result's Actions explained, with the names to route on. */
export function explainActions(actions: Record<string, unknown>): ActionChecks {
	const explained: ActionChecks = {
		checks: [],
		failedChecks: [],
		pendingChecks: [],
		attentionChecks: [],
	};
	const listFor: Partial<Record<CheckStatus, string[]>> = {
		failed: explained.failedChecks,
		pending: explained.pendingChecks,
		attention: explained.attentionChecks,
	};
	for (const action of Object.keys(actions)) {
		const check = explainAction(action, actions[action]);
		if (check.status === 'not_applicable') continue;
		explained.checks.push(check);
		listFor[check.status]?.push(action);
	}
	return explained;
}
