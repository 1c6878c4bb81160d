import { isIP } from 'node:net';
import {
  checkServerIdentity,
  createSecureContext,
  type ConnectionOptions,
  type PeerCertificate,
  type SecureContext,
} from 'node:tls';
import type { PinnedCertificate } from '../../../shared/model/account';
import { PIN_MISMATCH, trustAnchors } from './trust';

export interface TlsTarget {
  /** As stored on the account: a name, an IPv4 literal or a bracketed IPv6 literal. */
  host: string;
  pinnedCertificate?: PinnedCertificate | null;
}

export interface TlsTrust {
  /**
   * More CAs (PEM) to trust besides Node's bundled roots, for in-process tests. By default no
   * `ca` is passed at all, so Node's default store applies, NODE_EXTRA_CA_CERTS included
   * (`tls.rootCertificates` is only the bundled list, so giving extraCa drops that variable).
   */
  extraCa?: readonly string[];
  /** Told about the server certificate once it passed verification (chain and name, or the pin). */
  onVerified?: (certificate: PeerCertificate, how: 'authority' | 'pinned') => void;
}

const contexts = new Map<string, SecureContext>();

/**
 * One TLS context per set of trust anchors: building one parses every root certificate (about
 * 50 ms), which would otherwise be paid again by every connection that trusts an extra CA.
 */
function contextTrusting(ca: readonly string[]): SecureContext {
  const key = ca.join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ca: [...ca], minVersion: 'TLSv1.2' });
    contexts.set(key, context);
  }
  return context;
}

/** The address part of a host: `[::1]` is URL syntax for the IPv6 address `::1`. */
export function socketHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

export function isIpLiteral(host: string): boolean {
  return isIP(socketHost(host)) !== 0;
}

/** Same form as Node's fingerprint256 (uppercase hex pairs and colons), whatever the input case. */
function sameFingerprint(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** The error a pinned connection fails with; carries the certificate so it can be shown. */
export function pinMismatchError(pinned: PinnedCertificate, certificate: PeerCertificate): Error {
  return Object.assign(
    new Error(
      `The server presented the certificate ${certificate.fingerprint256}, not the trusted ${pinned.fingerprint256}`,
    ),
    { code: PIN_MISMATCH, cert: certificate },
  );
}

/**
 * The one place TLS options for a mail server are made (direct TLS, STARTTLS and STLS alike).
 * Verification is always on: credentials must never go over a connection whose certificate was
 * not checked, so `rejectUnauthorized: false` appears nowhere but the certificate probe.
 *
 * With a pinned certificate, exactly that certificate is trusted: it is the only trust anchor
 * (`ca`), `allowPartialTrustChain` lets it anchor even when it is not self-signed (a leaf from a
 * private CA the server does not send), and `checkServerIdentity` accepts only a peer whose
 * SHA-256 fingerprint is the pinned one — which also tolerates a name mismatch for that exact
 * certificate. Node calls checkServerIdentity only after the chain verified (lib/_tls_wrap.js,
 * onConnectSecure), so both checks always run.
 */
export function tlsOptionsFor(target: TlsTarget, trust: TlsTrust = {}): ConnectionOptions {
  const host = socketHost(target.host);
  const options: ConnectionOptions = {
    // `host` matters for an upgrade of an existing socket: Node checks the certificate against
    // `servername || host`, and without either it would check the name "localhost".
    host,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
  };
  // SNI carries names only (RFC 6066 §3); for an IP literal Node matches the IP SANs instead.
  if (isIP(host) === 0) options.servername = host;

  const pinned = target.pinnedCertificate;
  if (pinned) {
    options.ca = [pinned.pem];
    options.allowPartialTrustChain = true;
    options.checkServerIdentity = (_hostname, certificate) => {
      if (!sameFingerprint(certificate.fingerprint256, pinned.fingerprint256)) {
        return pinMismatchError(pinned, certificate);
      }
      trust.onVerified?.(certificate, 'pinned');
      return undefined;
    };
    return options;
  }

  const ca = trustAnchors(trust.extraCa);
  if (ca) options.secureContext = contextTrusting(ca);
  options.checkServerIdentity = (hostname, certificate) => {
    const error = checkServerIdentity(hostname, certificate);
    if (!error) trust.onVerified?.(certificate, 'authority');
    return error;
  };
  return options;
}
