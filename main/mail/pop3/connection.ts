import type { Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket, type ConnectionOptions } from 'node:tls';
import {
  Pop3ClosedError,
  Pop3Error,
  Pop3ProtocolError,
  Pop3ServerError,
  Pop3TimeoutError,
  Pop3TooLargeError,
} from './errors';
import { LineReader, LineTooLongError } from './line-reader';
import { MultilineScanner } from './multiline-scanner';
import { MultilineCollector, parseStatusLine, type StatusLine } from './response';

export interface Pop3ConnectionOptions {
  /** Every reply (greeting, each command, the TLS handshake) must come within this; default 30 s. */
  timeoutMs?: number;
  /** Longest line accepted; RFC 1939 allows 512 for replies, but message lines can be far longer. */
  maxLineBytes?: number;
  /** Largest multi-line reply (RETR of a big message included). */
  maxResponseBytes?: number;
}

export interface MultilineReply {
  status: StatusLine;
  content: MultilineCollector;
}

interface Pending {
  /** The verb used in errors; never the arguments (USER, PASS and AUTH carry credentials). */
  verb: string | null;
  multiline: boolean;
  /** For multi-line replies: content past this many bytes is read and dropped, and the reply rejects. */
  keepBytes: number;
  /** Set once `+OK` opened a multi-line reply: its body is read raw, not line by line. */
  body: { status: StatusLine; collector: MultilineCollector; scanner: MultilineScanner } | null;
  resolve: (reply: MultilineReply) => void;
  reject: (error: Error) => void;
}

function verbOf(line: string): string {
  const [first = '', second] = line.split(' ');
  return first.toUpperCase() === 'AUTH' && second ? `AUTH ${second.toUpperCase()}` : first.toUpperCase();
}

/**
 * One POP3 connection: a queue of outstanding replies, each with its timeout, read from a byte
 * line reader. Replies are matched to commands in order, so several commands may be written
 * before the first reply is read (RFC 2449 PIPELINING) without changing this class.
 */
export class Pop3Connection {
  private socket: Socket | TLSSocket;
  private reader: LineReader;
  private readonly pending: Pending[] = [];
  /** Commands not yet handed to the socket (see write). */
  private outgoing = '';
  /** How many commands `outgoing` holds. */
  private unsent = 0;
  private flushScheduled = false;
  /** Counts the silence of the oldest awaited reply (see armHead). */
  private headTimer: NodeJS.Timeout | null = null;
  /** True while a chunk from the socket is being handled (see armHead). */
  private receiving = false;
  private failure: Error | null = null;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxLineBytes: number;

  constructor(socket: Socket | TLSSocket, options: Pop3ConnectionOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
    this.maxResponseBytes = options.maxResponseBytes ?? 256 * 1024 * 1024;
    this.reader = new LineReader(this.maxLineBytes);
    this.socket = socket;
    this.attach(socket);
  }

  get encrypted(): boolean {
    return this.socket instanceof TLSSocket && this.socket.encrypted;
  }

  /** The TLS socket once TLS is up (for the certificate and protocol version), else null. */
  get tlsSocket(): TLSSocket | null {
    return this.socket instanceof TLSSocket ? this.socket : null;
  }

  /** The server's first line (`+OK …`); a `-ERR` greeting rejects with Pop3ServerError. */
  async readGreeting(): Promise<StatusLine> {
    return (await this.enqueue(null, false)).status;
  }

  /** A single-line command; resolves on `+OK` or a SASL continuation `+`, rejects on `-ERR`. */
  async command(line: string, verb = verbOf(line)): Promise<StatusLine> {
    const reply = this.enqueue(verb, false);
    this.write(line);
    return (await reply).status;
  }

  /**
   * A command answered by `+OK` and lines up to "." (CAPA, LIST, UIDL, RETR, TOP), dot-unstuffed.
   * Not async: the reply's own promise is returned, one wrapper less per pipelined RETR.
   */
  multiline(line: string, verb = verbOf(line), options: { maxBytes?: number } = {}): Promise<MultilineReply> {
    const reply = this.enqueue(verb, true, options.maxBytes);
    this.write(line);
    return reply;
  }

