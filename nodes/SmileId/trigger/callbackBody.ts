export const MAX_CALLBACK_BYTES = 1.5 * 1024 * 1024;

export interface RawBodyRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

export type ParsedCallback = { ok: true; body: unknown } | { ok: false; message: string };

/**
 * Reads the callback's JSON from the raw request. Falls back to n8n's parsed body where an
 * n8n version does not expose the raw one.
 */
export async function readCallbackBody(
	request: RawBodyRequest,
	parsedBody: () => unknown,
): Promise<ParsedCallback> {
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	const raw = request.rawBody;
	if (raw === undefined || !Buffer.isBuffer(raw)) {
		const body = parsedBody();
		if (JSON.stringify(body ?? null).length > MAX_CALLBACK_BYTES) {
			return { ok: false, message: 'The callback body is larger than 1.5 MB' };
		}
		return { ok: true, body };
	}
	if (raw.length > MAX_CALLBACK_BYTES) {
		return { ok: false, message: 'The callback body is larger than 1.5 MB' };
	}
	try {
		return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown };
	} catch {
		return { ok: false, message: 'The callback body is not valid JSON' };
	}
}
