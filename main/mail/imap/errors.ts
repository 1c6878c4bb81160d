import type { Account } from '../../../shared/model/account';
import { classifyError } from '../verify/classify';
import { failureMessage } from '../verify/messages';

export type ImapSessionErrorCode =
  | 'not_imap'
  | 'no_password'
  | 'offline'
  | 'auth_failed'
  | 'certificate_untrusted'
  | 'tls_failed'
  | 'starttls_missing'
  | 'protocol_error'
  | 'mailbox_error';

/** Codes that mean "cannot reach the server" rather than "something is wrong": shown as offline. */
const OFFLINE = new Set(['dns_failed', 'connection_refused', 'timed_out']);

/** Carries a message written for the user; never the password. */
export class ImapSessionError extends Error {
  readonly code: ImapSessionErrorCode;
  constructor(code: ImapSessionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImapSessionError';
    this.code = code;
  }
  get offline(): boolean {
    return this.code === 'offline';
  }
}

/** Reuses the setup checks' classification and wording, so sync and setup say the same thing. */
export function toSessionError(
  error: unknown,
  account: Account,
  phase: 'connect' | 'sync' = 'connect',
): ImapSessionError {
  if (error instanceof ImapSessionError) return error;
  const server = account.incoming;
  const failure = classifyError(error, 'auth');
  if (phase === 'sync' && (OFFLINE.has(failure.code) || failure.variant === 'closed' || isConnectionLoss(error))) {
    // Setup's wording is about connecting; here the line dropped after login.
    return new ImapSessionError(
      'offline',
      `Lost the connection to ${server.host}:${server.port} during sync (${failure.reason}). What arrived so far is saved; the next sync continues.`,
      { cause: error },
    );
  }
  const step = failure.step ?? (failure.code === 'auth_failed' ? 'auth' : 'connect');
  const message = failureMessage(failure, failure.certificate, {
    protocol: 'imap',
    host: server.host,
    port: server.port,
    security: server.security,
    step,
    timeoutMs: 30_000,
  });
  const code: ImapSessionErrorCode = OFFLINE.has(failure.code)
    ? 'offline'
    : failure.code === 'auth_failed' ||
        failure.code === 'certificate_untrusted' ||
        failure.code === 'tls_failed' ||
        failure.code === 'starttls_missing'
      ? failure.code
      : 'protocol_error';
  return new ImapSessionError(code, message, { cause: error });
}

/** imapflow's own words for a connection that went away under a running command. */
function isConnectionLoss(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'NoConnection' || code === 'EConnectionClosed' || code === 'ETIMEOUT' || code === 'SOCKET_TIMEOUT';
}
