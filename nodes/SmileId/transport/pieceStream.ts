type Listener = (...args: unknown[]) => void;

interface Destination {
	write(chunk: Uint8Array): boolean | undefined;
	end(): unknown;
	once(event: 'drain', listener: () => void): unknown;
}

/**
 * A request body that sends a list of buffers one after another, without joining them.
 * n8n's HTTP client (axios) streams any body with a pipe() method to the socket; community
 * nodes may not import node:stream, so this is the small part of a readable stream that
 * axios and stream.pipeline use: pipe() with backpressure, then 'end' and 'close'.
 * One instance is one send: a retry needs a new one.
 */
export class PieceStream {
	readonly readable = true;
	destroyed = false;
	private readonly listeners: Array<{ event: string; listener: Listener; once: boolean }> = [];

	constructor(private readonly pieces: readonly Uint8Array[]) {}

	on(event: string, listener: Listener): this {
		this.listeners.push({ event, listener, once: false });
		return this;
	}

	once(event: string, listener: Listener): this {
		this.listeners.push({ event, listener, once: true });
		return this;
	}

	removeListener(event: string, listener: Listener): this {
		const index = this.listeners.findIndex((l) => l.event === event && l.listener === listener);
		if (index >= 0) this.listeners.splice(index, 1);
		return this;
	}

	emit(event: string, ...args: unknown[]): boolean {
		const called = this.listeners.filter((l) => l.event === event);
		for (const l of called) if (l.once) this.removeListener(event, l.listener);
		for (const l of called) l.listener(...args);
		return called.length > 0;
	}

	/**
	 * Writes the pieces, waiting for 'drain' whenever the destination says it is full (false;
	 * follow-redirects' request returns nothing and buffers by reference). Starts after the
	 * caller has attached its listeners, as a readable stream does.
	 */
	pipe<T extends Destination>(destination: T, options: { end?: boolean } = {}): T {
		let next = 0;
		// Also runs from the destination's 'drain' event, where a throw would escape: a failed
		// write is reported as this stream's 'error', which axios turns into a failed request.
		const writeMore = (): void => {
			try {
				while (next < this.pieces.length) {
					if (this.destroyed) return;
					if (destination.write(this.pieces[next++]) === false) {
						destination.once('drain', writeMore);
						return;
					}
				}
				if (options.end !== false) destination.end();
			} catch (error) {
				this.emit('error', error);
				return;
			}
			this.destroyed = true;
			this.emit('end');
			this.emit('close');
		};
		void Promise.resolve().then(writeMore);
		return destination;
	}

	destroy(): this {
		if (!this.destroyed) {
			this.destroyed = true;
			this.emit('close');
		}
		return this;
	}
}
