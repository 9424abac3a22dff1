import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { lookupResultCode, type Product } from '../core/resultCodes';
import type { ZipPieces } from '../core/zip';

import { PieceStream } from './pieceStream';

export type SmileIdContext = IExecuteFunctions | IWebhookFunctions;

export const CREDENTIAL_NAME = 'smileIdApi';
const DEFAULT_TIMEOUT_MS = 30_000;

export interface SmileIdResponse {
	statusCode: number;
	body: IDataObject;
}

/**
 * The only way the nodes talk to the Smile ID API: signed by the credential, never throws
 * on HTTP status so the caller can read Smile ID's own code from the body.
 */
export async function smileIdApiRequest(
	this: SmileIdContext,
	method: IHttpRequestMethods,
	path: string,
	body: IDataObject | Buffer,
	options: { headers?: IDataObject; timeoutMs?: number; qs?: IDataObject } = {},
): Promise<SmileIdResponse> {
	const request: IHttpRequestOptions = {
		method,
		url: path,
		body,
		...(options.qs ? { qs: options.qs } : {}),
		headers: options.headers,
		json: !Buffer.isBuffer(body),
		timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		CREDENTIAL_NAME,
		request,
	)) as { statusCode: number; body: unknown };
	return { statusCode: response.statusCode, body: parseResponseBody(response.body) };
}

function parseResponseBody(body: unknown): IDataObject {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (typeof parsed === 'object' && parsed !== null) return parsed as IDataObject;
		} catch {
			return { unparsedBody: body.slice(0, 500) };
		}
		return { unparsedBody: body.slice(0, 500) };
	}
	return typeof body === 'object' && body !== null ? (body as IDataObject) : {};
}

/**
 * PUT to the presigned upload URL: unsigned, since the URL itself carries the permission.
 * The zip goes out piece by piece, never joined into one buffer; the presigned URL needs the
 * exact Content-Length.
 */
export async function uploadZip(
	this: SmileIdContext,
	uploadUrl: string,
	zip: ZipPieces,
	timeoutMs = 120_000,
): Promise<number> {
	const response = (await this.helpers.httpRequest({
		method: 'PUT',
		url: uploadUrl,
		body: new PieceStream(zip.pieces),
		headers: { 'Content-Type': 'application/zip', 'Content-Length': zip.byteLength },
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	})) as { statusCode: number };
	return response.statusCode;
}

/** Where a download's body goes, chunk by chunk as it arrives. */
export interface ChunkReceiver {
	/** The Content-Length the server announced, before the first chunk. */
	announce(byteLength: number): void;
	/** The next chunk; false stops the download, and the rest of the body is not read. */
	add(chunk: Buffer): boolean;
}

/** The part of the response stream n8n's httpRequest returns for encoding 'stream' that is read here. */
interface ResponseStream {
	on(event: 'data', listener: (chunk: Buffer) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	destroy(): unknown;
}

/**
 * Downloads by URL (user-supplied images), unsigned, handing the body to receiver in the
 * chunks it arrives in: nothing is joined, so an image is in memory once. Resolves with the
 * HTTP status; the body of an answer other than 2xx is not read.
 */
export async function downloadInChunks(
	this: SmileIdContext,
	url: string,
	receiver: ChunkReceiver,
	timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<number> {
	const response = (await this.helpers.httpRequest({
		method: 'GET',
		url,
		// JPEGs do not compress: unencoded, the announced length is the image's own
		headers: { 'Accept-Encoding': 'identity' },
		encoding: 'stream',
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	})) as { statusCode: number; headers: IDataObject; body: ResponseStream };
	const { body, statusCode } = response;
	if (statusCode < 200 || statusCode >= 300) {
		body.destroy();
		return statusCode;
	}
	const announced = Number(response.headers?.['content-length']);
	if (response.headers?.['content-length'] !== undefined && Number.isSafeInteger(announced)) {
		receiver.announce(announced);
	}
	await new Promise<void>((resolve, reject) => {
		let settled = false;
		const settle = (error?: Error) => {
			if (settled) return;
			settled = true;
			if (error) reject(error);
			else resolve();
		};
		body.on('data', (chunk) => {
			if (settled || receiver.add(chunk)) return;
			settle();
			body.destroy();
		});
		body.on('end', () => settle());
		body.on('error', (error) => settle(error));
		body.on('close', () =>
			settle(new Error(`The download of ${url} ended before the whole image arrived`)),
		);
	});
	return statusCode;
}

/** Downloads a file by URL whole (Smile ID's signed image links, kept as binary data): unsigned. */
export async function downloadFile(
	this: SmileIdContext,
	url: string,
	timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ data: Buffer; contentType?: string }> {
	const response = (await this.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		timeout: timeoutMs,
		returnFullResponse: true,
		json: false,
	})) as { body: ArrayBuffer | Buffer; headers: IDataObject };
	const data = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
	const contentType = response.headers?.['content-type'];
	return { data, contentType: typeof contentType === 'string' ? contentType : undefined };
}

const TRANSIENT_CODES =
	/^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ECONNABORTED|EPIPE|EAI_AGAIN|ESOCKETTIMEDOUT|UND_ERR_SOCKET)$/;
const TRANSIENT_MESSAGES =
	/socket hang up|timeout|timed out|network|connection (?:to the server )?was (?:closed|aborted)|closed unexpectedly/i;

export interface ErrorShape {
	code?: unknown;
	httpCode?: unknown;
	message?: unknown;
	cause?: ErrorShape;
}

/**
 * Network failures worth repeating. n8n wraps them in its own NodeApiError, and some n8n
 * versions keep the socket code only in `httpCode` or drop the cause, so every place is read.
 */
export function isTransientFailure(error: unknown): boolean {
	for (let e = error as ErrorShape | undefined, depth = 0; e && depth < 4; e = e.cause, depth++) {
		for (const code of [e.code, e.httpCode]) {
			if (typeof code === 'string' && TRANSIENT_CODES.test(code)) return true;
		}
		if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
	}
	return false;
}

/**
 * A Smile ID error answer as an n8n error that says what happened and what to do; `advice`
 * follows the code's own.
 */
export function smileIdError(
	this: SmileIdContext,
	response: SmileIdResponse,
	action: string,
	product: Product,
	itemIndex?: number,
	advice = '',
): NodeApiError {
	// assumption:error-answer-fields
	const code = String(response.body.code ?? response.body.ResultCode ?? '');
	const entry = code ? lookupResultCode(code, product) : undefined;
	const serverText = String(response.body.error ?? response.body.message ?? '');
	const what = entry?.text ?? (serverText || `HTTP ${response.statusCode}`);
	const hint = entry?.remedy ?? entry?.description ?? '';
	const message = `${action} failed: ${what}${code ? ` (Smile ID code ${code})` : ''}`;
	return new NodeApiError(
		this.getNode(),
		{ code, error: serverText, statusCode: response.statusCode } as JsonObject,
		{
			message,
			description: [
				serverText && serverText !== what ? `Smile ID said: "${serverText}".` : '',
				hint,
				advice,
			]
				.filter(Boolean)
				.join(' '),
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

export interface SigningSecrets {
	apiKey: string;
	partnerId: string;
}

/** The API key and partner ID that sign requests and check the signatures of answers and callbacks. */
export async function getSigningSecrets(this: SmileIdContext): Promise<SigningSecrets> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	return {
		apiKey: String(credentials.apiKey ?? ''),
		partnerId: String(credentials.partnerId ?? ''),
	};
}
