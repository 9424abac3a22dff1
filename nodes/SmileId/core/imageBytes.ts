/**
 * An image's bytes as they were given: decoded (one buffer, or the chunks a download
 * arrived in), or as base64 text that is decoded only when the upload is built. n8n keeps
 * in-memory binary data as base64, so the images are held decoded only once, and only while
 * they are sent.
 */
export class ImageBytes {
	private constructor(
		private readonly chunks: readonly Buffer[] | undefined,
		private readonly base64: string | undefined,
		readonly byteLength: number,
	) {}

	static fromBytes(data: Uint8Array): ImageBytes {
		return ImageBytes.fromChunks([data]);
	}

	/** The chunks are kept as they are, in order, and never joined unless toBytes is asked for. */
	static fromChunks(chunks: readonly Uint8Array[]): ImageBytes {
		const buffers = chunks.map((chunk) =>
			Buffer.isBuffer(chunk)
				? chunk
				: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
		);
		return new ImageBytes(
			buffers,
			undefined,
			buffers.reduce((sum, chunk) => sum + chunk.length, 0),
		);
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
		if (this.chunks) {
			const [first = Buffer.alloc(0)] = this.chunks;
			if (first.length >= count || this.chunks.length === 1) return first.subarray(0, count);
			return Buffer.concat(this.chunks, Math.min(count, this.byteLength));
		}
		const characters = Math.ceil(Math.min(count, this.byteLength) / 3) * 4;
		return Buffer.from((this.base64 ?? '').slice(0, characters), 'base64').subarray(0, count);
	}

	/**
	 * The decoded bytes as a list of buffers, without joining them: what the zip sends. Their
	 * total is shorter than byteLength when the base64 text was not valid.
	 */
	toChunks(): readonly Buffer[] {
		return this.chunks ?? [Buffer.from(this.base64 ?? '', 'base64')];
	}

	/** The decoded bytes in one buffer (joined if they arrived in chunks). */
	toBytes(): Buffer {
		const chunks = this.toChunks();
		return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
	}

	toBase64(): string {
		return this.base64 ?? this.toBytes().toString('base64');
	}
}
