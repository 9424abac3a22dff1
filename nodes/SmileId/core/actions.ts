/**
 * Explains a result's Actions with the catalogue in actionTable.ts, so an operations user can
 * route on which checks failed or wait for review. Whatever Smile ID sends is kept: an action
 * or value the catalogue does not know reads as `unknown`, never as an error.
 */
import { ACTIONS, ACTION_VALUES, type ActionValue, type CheckStatus } from './actionTable';

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

// The docs spell some values in more than one case ("Unable to Determine", "Unable To Determine").
const VALUE_BY_TEXT = new Map<string, ActionValue>(
	(Object.keys(ACTION_VALUES) as ActionValue[]).map((v) => [normaliseValueText(v), v]),
);

function actionEntry(action: string): { check: string } | undefined {
	return Object.prototype.hasOwnProperty.call(ACTIONS, action)
		? ACTIONS[action as keyof typeof ACTIONS]
		: undefined;
}

function valueText(value: unknown): string {
	if (typeof value === 'string') return value;
	return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One action explained: what was checked, and what its value means. */
export function explainAction(action: string, value: unknown): ActionCheck {
	const text = valueText(value);
	const entry = actionEntry(action);
	if (!entry) return { action, value: text, status: 'unknown', check: null, meaning: UNKNOWN_ACTION };
	const known = typeof value === 'string' ? VALUE_BY_TEXT.get(normaliseValueText(value)) : undefined;
	if (!known) {
		return { action, value: text, status: 'unknown', check: entry.check, meaning: UNKNOWN_VALUE };
	}
	const { status, meaning } = ACTION_VALUES[known];
	return { action, value: text, status, check: entry.check, meaning };
}

/** A result's Actions explained, with the names to route on. */
export function explainActions(actions: Record<string, unknown>): ActionChecks {
	const checks = Object.entries(actions)
		.map(([action, value]) => explainAction(action, value))
		.filter((c) => c.status !== 'not_applicable');
	const named = (status: CheckStatus) =>
		checks.filter((c) => c.status === status).map((c) => c.action);
	return {
		checks,
		failedChecks: named('failed'),
		pendingChecks: named('pending'),
		attentionChecks: named('attention'),
	};
}
