// postal-mime joins each decoded part through a Blob (new Blob(chunks).arrayBuffer()). Node's Blob
// copies the chunks into native storage and reads them back through an async stream, which is
// about a third of the parse time of ordinary mail. In the parser worker, where nothing else uses
// Blob, this in-memory stand-in takes its place (installFastBlob in parse-worker.ts): the same
// bytes, one copy, no stream.

type BlobPart = ArrayBuffer | ArrayBufferView | string;

function view(part: BlobPart): Uint8Array {
  if (typeof part === 'string') return Buffer.from(part, 'utf8');
  if (part instanceof ArrayBuffer) return new Uint8Array(part);
  return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
}

/** The part of the Blob interface postal-mime uses: construction, size, type, arrayBuffer(). */
export class FastBlob {
  readonly type: string;
  readonly #bytes: Uint8Array;

  constructor(parts: readonly BlobPart[] = [], options: { type?: string } = {}) {
    this.#bytes = Buffer.concat(parts.map(view));
    this.type = (options.type ?? '').toLowerCase();
  }

  get size(): number {
    return this.#bytes.byteLength;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    // A copy, as a real Blob gives: the caller may keep or transfer it.
    return Promise.resolve(new Uint8Array(this.#bytes).buffer);
  }
}

/** Replaces the global Blob of the current thread. Only for the parser worker. */
export function installFastBlob(): void {
  (globalThis as { Blob: unknown }).Blob = FastBlob;
}
