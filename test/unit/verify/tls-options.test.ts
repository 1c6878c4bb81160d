import { rootCertificates, type PeerCertificate } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { socketHost, tlsOptionsFor } from '../../../main/mail/tls/options';
import { PIN_MISMATCH, trustAnchors } from '../../../main/mail/tls/trust';
import { selfSignedCertificate, type TestCertificate } from '../../support/fault-servers/certificates';
import { handshake } from './tls-handshake';

let server: TestCertificate;
let other: TestCertificate;
beforeAll(async () => {
  [server, other] = await Promise.all([
    selfSignedCertificate('pinned.invalid'),
    selfSignedCertificate('other.invalid'),
  ]);
});

describe('TLS options for a mail server', () => {
  it('sends the host name as SNI, requires TLS 1.2 and verifies, with Node’s default trust store', () => {
    const options = tlsOptionsFor({ host: 'imap.example.com' });
    expect(options).toMatchObject({ host: 'imap.example.com', servername: 'imap.example.com', minVersion: 'TLSv1.2' });
    expect(options.rejectUnauthorized).toBe(true);
    // No `ca` at all: Node's default store, which includes NODE_EXTRA_CA_CERTS.
    expect(options.ca).toBeUndefined();
  });

  it('sends no SNI for IP literals and unwraps bracketed IPv6', () => {
    expect(tlsOptionsFor({ host: '192.0.2.7' }).servername).toBeUndefined();
    const v6 = tlsOptionsFor({ host: '[2001:db8::1]' });
    expect(v6.servername).toBeUndefined();
    expect(v6.host).toBe('2001:db8::1');
    expect(socketHost('[::1]')).toBe('::1');
  });

  it('appends extra CAs to the bundled roots instead of replacing them, in one shared TLS context', () => {
    expect(trustAnchors([server.certPem])).toEqual([...rootCertificates, server.certPem]);
    const first = tlsOptionsFor({ host: 'localhost' }, { extraCa: [server.certPem] });
    const second = tlsOptionsFor({ host: 'mail.example.com' }, { extraCa: [server.certPem] });
    expect(first.secureContext).toBeDefined();
    expect(second.secureContext).toBe(first.secureContext);
    expect(tlsOptionsFor({ host: 'localhost' }, { extraCa: [other.certPem] }).secureContext).not.toBe(
      first.secureContext,
    );
  });

  it('with a pin, trusts that certificate alone and checks its fingerprint', () => {
    const pinned = { fingerprint256: server.fingerprint256, pem: server.certPem };
    const options = tlsOptionsFor(
      { host: 'mail.example.com', pinnedCertificate: pinned },
      { extraCa: [other.certPem] },
    );
    expect(options.ca).toEqual([server.certPem]);
    expect(options.allowPartialTrustChain).toBe(true);
    const check = options.checkServerIdentity;
    expect(check?.('mail.example.com', { fingerprint256: server.fingerprint256 } as PeerCertificate)).toBeUndefined();
    expect(check?.('mail.example.com', { fingerprint256: other.fingerprint256 } as PeerCertificate)).toMatchObject({
      code: PIN_MISMATCH,
    });
  });

  it('accepts the pinned certificate in a real handshake even though its name does not match', async () => {
    const pinned = { fingerprint256: server.fingerprint256, pem: server.certPem };
    const seen: string[] = [];
    const options = tlsOptionsFor(
      { host: 'mail.example.com', pinnedCertificate: pinned },
      { onVerified: (cert, how) => seen.push(`${how} ${cert.fingerprint256}`) },
    );
    expect(await handshake({ cert: server.certPem, key: server.keyPem }, options)).toBe('connected');
    expect(seen).toEqual([`pinned ${server.fingerprint256}`]);
  });

  it('refuses another certificate than the pinned one, and a right PEM with a wrong fingerprint', async () => {
    const pinnedOther = tlsOptionsFor({
      host: 'mail.example.com',
      pinnedCertificate: { fingerprint256: other.fingerprint256, pem: other.certPem },
    });
    expect(await handshake({ cert: server.certPem, key: server.keyPem }, pinnedOther)).toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const mismatched = tlsOptionsFor({
      host: 'mail.example.com',
      pinnedCertificate: { fingerprint256: other.fingerprint256, pem: server.certPem },
    });
    expect(await handshake({ cert: server.certPem, key: server.keyPem }, mismatched)).toMatchObject({
      code: PIN_MISMATCH,
    });
  });

  it('without a pin, a self-signed certificate fails verification even when its name matches', async () => {
    const options = tlsOptionsFor({ host: 'pinned.invalid' });
    expect(await handshake({ cert: server.certPem, key: server.keyPem }, options)).toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });
});
