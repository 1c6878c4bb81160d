import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import type { CertificateInfo } from '../../../shared/model/setup';

/**
 * "O=Example\nCN=mail.example.com" (X509Certificate's form, most general first) as
 * "CN=mail.example.com, O=Example": the most specific part first reads best in a dialog.
 */
export function readableName(distinguishedName: string): string {
  return distinguishedName
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .reverse()
    .join(', ');
}

/** The CN of a readable name, else the whole name: what a sentence should mention. */
export function shortName(readable: string): string {
  const match = /(?:^|, )CN=([^,]+)/.exec(readable);
  return match?.[1] ?? readable;
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** Issued by itself: the issuer is its own subject and its own key verifies its signature. */
function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** What the user sees about a certificate, and what pinning it needs (fingerprint and PEM). */
export function certificateInfo(der: Buffer): CertificateInfo {
  const certificate = new X509Certificate(der);
  return {
    subject: readableName(certificate.subject),
    issuer: readableName(certificate.issuer),
    validFrom: isoDate(certificate.validFrom),
    validTo: isoDate(certificate.validTo),
    fingerprint256: certificate.fingerprint256,
    selfSigned: isSelfSigned(certificate),
    pem: certificate.toString(),
  };
}

/** From `socket.getPeerCertificate(true)` (or the `cert` Node attaches to an identity error). */
export function certificateInfoFromPeer(peer: Pick<PeerCertificate, 'raw'>): CertificateInfo {
  return certificateInfo(peer.raw);
}

/** The peer certificate on a Node error, when Node attached one (ERR_TLS_CERT_ALTNAME_INVALID, a pin mismatch). */
export function certificateOnError(error: unknown): CertificateInfo | null {
  if (typeof error !== 'object' || error === null || !('cert' in error)) return null;
  const cert: unknown = error.cert;
  if (typeof cert !== 'object' || cert === null || !('raw' in cert) || !Buffer.isBuffer(cert.raw)) return null;
  try {
    return certificateInfo(cert.raw);
  } catch {
    return null;
  }
}
