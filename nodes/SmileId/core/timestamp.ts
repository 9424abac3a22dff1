/**
 * Reads the instant in a signed timestamp, for the freshness check only (the signature
 * covers the text, whatever its form). Read:
 * - ISO 8601 / RFC 3339 date and time, extended (`2024-05-01T10:00:00.123Z`) or basic
 *   (`20240501T100000Z`), separator `T`, `t` or a space, seconds optional, 0 to 9 fraction
 *   digits after `.` or `,`, zone `Z`, `±hh`, `±hhmm`, `±hh:mm`, `UTC` or `GMT`, optionally
 *   after one space; no zone means UTC (Smile ID's own examples and Python SDK:
 *   `2021-08-12T17:57:00.614879`);
 * - Ruby's `Time#to_s`, which is that with a space: `2024-05-01 10:00:00 +0000`;
 * - Unix time as 10 digits of seconds or 13 of milliseconds, with an optional fraction.
 * Anything else, and impossible dates such as 31 April, gives undefined.
 */

const EXTENDED =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const BASIC =
	/^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|z|UTC|GMT|[+-]\d{2}(?:\d{2})?)?$/;
const EPOCH_SECONDS = /^(\d{10})(?:\.(\d{1,9}))?$/;
const EPOCH_MILLISECONDS = /^(\d{13})(?:\.\d{1,9})?$/;

// setUTCFullYear, unlike Date.UTC, does not read years 0 to 99 as 1900 to 1999.
function utcDate(year: number, monthIndex: number, day: number): Date {
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	return date;
}

function daysInMonth(year: number, month: number): number {
	return utcDate(year, month, 0).getUTCDate();
}

function fractionMs(digits: string | undefined): number {
	return digits === undefined ? 0 : Number(digits.slice(0, 3).padEnd(3, '0'));
}

function offsetMinutes(zone: string | undefined): number | undefined {
	if (zone === undefined || zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') {
		return 0;
	}
	const hours = Number(zone.slice(1, 3));
	const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
	if (hours > 23 || minutes > 59) return undefined;
	return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function readDateTime(match: RegExpExecArray): number | undefined {
	const [, y, mo, d, h, mi, s, fraction, zone] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = s === undefined ? 0 : Number(s);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	const offset = offsetMinutes(zone);
	if (offset === undefined) return undefined;
	const date = utcDate(year, month - 1, day);
	date.setUTCHours(hour, minute, second, fractionMs(fraction));
	return date.getTime() - offset * 60_000;
}

// assumption:timestamp-forms
export function readTimestamp(text: string): number | undefined {
	const dateTime = EXTENDED.exec(text) ?? BASIC.exec(text);
	if (dateTime) return readDateTime(dateTime);
	const seconds = EPOCH_SECONDS.exec(text);
	if (seconds) return Number(seconds[1]) * 1000 + fractionMs(seconds[2]);
	const milliseconds = EPOCH_MILLISECONDS.exec(text);
	if (milliseconds) return Number(milliseconds[1]);
	return undefined;
}
