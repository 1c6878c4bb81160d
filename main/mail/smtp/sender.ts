import { secretScrubber } from '../secret-scrub';
import { tlsOptionsFor } from '../tls/options';
import { classifySendError, type Classified, type ClassifyContext, type Stage } from './classify';
import { NODEMAILER_AUTH_METHOD, smtpSecurityOptions } from './options';
import { recipientResults } from './recipients';
import { parseQueueId } from './reply';
import { SmtpSession } from './session';
import { sizeFailure, sizeLimit } from './size';
import { TranscriptRecorder } from './transcript';
import type {
  AttemptRecord,
  RecipientResult,
  SendOutcome,
  SendResult,
  SmtpEnvelope,
  SmtpSender,
  SmtpTarget,
} from './types';

const DEFAULT_TIMEOUT_MS = 60_000;
/** How long QUIT may wait for the server to close before the socket is closed anyway. */
const QUIT_WAIT_MS = 2_000;

/** What an attempt learns on its way, for its record. */
interface Progress {
  connectMs: number | null;
  authMs: number | null;
  dataMs: number | null;
  tls: AttemptRecord['tls'];
}

/** Thrown inside an attempt to end it with an outcome already decided. */
class Decided extends Error {
  constructor(readonly classified: Classified) {
    super(classified.failure.message);
  }
}

/**
 * The sending side of one SMTP server and login: a connection opened on the first send, kept
 * open and logged in for the next ones (RSET between messages), and opened again once it closed.
 * Sends run one at a time, in call order, since one SMTP connection carries one transaction.
 */
class Sender implements SmtpSender {
  private session: SmtpSession | null = null;
  /** The SIZE the session's EHLO advertised (null: none), kept for the messages that reuse it. */
  private maxSize: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly scrub: (text: string) => string;
  private readonly recorder: TranscriptRecorder;
  private readonly timeoutMs: number;

  constructor(private readonly target: SmtpTarget) {
    this.scrub = secretScrubber({ username: target.username, password: target.password });
    this.recorder = new TranscriptRecorder(this.scrub);
    this.timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  send(envelope: SmtpEnvelope, raw: Buffer): Promise<SendResult> {
    const result = this.queue.then(() => this.attempt(envelope, raw));
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): Promise<void> {
    const closed = this.queue.then(async () => {
      const session = this.session;
      this.session = null;
      await session?.quit(QUIT_WAIT_MS);
    });
    this.queue = closed.catch(() => undefined);
    return closed;
  }

  private async attempt(envelope: SmtpEnvelope, raw: Buffer): Promise<SendResult> {
    const started = Date.now();
    this.recorder.restart();
    const progress: Progress = { connectMs: null, authMs: null, dataMs: null, tls: null };
    let outcome: SendOutcome;
    let queueId: string | null = null;
    let stage: Stage = 'connect';
    try {
      const session = await this.ready(progress);
      stage = 'send';
      if (this.maxSize !== null && raw.length > this.maxSize) {
        throw new Decided(sizeFailure(raw.length, this.maxSize, this.address(), this.scrub));
      }
      const sending = Date.now();
      // `size` makes nodemailer add SIZE= to MAIL FROM, so a server can refuse before the data.
      const info = await session.send({ from: envelope.from, to: [...envelope.to], size: raw.length }, raw);
      progress.dataMs = Date.now() - sending;
      queueId = parseQueueId(info.response);
      this.recorder.info(queueId ? `Accepted with queue id ${queueId}` : 'Accepted');
      outcome = { kind: 'sent', reply: this.scrub(info.response), queueId, recipients: this.recipients(envelope) };
    } catch (error) {
      const { kind, failure } =
        error instanceof Decided ? error.classified : classifySendError(error, stage, this.recorder, this.context());
      this.recorder.info(`${kind} (${failure.phase}): ${failure.message}`);
      outcome = { kind, failure, recipients: this.recipients(envelope) };
      // A session that failed before the transaction is of no further use, nor is one whose
      // state is unknown; one that merely had a message refused is still good for the next.
      if (stage !== 'send' || kind === 'uncertain') this.drop();
    }
    return { outcome, attempt: this.record(started, progress, queueId) };
  }

  /** An open, logged-in session: the current one after RSET, else a new one. */
  private async ready(progress: Progress): Promise<SmtpSession> {
    const current = this.session;
    if (current?.alive) {
      try {
        await current.reset();
        progress.tls = current.tls();
        this.recorder.info('Reusing the open connection');
        return current;
      } catch {
        // The server closed the idle connection: nothing of this message was sent yet.
        this.recorder.info('The open connection had closed; connecting again');
        this.drop();
      }
    }
    const { server } = this.target;
    const session = new SmtpSession({
      ...smtpSecurityOptions(server),
      tls: tlsOptionsFor(server, { extraCa: this.target.extraCa }),
      name: this.target.clientName,
      logger: this.recorder.logger,
      transactionLog: true,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
      socketCloseTimeout: QUIT_WAIT_MS,
    });
    this.session = session;
    let mark = Date.now();
    this.recorder.info(`Connecting to ${this.address()} (security: ${server.security})`);
    await session.connect();
    progress.connectMs = Date.now() - mark;
    this.maxSize = sizeLimit(this.recorder.lastEhloReply());
    this.target.onSizeLimit?.(this.maxSize);
    progress.tls = session.tls();
    const { tls } = progress;
    this.recorder.info(tls ? `Encrypted with ${tls.protocol}, ${tls.cipher}` : 'Not encrypted (security: none)');
    mark = Date.now();
    try {
      await session.login(this.target.username, this.target.password, NODEMAILER_AUTH_METHOD[server.authMethod]);
    } catch (error) {
      throw new Decided(classifySendError(error, 'auth', this.recorder, this.context()));
    }
    progress.authMs = Date.now() - mark;
    return session;
  }

  private context(): ClassifyContext {
    return { scrub: this.scrub, pinned: Boolean(this.target.server.pinnedCertificate) };
  }

  private recipients(envelope: SmtpEnvelope): RecipientResult[] {
    return recipientResults(envelope.to, this.recorder.exchanges, this.scrub);
  }

  private drop(): void {
    this.session?.close();
    this.session = null;
  }

  private address(): string {
    return `${this.target.server.host}:${this.target.server.port}`;
  }

  private record(started: number, progress: Progress, queueId: string | null): AttemptRecord {
    const ended = Date.now();
    const { connectMs, authMs, dataMs, tls } = progress;
    return {
      server: this.address(),
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(ended).toISOString(),
      tls,
      transcript: this.recorder.lines.map((line) => ({ ...line })),
      queueId,
      timings: { connectMs, authMs, dataMs, totalMs: ended - started },
    };
  }
}

/** Lazy: nothing connects until the first send. */
export function openSmtpSender(target: SmtpTarget): SmtpSender {
  return new Sender(target);
}