  /**
   * Starts TLS on this connection: at once for POP3S, or after the `+OK` to STLS. Anything the
   * server sent after that `+OK` and before the handshake would have been injected by someone
   * on the path (the STARTTLS injection attacks), so it is refused rather than read.
   */
  async startTls(options: ConnectionOptions): Promise<TLSSocket> {
    if (this.failure) throw this.failure;
    if (this.pending.length > 0) throw new Pop3ProtocolError('TLS cannot start while replies are awaited', 'STLS');
    if (this.reader.bufferedBytes > 0) {
      this.fail(new Pop3ProtocolError('The server sent data before the TLS handshake', 'STLS'));
      throw this.failure ?? new Pop3ClosedError('STLS');
    }
    const plain = this.socket;
    this.detach(plain);
    // Errors of the wrapped socket also reach the TLS socket, which is listened to; this one only
    // keeps an 'error' without a listener from becoming an uncaught exception.
    plain.on('error', () => undefined);
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const socket = tlsConnect({ ...options, socket: plain });
      const timer = setTimeout(
        () => socket.destroy(new Pop3TimeoutError('TLS handshake', this.timeoutMs)),
        this.timeoutMs,
      );
      socket.once('secureConnect', () => (clearTimeout(timer), socket.off('error', onError), resolve(socket)));
      const onError = (error: Error): void => (clearTimeout(timer), reject(error));
      socket.once('error', onError);
    }).catch((error: unknown) => {
      this.fail(error instanceof Error ? error : new Pop3ClosedError('TLS handshake', error));
      plain.destroy();
      throw error;
    });
    this.socket = secure;
    this.reader = new LineReader(this.maxLineBytes);
    this.attach(secure);
    return secure;
  }

  /** Ends the session with QUIT (which is when a server commits DELE) and closes. */
  async quit(): Promise<StatusLine> {
    const status = await this.command('QUIT');
    this.socket.end();
    return status;
  }

  /** Closes at once; outstanding replies reject. */
  close(): void {
    this.fail(new Pop3ClosedError(null));
    this.socket.destroy();
  }

  /** Replies awaited right now (for pipelining: how many commands are in flight). */
  get inFlight(): number {
    return this.pending.length;
  }

  private enqueue(
    verb: string | null,
    multiline: boolean,
    keepBytes = Number.POSITIVE_INFINITY,
  ): Promise<MultilineReply> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<MultilineReply>((resolve, reject) => {
      this.pending.push({ verb, multiline, keepBytes, body: null, resolve, reject });
    });
    if (this.pending.length === 1) this.armHead();
    this.drain();
    return reply;
  }

  /**
   * Pipelined commands leave in batches, one socket write (one TLS record, one syscall, one
   * wake-up of the server) each: a write costs far more than the bytes of a command, and a
   * pipeline refills its window one command per reply. A batch goes at the end of this turn of
   * the event loop once it holds as many commands as the server still has to answer, so the
   * server keeps at least half the window queued, and a server with nothing left always gets
   * what is waiting. Without pipelining that is every command, at once. Order on the wire is the
   * order of the calls.
   */
  private write(line: string): void {
    if (this.failure) return;
    this.outgoing += `${line}\r\n`;
    this.unsent += 1;
    this.scheduleFlush();
  }

  /** Called when a command is queued and when a reply settles (the server's backlog shrank). */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.unsent === 0) return;
    const backlog = this.pending.length - this.unsent;
    if (this.unsent < backlog) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const data = this.outgoing;
    this.outgoing = '';
    this.unsent = 0;
    this.flushScheduled = false;
    if (!this.failure && data !== '') this.socket.write(data);
  };

  /**
   * The timeout counts silence of the reply being read: it starts when a reply becomes the oldest
   * one awaited and restarts whenever bytes arrive. Replies queued behind it (pipelined commands)
   * do not time out while a large RETR ahead of them is still streaming in.
   */
  private armHead(): void {
    if (this.pending.length === 0 || this.failure) {
      if (this.headTimer) clearTimeout(this.headTimer);
      this.headTimer = null;
    } else if (this.headTimer) {
      // Within a data event the timer was just restarted for these bytes: once per chunk is
      // enough, not once per reply the chunk completes.
      if (!this.receiving) this.headTimer.refresh();
    } else {
      // One timer for the connection, restarted for each new head: a pipeline of thousands of
      // replies does not create and cancel a timer for each.
      this.headTimer = setTimeout(() => {
        this.fail(new Pop3TimeoutError(this.pending[0]?.verb ?? null, this.timeoutMs));
        this.socket.destroy();
      }, this.timeoutMs);
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.pending.length > 0) this.headTimer?.refresh();
    this.receiving = true;
    try {
      this.reader.push(chunk);
      this.drain();
    } finally {
      this.receiving = false;
    }
  };

  /**
   * Hands received bytes to the awaited replies, oldest first: status lines one by one, a
   * multi-line body as raw bytes. What nobody awaits yet stays in the reader (a greeting that
   * arrives before readGreeting() is called, say).
   */
  private drain(): void {
    try {
      while (this.pending.length > 0 && !this.failure) {
        const head = this.pending[0] as Pending;
        if (head.body) {
          const data = this.reader.peek();
          if (data.length === 0) return;
          const end = head.body.scanner.feed(data);
          this.reader.skip(end < 0 ? data.length : end);
          if (end < 0) return;
          this.finishBody(head, head.body);
          continue;
        }
        const line = this.reader.next();
        if (line === null) return;
        this.dispatch(head, line);
      }
    } catch (error) {
      const verb = this.pending[0]?.verb ?? null;
      const tooMuch = error instanceof LineTooLongError || error instanceof RangeError;
      this.fail(
        error instanceof Pop3Error ? error : new Pop3ProtocolError(tooMuch ? error.message : String(error), verb),
      );
      this.socket.destroy();
    }
  }

  private finishBody(head: Pending, { status, collector }: NonNullable<Pending['body']>): void {
    if (collector.overflowed) this.settle(head, new Pop3TooLargeError(head.verb, head.keepBytes, collector.size));
    else this.settle(head, { status, content: collector });
  }

  /** The status line of the oldest awaited reply. */
  private dispatch(head: Pending, line: Buffer): void {
    const text = line.toString('utf8');
    const status = parseStatusLine(text);
    if (!status)
      throw new Pop3ProtocolError('The server did not answer like a POP3 server', head.verb, text.slice(0, 200));
    if (status.kind === 'err') return this.settle(head, new Pop3ServerError(head.verb, text, status.code));
    if (head.multiline && status.kind === 'ok') {
      const collector = new MultilineCollector(this.maxResponseBytes, head.keepBytes);
      head.body = { status, collector, scanner: new MultilineScanner(collector, this.maxLineBytes) };
      return;
    }
    this.settle(head, { status, content: new MultilineCollector(0) });
  }

  private settle(entry: Pending, outcome: MultilineReply | Error): void {
    this.pending.shift();
    this.armHead();
    this.scheduleFlush();
    if (outcome instanceof Error) entry.reject(outcome);
    else entry.resolve(outcome);
  }

  private readonly onError = (error: Error): void => {
    this.fail(error instanceof Pop3Error ? error : new Pop3ClosedError(this.pending[0]?.verb ?? null, error));
  };

  private readonly onClose = (): void => {
    this.fail(new Pop3ClosedError(this.pending[0]?.verb ?? null));
  };

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket | TLSSocket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  /** The first failure wins and ends the connection for every waiting and later command. */
  private fail(error: Error): void {
    this.failure ??= error;
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = null;
    for (const entry of this.pending.splice(0)) entry.reject(this.failure);
  }
}
