import { sizeLimit } from '../smtp/size';
import type { Trace } from './trace';

type LogFields = { tnx?: unknown; action?: unknown; method?: unknown };

/** Mechanisms of an EHLO reply's AUTH line ("250-AUTH PLAIN LOGIN", or the old "AUTH=PLAIN LOGIN"). */
export function ehloAuthMethods(reply: string): string[] {
  for (const line of reply.split(/\r?\n/)) {
    const match = /^\d{3}[ -]AUTH[ =](.*)$/i.exec(line.trim());
    if (match?.[1])
      return match[1]
        .split(/[\s=]+/)
        .filter(Boolean)
        .map((name) => name.toUpperCase());
  }
  return [];
}

/**
 * nodemailer's transaction log (its `logger` option with `transactionLog: true`) read as it
 * happens: the greeting, the EHLO extensions (AUTH mechanisms, STARTTLS) and the STARTTLS and
 * login events, which become steps. nodemailer masks AUTH arguments before logging them; only
 * server lines and command verbs are kept here anyway.
 */
export class SmtpTranscript {
  /** The AUTH mechanisms of the latest EHLO reply (the one after STARTTLS is what counts). */
  authMethods: string[] = [];
  /** Whether a plaintext EHLO listed STARTTLS. */
  offeredStarttls = false;
  /** The SIZE of the latest EHLO reply (null: none advertised); undefined until an EHLO was answered. */
  sizeLimit: number | null | undefined = undefined;
  private lastCommand = '';
  private ehloCount = 0;

  constructor(
    private readonly trace: Trace,
    private readonly tlsDetail: () => string,
    private readonly username: string,
  ) {}

  readonly logger = {
    trace: (): void => undefined,
    debug: (fields: LogFields, message: unknown, ...args: unknown[]): void => this.entry(fields, message, args),
    info: (fields: LogFields, message: unknown, ...args: unknown[]): void => this.entry(fields, message, args),
    warn: (): void => undefined,
    error: (): void => undefined,
    fatal: (): void => undefined,
  };

  private entry(fields: LogFields, message: unknown, args: unknown[]): void {
    const text = typeof message === 'string' ? message : '';
    if (fields.tnx === 'client') {
      this.lastCommand = text.split(' ')[0]?.toUpperCase() ?? '';
    } else if (fields.tnx === 'server') {
      this.serverReply(text);
    } else if (fields.tnx === 'network' && args[0] === 'Secure connection') {
      this.trace.ok('tls', this.tlsDetail());
    } else if (fields.tnx === 'smtp' && text === 'Connection upgraded with STARTTLS') {
      this.trace.ok('starttls', this.tlsDetail());
    } else if (fields.tnx === 'smtp' && fields.action === 'authenticated') {
      this.trace.ok('auth', `Logged in as ${this.username} with AUTH ${String(fields.method)}`);
    }
  }

  private serverReply(reply: string): void {
    if (!this.trace.passed('greeting') && /^220[ -]/.test(reply)) {
      this.trace.ok('greeting', reply.split(/\r?\n/)[0] ?? reply);
      return;
    }
    if ((this.lastCommand === 'EHLO' || this.lastCommand === 'LHLO') && /^250[ -]/.test(reply)) {
      this.ehloCount += 1;
      this.authMethods = ehloAuthMethods(reply);
      this.sizeLimit = sizeLimit(reply);
      if (this.ehloCount === 1) this.offeredStarttls = /^250[ -]STARTTLS\b/im.test(reply);
    }
  }
}
