import type { Security } from '../../../shared/model/account';
import type { CertificateInfo } from '../../../shared/model/setup';
import { shortName } from '../tls/certificate';
import type { Classified } from './classify';
import type { StepName } from './trace';

export type MailProtocol = 'imap' | 'pop3' | 'smtp';

export interface MessageContext {
  protocol: MailProtocol;
  host: string;
  port: number;
  security: Security;
  /** Where it failed. */
  step: StepName;
  timeoutMs: number;
}

const NAME: Record<MailProtocol, string> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };
const TLS_PORT: Record<MailProtocol, number> = { imap: 993, pop3: 995, smtp: 465 };
const STARTTLS_PORT: Record<MailProtocol, number> = { imap: 143, pop3: 110, smtp: 587 };
const DURING: Record<StepName, string> = {
  dns: 'while looking up the server name',
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  greeting: 'while waiting for the greeting',
  starttls: 'while switching to TLS (STARTTLS)',
  auth: 'while logging in',
  done: 'while logging out',
};
const APP_PASSWORD =
  'Check the username and password; Gmail, Outlook, iCloud and Yahoo need an app password when 2-step verification is on.';

/** Server text as quoted in a sentence: one line, not endless. */
function quote(serverText: string): string {
  const line = serverText.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/** "NO [AUTHENTICATIONFAILED] Authentication failed." → "Authentication failed." (the words meant for people). */
function words(serverText: string): string {
  const stripped = serverText
    .replace(/^(?:[+-](?:OK|ERR)|NO|BAD|OK)\s*/i, '')
    .replace(/^\d{3}(?:[ -]\d\.\d{1,3}\.\d{1,3})?\s*/, '')
    .replace(/^\[[^\]]*\]\s*/, '');
  // Without its final period: the sentence around it supplies one.
  return quote(stripped || serverText).replace(/[.\s]+$/, '');
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function certificateMessage(failure: Classified, certificate: CertificateInfo | null, host: string): string {
  const issuer = certificate ? certificate.issuer : 'unknown';
  const why: Record<NonNullable<Classified['certificateProblem']>, string> = {
    'self-signed': `self-signed (issuer ${issuer})`,
    'untrusted-root': `its chain ends at ${certificate ? shortName(certificate.issuer) : 'an authority'}, which Letterbox does not trust`,
    'unknown-issuer': `it was issued by ${issuer}, which no trusted authority vouches for`,
    expired: certificate ? `it expired on ${day(certificate.validTo)}` : 'it has expired',
    'not-yet-valid': certificate ? `it is only valid from ${day(certificate.validFrom)}` : 'it is not valid yet',
    'name-mismatch': `it belongs to another name (${failure.reason})`,
    'pin-mismatch': 'it is not the certificate you chose to trust',
    other: failure.reason,
  };
  const intro = `The certificate of ${host} is not trusted: ${why[failure.certificateProblem ?? 'other']}.`;
  if (failure.certificateProblem === 'expired' || failure.certificateProblem === 'not-yet-valid') {
    // Pinning would not help: validity dates are checked for a pinned certificate too.
    return `${intro} Check your computer's date and time; otherwise the server's administrator has to renew it.`;
  }
  if (!certificate) return `${intro} Letterbox could not read the certificate to show it.`;
  if (failure.certificateProblem === 'pin-mismatch') {
    return `${intro} The server now presents a different one (SHA-256 ${certificate.fingerprint256}). If its certificate was renewed and you know this server, check the new one and trust it again.`;
  }
  return `${intro} If you know this server, you can trust exactly this certificate (SHA-256 ${certificate.fingerprint256}).`;
}

function tlsMessage(failure: Classified, where: string): string {
  const reason = failure.reason.toLowerCase();
  if (failure.variant === 'closed') {
    return `${where} closed the connection during the TLS handshake. Check the port and security setting.`;
  }
  if (/wrong version number|packet length too long|http request|unknown protocol|record layer failure/.test(reason)) {
    return `The TLS handshake with ${where} failed (${failure.reason}): the port may expect STARTTLS instead of TLS, or the reverse. Check the port and security setting.`;
  }
  if (/protocol version|unsupported protocol|no protocols available|version too low/.test(reason)) {
    return `The TLS handshake with ${where} failed (${failure.reason}): the server seems to offer only old TLS versions, and Letterbox needs TLS 1.2 or newer. Ask your provider.`;
  }
  return `The TLS handshake with ${where} failed (${failure.reason}). Check the port and security setting.`;
}

function authMessage(failure: Classified, context: MessageContext): string {
  const said = words(failure.serverText ?? failure.reason);
  if (failure.variant === 'IN-USE' || failure.variant?.startsWith('SYS') === true) {
    return `The server could not open the mailbox: ${said}. Another program may be using it; try again in a few minutes.`;
  }
  if (
    failure.serverText &&
    /STARTTLS|TLS (is )?required|encryption (is )?required|must use (TLS|SSL)/i.test(failure.serverText)
  ) {
    return `The server refused the login: ${said}. It wants an encrypted connection first: use security STARTTLS (usually port ${STARTTLS_PORT[context.protocol]}) or TLS (usually port ${TLS_PORT[context.protocol]}).`;
  }
  const methods = failure.authMethods;
  if (context.protocol === 'smtp' && methods && methods.length === 0) {
    return `The server refused the login: ${said}. It does not offer login (AUTH) on port ${context.port}; sending usually needs port ${STARTTLS_PORT.smtp} with STARTTLS or ${TLS_PORT.smtp} with TLS.`;
  }
  const offered = methods && methods.length > 0 ? ` (It offers ${methods.join(', ')}.)` : '';
  return `The server refused the login: ${said}. ${APP_PASSWORD}${offered}`;
}

function timeoutMessage(context: MessageContext, where: string): string {
  const seconds = Math.round(context.timeoutMs / 100) / 10;
  const base = `No answer from ${where} within ${seconds} s (${DURING[context.step].replace(/^while /, '')}).`;
  const { protocol, step, security } = context;
  if (step === 'greeting' && security !== 'implicit') {
    return `${base} The port may expect TLS from the start: try security TLS (usually port ${TLS_PORT[protocol]}).`;
  }
  if (step === 'tls') {
    return `${base} The port may expect STARTTLS instead of TLS: try security STARTTLS (usually port ${STARTTLS_PORT[protocol]}).`;
  }
  if (step === 'connect') return `${base} A firewall may block port ${context.port}, or the server is down.`;
  return `${base} The server may be busy; try again later.`;
}

/** The message for a person: what happened, at which step, and what to do about it. */
export function failureMessage(
  failure: Classified,
  certificate: CertificateInfo | null,
  context: MessageContext,
): string {
  const { host, port, protocol } = context;
  const where = `${host}:${port}`;
  switch (failure.code) {
    case 'dns_failed':
      return failure.reason === 'EAI_AGAIN'
        ? `Could not look up ${host} (the DNS server did not answer: EAI_AGAIN). Check your internet connection and try again.`
        : `Could not find ${host} (DNS lookup failed: ${failure.reason}). Check the server name.`;
    case 'connection_refused':
      return failure.variant === 'unreachable'
        ? `${where} could not be reached (${failure.reason}). Check your network connection and the server name.`
        : `${where} refused the connection. Check the port and security setting; the server may not offer ${NAME[protocol]} there.`;
    case 'timed_out':
      return timeoutMessage(context, where);
    case 'tls_failed':
      return tlsMessage(failure, where);
    case 'certificate_untrusted':
      return certificateMessage(failure, certificate, host);
    case 'starttls_missing': {
      const command = protocol === 'pop3' ? 'STLS (STARTTLS for POP3)' : 'STARTTLS';
      const what =
        failure.variant === 'refused' && failure.serverText
          ? `refused ${command} (${quote(failure.serverText)})`
          : `does not offer ${command}`;
      return `${where} ${what}, so Letterbox did not send your password. Use port ${TLS_PORT[protocol]} with TLS, or ask your provider.`;
    }
    case 'auth_failed':
      return authMessage(failure, context);
    case 'protocol_error':
      if (failure.variant === 'closed') {
        return `${where} closed the connection ${DURING[context.step]}. Check the port and security setting, or try again later.`;
      }
      if (failure.serverText) {
        return `${where} answered something Letterbox did not expect ${DURING[context.step]}: “${quote(failure.serverText)}”. Check that this is the ${NAME[protocol]} port (usually ${TLS_PORT[protocol]} with TLS or ${STARTTLS_PORT[protocol]} with STARTTLS).`;
      }
      return `Checking ${where} failed ${DURING[context.step]}: ${failure.reason}.`;
    case 'cancelled':
      return `Checking ${where} was cancelled.`;
  }
}
