import type { Server } from '../../../shared/model/account';

/** Where and as whom to send. */
export interface SmtpTarget {
  server: Server;
  username: string;
  password: string;
  /** Tests: extra CA PEMs to trust besides the public roots. */
  extraCa?: readonly string[];
  /** The EHLO name; default nodemailer's (the machine's FQDN or [127.0.0.1]). */
  clientName?: string;
  /** Limit for connecting, for the greeting and for each wait on the server. Default 60 s. */
  timeoutMs?: number;
  /** Told the SIZE of each new connection's EHLO (null: no limit advertised), so it can be remembered. */
  onSizeLimit?: (limit: number | null) => void;
}

/** SMTP envelope, separate from the headers of the raw message. */
export interface SmtpEnvelope {
  from: string;
  /** Every To, Cc and Bcc address. */
  to: readonly string[];
}

/**
 * One line of an attempt's transcript. AUTH payloads are redacted ("AUTH PLAIN /* secret *\/")
 * and the message data is one line "<n bytes of message data>".
 */
export interface TranscriptLine {
  /** Milliseconds since the attempt started. */
  at: number;
  dir: 'client' | 'server' | 'info';
  text: string;
}

export interface RecipientResult {
  address: string;
  accepted: boolean;
  /** The reply code to RCPT TO; null when no reply came (the connection ended first). */
  code: number | null;
  enhanced: string | null;
  reply: string;
  /** Plain language for a refused recipient; null for an accepted one. */
  explanation: string | null;
}

export type SmtpPhase = 'connect' | 'tls' | 'greeting' | 'auth' | 'mail' | 'rcpt' | 'data' | 'message' | 'size';

export interface SmtpFailure {
  phase: SmtpPhase;
  code: number | null;
  enhanced: string | null;
  /** The server's reply as it came, when the failure was a reply. */
  reply: string | null;
  /** Short and technical: the library's message or the Node error code. */
  message: string;
  /** Plain language, for people who run their own domain. */
  explanation: string;
}

export interface AttemptRecord {
  /** host:port */
  server: string;
  startedAt: string;
  endedAt: string;
  /** Null for a plaintext session (security 'none'). */
  tls: { protocol: string; cipher: string } | null;
  transcript: TranscriptLine[];
  queueId: string | null;
  /** connectMs and authMs are null when the attempt reused an open, logged-in connection. */
  timings: { connectMs: number | null; authMs: number | null; dataMs: number | null; totalMs: number };
}

export type SendOutcome =
  /** At least one recipient accepted and the final 250 received; refused ones listed with accepted:false. */
  | { kind: 'sent'; reply: string; queueId: string | null; recipients: RecipientResult[] }
  /** A network error or a 4xx before the server took the message: safe to retry. */
  | { kind: 'transient'; failure: SmtpFailure; recipients: RecipientResult[] }
  /** 5xx, all recipients refused, too big, no encryption offered, untrusted certificate, login refused. */
  | { kind: 'permanent'; failure: SmtpFailure; recipients: RecipientResult[] }
  /** All of the message incl. the final "." was written and the connection ended before the reply. */
  | { kind: 'uncertain'; failure: SmtpFailure; recipients: RecipientResult[] };

export interface SendResult {
  outcome: SendOutcome;
  attempt: AttemptRecord;
}

export interface SmtpSender {
  /**
   * Sends `raw` byte for byte to the envelope's recipients. Reuses the open, logged-in
   * connection (RSET first), reconnecting if it closed. Never throws for network or server
   * errors: those are outcomes.
   */
  send(envelope: SmtpEnvelope, raw: Buffer): Promise<SendResult>;
  /** QUIT, then close. Safe to call twice and while nothing is connected. */
  close(): Promise<void>;
}
