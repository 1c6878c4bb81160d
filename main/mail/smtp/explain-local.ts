import { certificateProblem, type CertificateProblem } from '../tls/trust';

/** Codes of failures that happen on this side or on the network, not replies of the server. */
const NETWORK: Readonly<Record<string, string>> = {
  ECONNREFUSED:
    'The server refused the connection: nothing accepts mail on that port. Check the server name and port, or whether the server is running; Letterbox retries automatically.',
  ETIMEDOUT:
    'The server did not answer in time (it may be down, or a firewall may be dropping the connection); Letterbox retries automatically.',
  ENOTFOUND:
    'The server name could not be found in DNS. Check the spelling of the server name, or your internet connection; Letterbox retries automatically.',
  EAI_AGAIN: 'The server name could not be looked up just now (DNS did not answer); Letterbox retries automatically.',
  ECONNRESET:
    'The connection was cut off (reset) by the server or something on the network; Letterbox retries automatically.',
  EPIPE: 'The connection was closed while Letterbox was still writing; Letterbox retries automatically.',
  EHOSTUNREACH: 'The server cannot be reached from this network; Letterbox retries automatically.',
  ENETUNREACH: 'This computer has no route to the server (are you offline?); Letterbox retries automatically.',
  ECONNECTION: 'The server closed the connection unexpectedly; Letterbox retries automatically.',
};

// nodemailer names its own timers; they read like a network timeout to a person.
const TIMEOUTS = new Set(['ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'SOCKET_TIMEOUT']);

const CERTIFICATE: Readonly<Record<CertificateProblem, string>> = {
  'self-signed':
    'The server presented a self-signed certificate, which nobody vouches for, so Letterbox did not send anything. Trust that exact certificate in the account settings if it is your server.',
  'untrusted-root':
    'The server certificate comes from an authority this computer does not trust, so Letterbox did not send anything.',
  'unknown-issuer':
    'The server certificate was issued by an unknown authority (or the server does not send its intermediate certificate), so Letterbox did not send anything.',
  expired:
    'The server certificate has expired, so Letterbox did not send anything. The server needs a new certificate.',
  'not-yet-valid':
    "The server certificate is not valid yet (check this computer's clock), so Letterbox did not send anything.",
  'name-mismatch':
    'The server certificate was issued for another name than the server you set, so Letterbox did not send anything. Check the server name in the account settings.',
  'pin-mismatch':
    'The server presented a different certificate from the one you chose to trust, so Letterbox did not send anything. If the server changed its certificate on purpose, trust the new one.',
  other: 'The server certificate could not be trusted, so Letterbox did not send anything.',
};

export const NO_ENCRYPTION =
  'The server did not offer encryption (STARTTLS), so Letterbox did not send your password or the message. Use port 465 with TLS, or ask your provider; someone on the network may also be stripping encryption.';

export function isTimeoutCode(code: string): boolean {
  return code === 'ETIMEDOUT' || TIMEOUTS.has(code);
}

/** Plain language for a local or network error code (the `text` may hold more words around it). */
export function explainLocalError(text: string | null): string {
  const code = /\b([A-Z][A-Z0-9_]{3,})\b/.exec(text ?? '')?.[1] ?? '';
  const problem = certificateProblem(code);
  if (problem) return CERTIFICATE[problem];
  if (isTimeoutCode(code)) return NETWORK.ETIMEDOUT ?? '';
  const network = NETWORK[code];
  if (network) return network;
  if (/^ERR_SSL_|^ERR_TLS_|^EPROTO$|^ETLS$/.test(code)) {
    return 'The encrypted connection to the server could not be set up (TLS failed), so Letterbox did not send anything.';
  }
  return 'Sending failed before the server replied; Letterbox retries automatically.';
}
