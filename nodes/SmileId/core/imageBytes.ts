/**
 * An image's bytes as they were given: decoded, or as base64 text that is decoded only when
 * the upload is built. n8n keeps in-memory binary data as base64, so the images are held
 * decoded only once, and only while they are sent.
 */
export class ImageBytes {
	private constructor(
		private readonly decoded: Buffer | undefined,
		private readonly base64: string | undefined,
		readonly byteLength: number,
	) {}

	static fromBytes(data: Uint8Array): ImageBytes {
		const buffer = Buffer.isBuffer(data)
			? data
			: Buffer.from(data.buffer, data.byteOffset, data.byteLength);
		return new ImageBytes(buffer, undefined, buffer.length);
	}

	/**
	 * Base64 as n8n writes it: padded, no line breaks. Anything else is refused (undefined),
	 * because its decoded length cannot be known without decoding it.
	 */
	static fromBase64(text: string): ImageBytes | undefined {
		if (text.length % 4 !== 0) return undefined;
		const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
		return new ImageBytes(undefined, text, (text.length / 4) * 3 - padding);
	}

	/** The first bytes, enough to check the type and read the JPEG header. */
	head(count: number): Buffer {
		if (this.decoded) return this.decoded.subarray(0, count);
		const characters = Math.ceil(Math.min(count, this.byteLength) / 3) * 4;
		return Buffer.from((this.base64 ?? '').slice(0, characters), 'base64').subarray(0, count);
	}

	/** The decoded bytes; shorter than byteLength when the base64 text was not valid. */
	toBytes(): Buffer {
		return this.decoded ?? Buffer.from(this.base64 ?? '', 'base64');
	}

	toBase64(): string {
		return this.base64 ?? (this.decoded ?? Buffer.alloc(0)).toString('base64');
	}
}
