import { rootCertificates } from 'node:tls';

/** Node error code of a handshake refused because the certificate is not the pinned one. */
export const PIN_MISMATCH = 'ERR_LETTERBOX_CERT_PIN_MISMATCH';

/**
 * Trust anchors for a TLS connection: the public roots plus any extra CA the caller gave (a
 * company CA, the tests' per-run CA). Node's `ca` option replaces the roots, so they are added
 * back explicitly. Undefined means "Node's defaults" (NODE_EXTRA_CA_CERTS included:
 * `tls.rootCertificates` is only the bundled list, so giving extra CAs drops that variable).
 */
export function trustAnchors(extra: readonly string[] | undefined): string[] | undefined {
  return extra && extra.length > 0 ? [...rootCertificates, ...extra] : undefined;
}

/** Why a certificate was checked and found not trustworthy. */
export type CertificateProblem =
  | 'self-signed'
  | 'untrusted-root'
  | 'unknown-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'name-mismatch'
  | 'pin-mismatch'
  | 'other';

// OpenSSL/Node codes that mean "the certificate was checked and is not trustworthy", and why.
const PROBLEMS = new Map<string, CertificateProblem>([
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'untrusted-root'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknown-issuer'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'unknown-issuer'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unknown-issuer'],
  ['CERT_HAS_EXPIRED', 'expired'],
  ['CERT_NOT_YET_VALID', 'not-yet-valid'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'name-mismatch'],
  ['HOSTNAME_MISMATCH', 'name-mismatch'],
  [PIN_MISMATCH, 'pin-mismatch'],
  ['CERT_UNTRUSTED', 'other'],
  ['CERT_REJECTED', 'other'],
  ['CERT_REVOKED', 'other'],
  ['CERT_SIGNATURE_FAILURE', 'other'],
  ['CERT_CHAIN_TOO_LONG', 'other'],
  ['INVALID_CA', 'other'],
  ['INVALID_PURPOSE', 'other'],
  ['PATH_LENGTH_EXCEEDED', 'other'],
  ['UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'other'],
  ['UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'other'],
  ['ERR_TLS_CERT_ALTNAME_FORMAT', 'other'],
]);

/** The problem an error code names; null when the code is not about an untrusted certificate. */
export function certificateProblem(code: unknown): CertificateProblem | null {
  return typeof code === 'string' ? (PROBLEMS.get(code) ?? null) : null;
}

// A few words each, for a line about a server; the others are shown as their code.
const IN_WORDS: Partial<Record<CertificateProblem, string>> = {
  'self-signed': 'self-signed',
  'untrusted-root': 'issued by an unknown CA',
  'unknown-issuer': 'issued by an unknown CA',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  'name-mismatch': 'issued for another name',
};

/** "certificate not trusted (issued for another name)", "certificate not trusted (CERT_REVOKED)" and the like. */
export function describeCertificateError(code: string): string {
  const problem = certificateProblem(code);
  return `certificate not trusted (${(problem && IN_WORDS[problem]) ?? code})`;
}
