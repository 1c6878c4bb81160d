import { rootCertificates } from 'node:tls';

/**
 * Trust anchors for a TLS connection: the public roots plus any extra CA the caller gave (a
 * company CA, the tests' per-run CA). Node's `ca` option replaces the roots, so they are added
 * back explicitly. Undefined means "Node's defaults".
 */
export function trustAnchors(extra: readonly string[] | undefined): string[] | undefined {
  return extra && extra.length > 0 ? [...rootCertificates, ...extra] : undefined;
}

export function asList(ca: string | string[] | undefined): string[] | undefined {
  if (ca === undefined) return undefined;
  return Array.isArray(ca) ? ca : [ca];
}

// OpenSSL/Node codes that mean "the certificate was checked and is not trustworthy".
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isCertificateError(code: unknown): boolean {
  return typeof code === 'string' && CERTIFICATE_CODES.has(code);
}

/** "certificate not trusted (ERR_TLS_CERT_ALTNAME_INVALID: the name does not match)" and the like. */
export function describeCertificateError(code: string): string {
  const why: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'issued by an unknown CA',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issued by an unknown CA',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issued by an unknown CA',
    CERT_HAS_EXPIRED: 'expired',
    CERT_NOT_YET_VALID: 'not yet valid',
    ERR_TLS_CERT_ALTNAME_INVALID: 'issued for another name',
  };
  return `certificate not trusted (${why[code] ?? code})`;
}
