const LF = 0x0a;
const CR = 0x0d;

export class LineTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`A line from the server was longer than ${limit} bytes`);
  }
}

/**
 * Splits incoming bytes into lines. Lines stay bytes: message content (RETR, TOP) is not
 * necessarily UTF-8 and must reach the MIME parser unchanged. A line ends at LF; a CR before it
 * is dropped (servers that end lines with bare LF exist). Status lines are read as lines; the
 * bodies of multi-line replies are taken raw (peek, skip) by MultilineScanner.
 */
export class LineReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Where the search for LF resumes, so a long line arriving in pieces is scanned once. */
  private scanned = 0;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete line without its line end, or null until more bytes arrive. */
  next(): Buffer | null {
    const end = this.buffer.indexOf(LF, this.scanned);
    if (end < 0) {
      this.scanned = this.buffer.length;
      if (this.buffer.length > this.maxLineBytes) throw new LineTooLongError(this.maxLineBytes);
      return null;
    }
    if (end > this.maxLineBytes) throw new LineTooLongError(this.maxLineBytes);
    const contentEnd = end > 0 && this.buffer[end - 1] === CR ? end - 1 : end;
    const line = this.buffer.subarray(0, contentEnd);
    this.buffer = this.buffer.subarray(end + 1);
    this.scanned = 0;
    return line;
  }

  /** All bytes received and not yet consumed, for a reader of raw bytes (MultilineScanner). */
  peek(): Buffer {
    return this.buffer;
  }

  /** Consumes the first `count` bytes of what peek() returned. */
  skip(count: number): void {
    this.buffer = this.buffer.subarray(count);
    this.scanned = 0;
  }

  /** Bytes received but not yet returned as lines (for the STLS plaintext-injection check). */
  get bufferedBytes(): number {
    return this.buffer.length;
  }
}
