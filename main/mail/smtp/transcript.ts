import type { TranscriptLine } from './types';

type LogFields = { tnx?: unknown; outByteCount?: unknown };

/** A command and the reply it got (null while none came). The greeting is the command "". */
export interface Exchange {
  command: string;
  reply: string | null;
}

const SECRET = '/* secret */';

/**
 * Reads nodemailer's transaction log (its `logger` with `transactionLog: true`) as it happens into
 * the attempt's transcript, and pairs each command with its reply: SMTP answers strictly in order,
 * also with PIPELINING, so the oldest unanswered command owns the next reply. That pairing gives
 * each RCPT TO its own reply, and tells whether the final "." went out (`dataComplete`).
 *
 * AUTH arguments and continuation lines are replaced by SECRET here, whatever nodemailer masked:
 * a log that never saw the password cannot leak it. `scrub` removes the password's forms from
 * every line besides, should a server echo one.
 */
export class TranscriptRecorder {
  readonly lines: TranscriptLine[] = [];
  readonly exchanges: Exchange[] = [];
  /** True once the whole message including the terminating "." was handed to the socket. */
  dataComplete = false;
  private pending: Exchange[] = [];
  private inAuth = false;
  private origin = Date.now();

  constructor(private readonly scrub: (text: string) => string) {}

  /** Starts a new attempt on this recorder: times count from here and the lines start afresh. */
  restart(): void {
    this.lines.length = 0;
    this.exchanges.length = 0;
    this.pending = [];
    this.dataComplete = false;
    this.inAuth = false;
    this.origin = Date.now();
  }

  info(text: string): void {
    this.push('info', text);
  }

  readonly logger = {
    trace: (): void => undefined,
    debug: (fields: LogFields, message: unknown): void => this.entry(fields, message),
    info: (fields: LogFields, message: unknown): void => this.entry(fields, message),
    warn: (): void => undefined,
    error: (): void => undefined,
    fatal: (): void => undefined,
  };

  /** The latest EHLO reply (after STARTTLS, the one that counts), or null. */
  lastEhloReply(): string | null {
    const ehlo = this.exchanges.filter((exchange) => /^EHLO /i.test(exchange.command) && exchange.reply);
    return ehlo.at(-1)?.reply ?? null;
  }

  /** The exchange of the latest command starting with `prefix` (case-insensitive). */
  lastExchange(prefix: string): Exchange | undefined {
    const upper = prefix.toUpperCase();
    return this.exchanges.findLast((exchange) => exchange.command.toUpperCase().startsWith(upper));
  }

  private entry(fields: LogFields, message: unknown): void {
    const text = typeof message === 'string' ? message : '';
    if (fields.tnx === 'client') this.client(text);
    else if (fields.tnx === 'server') this.server(text);
    else if (fields.tnx === 'message' && typeof fields.outByteCount === 'number') this.dataSent(fields.outByteCount);
  }

  private client(raw: string): void {
    let text = raw;
    if (/^AUTH\s/i.test(raw)) {
      const [, verb = 'AUTH', mechanism = ''] = /^(AUTH)\s+(\S+)/i.exec(raw) ?? [];
      text = /^AUTH\s+\S+\s+\S/i.test(raw) ? `${verb} ${mechanism} ${SECRET}` : raw;
      this.inAuth = true;
    } else if (this.inAuth) {
      text = SECRET; // a SASL continuation: the user name, the password or a response
    }
    this.push('client', text);
    const exchange = { command: text, reply: null };
    this.exchanges.push(exchange);
    this.pending.push(exchange);
  }

  private server(reply: string): void {
    for (const line of reply.split(/\r?\n/)) this.push('server', line);
    // 334 asks for another SASL line; anything else ends the AUTH exchange.
    if (!/^334/.test(reply)) this.inAuth = false;
    const exchange = this.pending.shift();
    if (exchange) exchange.reply = reply;
    else this.exchanges.push({ command: '', reply }); // the greeting, or a reply nobody asked for
  }

  private dataSent(bytes: number): void {
    this.dataComplete = true;
    this.push('client', `<${bytes} bytes of message data>`);
    // The final reply answers the data, not DATA (which got its 354 already).
    const exchange = { command: '.', reply: null };
    this.exchanges.push(exchange);
    this.pending.push(exchange);
  }

  private push(dir: TranscriptLine['dir'], text: string): void {
    this.lines.push({ at: Date.now() - this.origin, dir, text: this.scrub(text) });
  }
}
