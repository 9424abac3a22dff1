export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MIN_DOCUMENT_BYTES = 600 * 1024;
export const MIN_ID_CARD_LONG_SIDE = 1500;
export const MIN_PASSPORT_LONG_SIDE = 2200;

export function isJpeg(data: Uint8Array): boolean {
	return data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

export interface ImageSize {
	width: number;
	height: number;
}

// Start-of-frame markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the
// range but are not frames.
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Reads width and height from the JPEG frame header without decoding the image. */
export function readJpegSize(data: Uint8Array): ImageSize | undefined {
	if (!isJpeg(data)) return undefined;
	let offset = 2;
	while (offset + 4 <= data.length) {
		if (data[offset] !== 0xff) return undefined;
		const marker = data[offset + 1];
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return undefined;
		const length = (data[offset + 2] << 8) | data[offset + 3];
		if (length < 2) return undefined;
		if (isStartOfFrame(marker)) {
			if (offset + 9 > data.length) return undefined;
			const height = (data[offset + 5] << 8) | data[offset + 6];
			const width = (data[offset + 7] << 8) | data[offset + 8];
			return { width, height };
		}
		offset += 2 + length;
	}
	return undefined;
}

export interface ImageProblem {
	field: string;
	message: string;
}

/**
 * Hard rules: a failure here means Smile ID would reject the job, so nothing is sent.
 * data may be just the first bytes of an image that is byteLength long.
 */
export function checkImage(
	field: string,
	data: Uint8Array,
	byteLength = data.length,
): ImageProblem | undefined {
	if (byteLength === 0) {
		return { field, message: `${field} is empty. Provide a JPEG image.` };
	}
	if (!isJpeg(data)) {
		return {
			field,
			message: `${field} is not a JPEG image. Smile ID accepts only JPEG (.jpg): convert the image, e.g. with n8n's Edit Image node, and try again.`,
		};
	}
	if (byteLength > MAX_IMAGE_BYTES) return tooLarge(field, `${byteLength} bytes`);
	return undefined;
}

function tooLarge(field: string, size: string): ImageProblem {
	return {
		field,
		message: `${field} is ${size}; Smile ID accepts at most 10 MB (${MAX_IMAGE_BYTES} bytes) per image. Resize or recompress it.`,
	};
}

const SIGNATURE_BYTES = 3;

/**
 * checkImage's rules for an image that arrives in chunks (a download), so that it never has
 * to be joined, and a download that breaks a rule can stop early: after its first bytes
 * when they are not a JPEG or the announced length is too large, or as soon as more than
 * 10 MB have arrived. The format is judged first, as checkImage does.
 */
export class ChunkedImageCheck {
	private readonly signature = new Uint8Array(SIGNATURE_BYTES);
	private signatureLength = 0;
	private received = 0;
	private announced: number | undefined;
	private problem: ImageProblem | undefined;

	constructor(private readonly field: string) {}

	/** The length the sender announced (Content-Length), before the first chunk. */
	announce(byteLength: number): void {
		this.announced = byteLength;
	}

	/** Takes the next chunk; false once the image breaks a rule, so the rest is not needed. */
	add(chunk: Uint8Array): boolean {
		if (this.problem) return false;
		const wanted = Math.min(SIGNATURE_BYTES - this.signatureLength, chunk.length);
		this.signature.set(chunk.subarray(0, wanted), this.signatureLength);
		this.signatureLength += wanted;
		this.received += chunk.length;
		if (wanted > 0 && this.signatureLength === SIGNATURE_BYTES) {
			// the first bytes are in: the format, then the announced length
			this.problem = checkImage(this.field, this.signature, this.announced ?? this.received);
		}
		if (!this.problem && this.received > MAX_IMAGE_BYTES) {
			this.problem = tooLarge(this.field, 'larger than 10 MB');
		}
		return this.problem === undefined;
	}

	/** After the last chunk (or a stop): what checkImage says about the image, if anything. */
	finish(): ImageProblem | undefined {
		return (
			this.problem ??
			checkImage(this.field, this.signature.subarray(0, this.signatureLength), this.received)
		);
	}
}

/**
 * The documented minimums for document images. They are advice, not rules Smile ID
 * enforces at upload, so they become warnings on the output. data may be the first bytes
 * of an image that is byteLength long, as long as they include the JPEG frame header.
 */
export function documentImageWarnings(
	field: string,
	data: Uint8Array,
	isPassport: boolean,
	byteLength = data.length,
): string[] {
	const warnings: string[] = [];
	if (byteLength < MIN_DOCUMENT_BYTES) {
		warnings.push(
			`${field} is ${byteLength} bytes; Smile ID asks for document images of at least 600 KB (${MIN_DOCUMENT_BYTES} bytes) for a reliable authenticity check.`,
		);
	}
	const size = readJpegSize(data);
	const minimum = isPassport ? MIN_PASSPORT_LONG_SIDE : MIN_ID_CARD_LONG_SIDE;
	if (size === undefined) {
		warnings.push(`${field}: the image size could not be read from the JPEG header.`);
	} else if (Math.max(size.width, size.height) < minimum) {
		warnings.push(
			`${field} is ${size.width}×${size.height} px; Smile ID asks for at least ${minimum} px on the longer side of ${isPassport ? 'a passport' : 'an ID card'}.`,
		);
	}
	return warnings;
}
