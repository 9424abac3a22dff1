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
	if (byteLength > MAX_IMAGE_BYTES) {
		return {
			field,
			message: `${field} is ${byteLength} bytes; Smile ID accepts at most 10 MB (${MAX_IMAGE_BYTES} bytes) per image. Resize or recompress it.`,
		};
	}
	return undefined;
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
