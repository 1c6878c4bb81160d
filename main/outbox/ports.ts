import type { Server } from '../../shared/model/account';
import type { OutboxAttempt } from '../../shared/model/outbox';
import type { AttemptResult } from './transitions';

/**
 * What the outbox needs from the SMTP transport and from filing, as small interfaces: the real
 * ones (main/mail/smtp, ./filing) satisfy them structurally and tests can count what happens.
 */
export interface SmtpTargetPort {
  server: Server;
  username: string;
  password: string;
  extraCa?: readonly string[];
  timeoutMs?: number;
  clientName?: string;
  onSizeLimit?: (limit: number | null) => void;
}

export interface SentAttempt {
  outcome: AttemptResult;
  attempt: Pick<OutboxAttempt, 'server' | 'tls' | 'transcript' | 'queueId' | 'timings'>;
}

export interface SenderPort {
  send(envelope: { from: string; to: readonly string[] }, raw: Buffer): Promise<SentAttempt>;
  close(): Promise<void>;
}

export interface ResolvedTarget {
  /** Messages with the same key share one connection. */
  key: string;
  target: SmtpTargetPort;
}

export interface FilingInput {
  raw: Buffer;
  messageId: string;
  sentAt: string;
}

/** One account's Sent folder, open for as many messages as are waiting (one login, not one each). */
export interface FilingSession {
  /** Puts the exact bytes into Sent; 'skipped' where the provider does it itself. */
  file(input: FilingInput): Promise<'filed' | 'skipped'>;
  close(): Promise<void>;
}

export interface SentFilerPort {
  open(accountId: string): Promise<FilingSession>;
}
