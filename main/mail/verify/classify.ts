import type { CertificateInfo, VerifyFailureCode } from '../../../shared/model/setup';
import {
  Pop3AuthError,
  Pop3ClosedError,
  Pop3ProtocolError,
  Pop3ServerError,
  Pop3StlsUnavailableError,
  Pop3TimeoutError,
} from '../pop3/errors';
import { errorCode, field } from '../error-fields';
import { certificateOnError } from '../tls/certificate';
import { certificateProblem, type CertificateProblem } from '../tls/trust';
import { VerifyStepError } from './errors';
import type { StepName } from './trace';

export { errorCode };

export interface Classified {
  code: VerifyFailureCode;
  /** Short and technical: a Node code, OpenSSL's reason, a library's message. */
  reason: string;
  /** The Node or library error code the decision was made on, if any. */
  errorCode: string | null;
  serverText: string | null;
  certificateProblem: CertificateProblem | null;
  /** When the error itself carried the certificate (a name mismatch, a pin mismatch). */
  certificate: CertificateInfo | null;
  /** When the error says which step it belongs to, regardless of how far the trace got. */
  step: StepName | null;
  authMethods: string[] | null;
  variant: string | null;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
// imapflow and nodemailer name their timeouts; Node says ETIMEDOUT.
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'SOCKET_TIMEOUT',
]);
const CLOSED = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNECTION',
  'ESOCKET',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** An IMAP tagged reply without its tag: "2 NO [AUTHENTICATIONFAILED] …" → "NO [AUTHENTICATIONFAILED] …". */
function untagged(response: string): string {
  return response.replace(/^[A-Za-z0-9.]+ (?=(OK|NO|BAD)\b)/, '');
}

/** A Classified with everything not given null. */
export function classified(code: VerifyFailureCode, reason: string, extra: Partial<Classified> = {}): Classified {
  return {
    code,
    reason,
    errorCode: null,
    serverText: null,
    certificateProblem: null,
    certificate: null,
    step: null,
    authMethods: null,
    variant: null,
    ...extra,
  };
}

function fromOwnErrors(error: unknown): Classified | null {
  if (error instanceof VerifyStepError) {
    const { serverText = null, step = null, authMethods = null, certificate = null, variant = null } = error.details;
    return classified(error.code, error.message, { serverText, step, authMethods, certificate, variant });
  }
  if (error instanceof Pop3StlsUnavailableError) {
    return classified('starttls_missing', error.message, { serverText: error.serverText, step: 'starttls' });
  }
  if (error instanceof Pop3AuthError) {
    return classified('auth_failed', error.message, {
      serverText: error.serverText,
      step: 'auth',
      variant: error.responseCode,
    });
  }
  if (error instanceof Pop3ServerError)
    return classified('protocol_error', error.message, { serverText: error.serverText });
  if (error instanceof Pop3ProtocolError)
    return classified('protocol_error', error.message, { serverText: error.serverText });
  if (error instanceof Pop3TimeoutError) return classified('timed_out', error.message);
  return null;
}

/** What a library's authentication failure said (imapflow and nodemailer each have their own fields). */
function fromLibraryAuth(error: unknown): Classified | null {
  if (field(error, 'authenticationFailed') === true) {
    const response = text(field(error, 'response'));
    const serverText = response ? untagged(response) : null;
    const reason = text(field(error, 'responseText')) ?? serverText ?? 'authentication failed';
    return classified('auth_failed', reason, { serverText, step: 'auth' });
  }
  if (field(error, 'code') === 'EAUTH') {
    const serverText = text(field(error, 'response'));
    return classified('auth_failed', serverText ?? firstLine(String(field(error, 'message'))), {
      serverText,
      step: 'auth',
    });
  }
  return null;
}

/**
 * Turns whatever a verification threw — a Node socket/DNS/TLS error, an imapflow or nodemailer
 * error, a POP3 client error — into a failure code and the facts a message needs. `step` is the
 * step that was under way, for errors that mean different things at different steps.
 */
export function classifyError(error: unknown, step: StepName): Classified {
  const own = fromOwnErrors(error) ?? fromLibraryAuth(error);
  if (own) return own;

  const code = errorCode(error);
  const message = error instanceof Error ? firstLine(error.message) : String(error);
  const base = { errorCode: code };
  const inTls = step === 'tls' || step === 'starttls';
  if (code && DNS.has(code)) return classified('dns_failed', code, { ...base, step: 'dns' });
  if (code === 'ECONNREFUSED') return classified('connection_refused', code, { ...base, step: 'connect' });
  if (code && UNREACHABLE.has(code))
    return classified('connection_refused', code, { ...base, step: 'connect', variant: 'unreachable' });
  if (code && TIMEOUT.has(code)) return classified('timed_out', code, base);
  const problem = certificateProblem(code);
  if (problem) {
    return classified('certificate_untrusted', text(field(error, 'reason')) ?? message, {
      ...base,
      certificateProblem: problem,
      certificate: certificateOnError(error),
    });
  }
  if (code && (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_'))) {
    return classified('tls_failed', text(field(error, 'reason')) ?? message, base);
  }
  if (error instanceof Pop3ClosedError || (code && CLOSED.has(code))) {
    const serverText = text(field(error, 'response'));
    return classified(inTls ? 'tls_failed' : 'protocol_error', code ?? 'connection closed', {
      ...base,
      serverText,
      variant: 'closed',
    });
  }
  const serverText = text(field(error, 'response'));
  return classified('protocol_error', message, { ...base, serverText });
}

/** A check stopped from outside: its deadline passed, or the user cancelled it. */
export function classifyStopped(reason: 'timeout' | 'cancelled'): Classified {
  return classified(reason === 'timeout' ? 'timed_out' : 'cancelled', reason);
}
