import { errorCode, field, textField } from '../error-fields';
import { certificateProblem, PIN_MISMATCH } from '../tls/trust';
import { explainSmtpReply } from './explain';
import { explainLocalError, isTimeoutCode, NO_ENCRYPTION } from './explain-local';
import { parseReply } from './reply';
import type { TranscriptRecorder } from './transcript';
import type { SendOutcome, SmtpFailure, SmtpPhase } from './types';

/** Which step of an attempt the error ended: opening the session, logging in, or the transaction. */
export type Stage = 'connect' | 'auth' | 'send';

type Kind = Exclude<SendOutcome['kind'], 'sent'>;

export interface Classified {
  kind: Kind;
  failure: SmtpFailure;
}

export interface ClassifyContext {
  /** Removes the password from text that quotes the server. */
  scrub: (text: string) => string;
  /** The account trusts one pinned certificate: any certificate failure means "not that one". */
  pinned: boolean;
}

export const UNCERTAIN_EXPLANATION =
  'The whole message was sent, but the connection ended before the server confirmed it. The server may or may not have accepted it, so Letterbox does not send it again by itself: check whether it arrived, then send it again or not.';

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}

/** A reply decides by its class; 421 ("closing") always means "later", wherever it comes. */
function kindOfReply(code: number): Kind {
  return code >= 400 && code < 500 ? 'transient' : 'permanent';
}

/** The phase of the first command still waiting for its reply, in a transaction. */
function pendingPhase(recorder: TranscriptRecorder): SmtpPhase {
  const waiting = recorder.exchanges.find((exchange) => exchange.reply === null)?.command.toUpperCase() ?? '';
  if (waiting.startsWith('MAIL') || waiting.startsWith('RSET')) return 'mail';
  if (waiting.startsWith('RCPT')) return 'rcpt';
  if (waiting.startsWith('DATA')) return 'data';
  return 'message';
}

/** nodemailer's command names (and our stage) as phases. */
function phaseOf(error: unknown, stage: Stage, recorder: TranscriptRecorder): SmtpPhase {
  const command = textField(error, 'command')?.toUpperCase() ?? '';
  const code = textField(error, 'code');
  if (stage === 'auth') return 'auth';
  if (stage === 'connect') {
    if (code === 'ETLS' || command === 'STARTTLS' || certificateProblem(errorCode(error))) return 'tls';
    if (errorCode(error) === 'UPGRADE_TIMEOUT') return 'tls';
    // Replied to (greeting, EHLO) means the TCP connection stood: the session failed, not the network.
    return recorder.exchanges.length > 0 || textField(error, 'response') ? 'greeting' : 'connect';
  }
  if (command === 'MAIL FROM') return 'mail';
  if (command === 'RCPT TO') return 'rcpt';
  if (command === 'DATA') return code === 'EMESSAGE' ? 'message' : 'data';
  return pendingPhase(recorder);
}

function failure(
  phase: SmtpPhase,
  reply: string | null,
  message: string,
  explanation: string,
  scrub: (text: string) => string,
): SmtpFailure {
  const parsed = reply ? parseReply(reply) : null;
  return {
    phase,
    code: parsed?.code ?? null,
    enhanced: parsed?.enhanced ?? null,
    reply: reply === null ? null : scrub(reply),
    message: scrub(message),
    explanation,
  };
}

/**
 * What a failed attempt means for the outbox. The one case that must never be retried by
 * itself is the message having gone out in full (the final "." written) with no reply: the
 * server may have queued it. Everything before that point is safe to retry unless the server
 * or the certificate said no for good.
 */
export function classifySendError(
  error: unknown,
  stage: Stage,
  recorder: TranscriptRecorder,
  context: ClassifyContext,
): Classified {
  const { scrub } = context;
  const reply = textField(error, 'response');
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const phase = phaseOf(error, stage, recorder);
  const code = reply ? parseReply(reply).code : null;

  if (reply && code !== null) {
    const refusedStarttls = phase === 'tls' && textField(error, 'command')?.toUpperCase() === 'STARTTLS';
    // 454 is "TLS not available for a temporary reason"; any other answer to STARTTLS means never.
    if (refusedStarttls && code >= 500) {
      return { kind: 'permanent', failure: failure('tls', reply, message, NO_ENCRYPTION, scrub) };
    }
    const explanation = explainSmtpReply(code, null, reply);
    return { kind: kindOfReply(code), failure: failure(phase, reply, message, explanation, scrub) };
  }

  if (reply) {
    const explanation = 'The server did not answer like an SMTP server. Check the port in the account settings.';
    return { kind: 'permanent', failure: failure(phase, reply, message, explanation, scrub) };
  }
  const local = errorCode(error);
  const answered = recorder.lastExchange('.')?.reply ?? null;
  if (stage === 'send' && recorder.dataComplete && answered === null) {
    return { kind: 'uncertain', failure: failure('message', null, local ?? message, UNCERTAIN_EXPLANATION, scrub) };
  }
  if (certificateProblem(local)) {
    const reason = textField(error, 'reason') ?? message;
    // With a pin the pinned certificate is the only trust anchor, so another certificate fails
    // the chain check (self-signed, unknown issuer) before the fingerprint is even compared.
    const explanation = explainLocalError(context.pinned ? PIN_MISMATCH : local);
    return { kind: 'permanent', failure: failure('tls', null, reason, explanation, scrub) };
  }
  // A handshake the server refused (wrong protocol on the port, no common cipher): not going to change.
  if (stage === 'connect' && local && /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(local)) {
    return { kind: 'permanent', failure: failure('tls', null, message, explainLocalError(local), scrub) };
  }
  // nodemailer's own check against the EHLO SIZE (ours runs first; this is the backstop).
  if (field(error, 'code') === 'EMESSAGE' && field(error, 'command') === 'MAIL FROM') {
    const explanation = explainSmtpReply(552, '5.3.4', null);
    return { kind: 'permanent', failure: failure('size', null, message, explanation, scrub) };
  }
  // Refusals of our own (no credentials, no or a malformed address) before the command was sent.
  if (field(error, 'command') === 'API' || field(error, 'code') === 'EENVELOPE') {
    const own = stage === 'send' ? 'mail' : phase;
    return { kind: 'permanent', failure: failure(own, null, message, `Letterbox refused to send: ${message}`, scrub) };
  }
  const explanation = explainLocalError(local && isTimeoutCode(local) ? 'ETIMEDOUT' : (local ?? message));
  return { kind: 'transient', failure: failure(phase, null, local ?? message, explanation, scrub) };
}
