/**
 * What changes when an AI agent calls the node as a tool (through the AI Agent or the MCP
 * Server Trigger): a model may repeat a call, so a billed call without a job ID gets one
 * derived from its input, and the answer must fit in a model's context.
 */
import { createHash } from 'crypto';

import type { Product } from './resultCodes';

/** The repeat window's default: one UTC day. */
export const DEFAULT_REPEAT_WINDOW_HOURS = 24;

const HOUR_MS = 3_600_000;

/** Object keys sorted at every level, so equal inputs give equal text whatever their order. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The job ID of a tool call that left Job ID empty: the same input within the same window
 * gives the same ID, so Smile ID answers a repeat with "job already exists" (2215) instead of
 * billing a second job. Windows are counted from the Unix epoch, so the default window is
 * the UTC day.
 */
// assumption:tool-job-id-format
export function deriveToolJobId(input: unknown, windowHours: number, nowMs: number): string {
	const hours = Math.max(1, Math.floor(windowHours));
	const window = Math.floor(nowMs / (hours * HOUR_MS));
	const digest = createHash('sha256')
		.update(canonicalJson({ input, windowHours: hours, window }))
		.digest('hex');
	return `n8n-tool-${digest.slice(0, 40)}`;
}

const BASE64_CHARS = /^[A-Za-z0-9+/]+={0,2}$/;
/** Where a JPEG's or a PNG's base64 text starts. */
const IMAGE_START = /^(\/9j\/|iVBORw0KGgo)/;

/**
 * Base64 data a model cannot use and pays tokens for: an image of any size, or any other
 * unbroken base64 run of 128 characters or more (signatures and IDs are shorter).
 */
function isBase64Data(text: string): boolean {
	return BASE64_CHARS.test(text) && (text.length >= 128 || IMAGE_START.test(text));
}

/**
 * A tool answer for a model: without Smile ID's full answer (`raw`) unless asked for, and
 * with every base64 image replaced by a short note. The node's regular output is unchanged.
 */
export function compactForTool(
	json: Record<string, unknown>,
	includeRaw: boolean,
): Record<string, unknown> {
	const { raw, ...rest } = json;
	const kept = includeRaw && raw !== undefined ? { ...rest, raw } : rest;
	return omitBase64(kept) as Record<string, unknown>;
}

function omitBase64(value: unknown): unknown {
	if (typeof value === 'string') {
		const compact = value.replace(/[\r\n]+/g, '');
		return isBase64Data(compact)
			? `(base64 data of about ${Math.floor((compact.length * 3) / 4)} bytes left out of the tool answer)`
			: value;
	}
	if (Array.isArray(value)) return value.map(omitBase64);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, omitBase64(v)]),
		);
	}
	return value;
}

/**
 * Thrown when a billed tool call with a derived job ID meets "job already exists": the same
 * call ran before within the window. The router answers it with that job's status (free).
 */
export class RepeatedToolCall extends Error {
	constructor(
		readonly userId: string,
		readonly jobId: string,
		readonly product: Product,
	) {
		super(`Job ${jobId} of user ${userId} exists: this call repeats an earlier one`);
		this.name = 'RepeatedToolCall';
	}
}
