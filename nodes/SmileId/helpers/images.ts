import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ImageBytes } from '../core/imageBytes';
import { checkImage, ChunkedImageCheck, readJpegSize } from '../core/imageChecks';
import { downloadInChunks } from '../transport';

export type ImageSource = 'binary' | 'url' | 'base64';

export interface ImageReference {
	/** The field's label in the node panel, used in every message about it. */
	field: string;
	value: string;
}

/** Splits a list field: an expression may yield an array, a typed value is comma-separated. */
export function toList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v)) : String(value ?? '').split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function describeReference(source: ImageSource, reference: ImageReference): string {
	if (source === 'binary') return `binary property "${reference.value}"`;
	if (source === 'url') return `URL ${reference.value}`;
	return 'base64 text';
}

/**
 * Checks that no image is given twice before anything is read or sent: the same bytes as
 * selfie and liveness frame would make a spoof check meaningless.
 */
export function assertDistinctReferences(
	this: IExecuteFunctions,
	source: ImageSource,
	references: ImageReference[],
	itemIndex: number,
): void {
	const seen = new Map<string, string>();
	for (const reference of references) {
		const earlier = seen.get(reference.value);
		if (earlier !== undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`${reference.field} uses the same image as ${earlier} (${describeReference(source, reference)}). Give each image its own ${source === 'binary' ? 'binary property' : source === 'url' ? 'URL' : 'data'}.`,
				{ itemIndex },
			);
		}
		seen.set(reference.value, reference.field);
	}
}

export function assertReferencesPresent(
	this: IExecuteFunctions,
	source: ImageSource,
	references: ImageReference[],
	itemIndex: number,
): void {
	for (const reference of references) {
		if (reference.value !== '') continue;
		const hint =
			source === 'binary'
				? 'Enter the name of the binary property that holds it, e.g. "data".'
				: source === 'url'
					? 'Enter the image URL.'
					: 'Map the base64 text of the JPEG.';
		throw new NodeOperationError(this.getNode(), `${reference.field} is required. ${hint}`, {
			itemIndex,
		});
	}
	if (source === 'binary') {
		const binary = this.getInputData()[itemIndex]?.binary ?? {};
		for (const reference of references) {
			if (binary[reference.value] === undefined) {
				const available = Object.keys(binary);
				throw new NodeOperationError(
					this.getNode(),
					`${reference.field}: the input item has no binary property "${reference.value}". ${
						available.length
							? `It has: ${available.join(', ')}. Enter one of those.`
							: 'It has no binary data at all: read the file first (e.g. HTTP Request, Read/Write Files from Disk) or switch Image Source to URL or Base64.'
					}`,
					{ itemIndex },
				);
			}
		}
	}
	if (source === 'url') {
		for (const reference of references) {
			if (!/^https?:\/\/\S+$/i.test(reference.value)) {
				throw new NodeOperationError(
					this.getNode(),
					`${reference.field} must be an http(s) URL, got "${reference.value.slice(0, 80)}". Use a full address starting with https://.`,
					{ itemIndex },
				);
			}
		}
	}
	if (source === 'base64') {
		for (const reference of references) {
			const text = reference.value.replace(/^data:image\/[a-z]+;base64,/i, '').replace(/\s+/g, '');
			if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) {
				throw new NodeOperationError(
					this.getNode(),
					`${reference.field} is not valid base64 text. Map the base64 of the JPEG file (a data: URL prefix is fine).`,
					{ itemIndex },
				);
			}
		}
	}
}

/**
 * Reads one image through n8n's helpers, so filesystem and S3 binary modes work alike.
 * In-memory binary data and base64 input stay base64 until they are written into the upload.
 */
export async function readImage(
	this: IExecuteFunctions,
	source: ImageSource,
	reference: ImageReference,
	itemIndex: number,
): Promise<ImageBytes> {
	let image: ImageBytes;
	if (source === 'binary') {
		const binaryData = this.helpers.assertBinaryData(itemIndex, reference.value);
		const inMemory = binaryData.id ? undefined : ImageBytes.fromBase64(binaryData.data);
		image =
			inMemory ??
			ImageBytes.fromBytes(await this.helpers.getBinaryDataBuffer(itemIndex, reference.value));
	} else if (source === 'url') {
		return await downloadImage.call(this, reference, itemIndex);
	} else {
		const text = reference.value.replace(/^data:image\/[a-z]+;base64,/i, '').replace(/\s+/g, '');
		image = ImageBytes.fromBase64(text) ?? ImageBytes.fromBytes(Buffer.from(text, 'base64'));
	}
	const problem = checkImage(reference.field, image.head(3), image.byteLength);
	if (problem) throw new NodeOperationError(this.getNode(), problem.message, { itemIndex });
	return image;
}

/**
 * Downloads an image given by URL and checks it while it arrives: the chunks become the
 * zip's pieces as they are, and a file that is not a JPEG or larger than Smile ID accepts
 * stops the download early with the same message as any other image.
 */
async function downloadImage(
	this: IExecuteFunctions,
	reference: ImageReference,
	itemIndex: number,
): Promise<ImageBytes> {
	const check = new ChunkedImageCheck(reference.field);
	const chunks: Buffer[] = [];
	const status = await downloadInChunks.call(this, reference.value, {
		announce: (byteLength) => check.announce(byteLength),
		add: (chunk) => {
			chunks.push(chunk);
			return check.add(chunk);
		},
	});
	if (status < 200 || status >= 300) {
		throw new NodeOperationError(
			this.getNode(),
			`${reference.field}: ${reference.value.split('?')[0].slice(0, 200)} answered HTTP ${status} instead of the image. Check that the URL opens the JPEG file itself, without a login.`,
			{ itemIndex },
		);
	}
	const problem = check.finish();
	if (problem) throw new NodeOperationError(this.getNode(), problem.message, { itemIndex });
	return ImageBytes.fromChunks(chunks);
}

// The frame header follows the metadata segments (EXIF, XMP, ICC), which rarely pass 256 KB.
const JPEG_HEADER_BYTES = 256 * 1024;

/** The start of the image up to its JPEG frame header, for the size checks. */
export function jpegHeader(image: ImageBytes): Uint8Array {
	const head = image.head(JPEG_HEADER_BYTES);
	if (readJpegSize(head) !== undefined || head.length === image.byteLength) return head;
	return image.toBytes();
}
