import { randomBytes } from 'crypto';

/** A text part as [field name, value]. */
export type MultipartTextField = [string, string];

export interface MultipartFileField {
	name: string;
	fileName: string;
	contentType: string;
	data: Uint8Array;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

const CRLF = '\r\n';

// Header values are quoted; a quote, CR or LF inside would end the header early and let a
// field value inject headers or parts of its own.
function quoteHeaderValue(value: string): string {
	if (/["\r\n]/.test(value)) {
		throw new Error(`Multipart name "${value}" must not contain quotes or line breaks`);
	}
	return `"${value}"`;
}

export function createMultipartBody(
	fields: MultipartTextField[],
	files: MultipartFileField[],
	boundary = `----SmileIdN8nBoundary${randomBytes(16).toString('hex')}`,
): MultipartBody {
	const chunks: Uint8Array[] = [];
	const delimiter = `--${boundary}${CRLF}`;
	for (const [name, value] of fields) {
		chunks.push(
			Buffer.from(
				`${delimiter}Content-Disposition: form-data; name=${quoteHeaderValue(name)}${CRLF}${CRLF}${value}${CRLF}`,
				'utf8',
			),
		);
	}
	for (const file of files) {
		chunks.push(
			Buffer.from(
				`${delimiter}Content-Disposition: form-data; name=${quoteHeaderValue(file.name)}; filename=${quoteHeaderValue(file.fileName)}${CRLF}Content-Type: ${file.contentType}${CRLF}${CRLF}`,
				'utf8',
			),
			file.data,
			Buffer.from(CRLF, 'latin1'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--${CRLF}`, 'latin1'));
	return {
		body: Buffer.concat(chunks),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
