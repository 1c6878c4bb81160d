const DOT = 0x2e;

export type StatusKind = 'ok' | 'err' | 'continue';

export interface StatusLine {
  kind: StatusKind;
  /** Text after the status indicator, e.g. "Dovecot ready." */
  text: string;
  /** RFC 2449 extended response code without brackets ("AUTH", "SYS/TEMP", "IN-USE"). */
  code: string | null;
  /** The whole line as received. */
  line: string;
}

/** Parses `+OK …`, `-ERR …` or a SASL continuation `+ …` (RFC 5034 §4); null when it is none of them. */
export function parseStatusLine(line: string): StatusLine | null {
  const match = /^(\+OK|-ERR|\+)(?: (.*))?$/i.exec(line);
  if (!match) return null;
  const indicator = (match[1] ?? '').toUpperCase();
  const text = match[2] ?? '';
  const kind: StatusKind = indicator === '+OK' ? 'ok' : indicator === '-ERR' ? 'err' : 'continue';
  const code = kind === 'continue' ? null : (/^\[([^\]]+)\]/.exec(text)?.[1] ?? null);
  return { kind, text, code, line };
}

const CRLF = Buffer.from('\r\n');

/**
 * Collects the body of a multi-line response (RFC 1939 §3): a line holding only "." ends it,
 * and a line starting with "." had that dot added by the server (byte-stuffing), so it is removed.
 * The content is kept as the pieces it arrived in and joined once, in body().
 */
export class MultilineCollector {
  private readonly pieces: Buffer[] = [];
  private bytes = 0;

  /**
   * @param maxBytes past this the connection cannot go on (the reply is refused mid-stream).
   * @param keepBytes past this, content is read but dropped: a RETR over its size cap then ends
   *   cleanly at its "." and the session stays usable for the next command.
   */
  constructor(
    private readonly maxBytes: number,
    private readonly keepBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Adds one line (without its line end); true when it was the terminating ".". */
  add(line: Buffer): boolean {
    if (line.length === 1 && line[0] === DOT) return true;
    this.append(line[0] === DOT ? line.subarray(1) : line);
    this.append(CRLF);
    return false;
  }

  /**
   * Adds content already unstuffed and with CRLF line ends (MultilineScanner's output). The
   * buffer is kept, not copied: it must not change afterwards.
   */
  append(bytes: Buffer): void {
    this.bytes += bytes.length;
    if (this.bytes > this.maxBytes) throw new RangeError(`multi-line response larger than ${this.maxBytes} bytes`);
    if (this.bytes > this.keepBytes) {
      // Dropped content is gone for good: body() must never return a silently truncated message.
      this.pieces.length = 0;
      return;
    }
    this.pieces.push(bytes);
  }

  /** The content's size (after unstuffing, CRLF line ends), counted even past keepBytes. */
  get size(): number {
    return this.bytes;
  }

  /** True when the content went past keepBytes and was dropped. */
  get overflowed(): boolean {
    return this.bytes > this.keepBytes;
  }

  /** The lines as text (CAPA, LIST, UIDL). */
  textLines(): string[] {
    const lines = this.body().toString('utf8').split('\r\n');
    lines.pop(); // what follows the last line end: always empty
    return lines;
  }

  /**
   * The content with CRLF line ends, as the server stored it (RETR, TOP), in one new buffer that
   * owns its memory (never a slice of Node's shared pool): a download hands it to the commit
   * thread by transfer, which a pooled slice would first have to be copied for.
   */
  body(): Buffer {
    const body = Buffer.allocUnsafeSlow(this.overflowed ? 0 : this.bytes);
    let at = 0;
    for (const piece of this.overflowed ? [] : this.pieces) at += piece.copy(body, at);
    return body;
  }
}

/** CAPA (RFC 2449 §5): capability name (uppercase) → its arguments. */
export type Pop3Capabilities = ReadonlyMap<string, readonly string[]>;

export function parseCapabilities(lines: readonly string[]): Pop3Capabilities {
  const capabilities = new Map<string, string[]>();
  for (const line of lines) {
    const [name, ...args] = line.trim().split(/\s+/);
    if (name) capabilities.set(name.toUpperCase(), args);
  }
  return capabilities;
}

/** The SASL mechanisms a CAPA lists, uppercase. */
export function saslMechanisms(capabilities: Pop3Capabilities | null): string[] {
  return (capabilities?.get('SASL') ?? []).map((mechanism) => mechanism.toUpperCase());
}
