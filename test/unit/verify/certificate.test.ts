import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo, certificateInfoFromPeer, readableName, shortName } from '../../../main/mail/tls/certificate';
import { tlsOptionsFor } from '../../../main/mail/tls/options';
import {
  privateCaAndLeaf,
  selfSignedCertificate,
  type TestCertificate,
} from '../../support/fault-servers/certificates';
import { handshake } from './tls-handshake';

let selfSigned: TestCertificate;
let chain: { ca: TestCertificate; leaf: TestCertificate };
beforeAll(async () => {
  [selfSigned, chain] = await Promise.all([
    selfSignedCertificate('mail.example.test'),
    privateCaAndLeaf('imap.example.test'),
  ]);
});

function der(pem: string): Buffer {
  return new X509Certificate(pem).raw;
}

describe('CertificateInfo', () => {
  it('describes a self-signed certificate with readable names, ISO dates and the SHA-256 fingerprint', () => {
    const info = certificateInfo(der(selfSigned.certPem));
    expect(info.subject).toBe('CN=mail.example.test, O=Letterbox fault servers');
    expect(info.issuer).toBe(info.subject);
    expect(info.selfSigned).toBe(true);
    expect(info.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(Date.parse(info.validTo) - Date.parse(info.validFrom)).toBe(30 * 24 * 3600 * 1000);
    // The same fingerprint openssl computes, in the format the pinning schema requires.
    const openssl = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], {
      input: selfSigned.certPem,
    })
      .toString()
      .trim()
      .split('=')[1];
    expect(info.fingerprint256).toBe(openssl);
    expect(info.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new X509Certificate(info.pem).fingerprint256).toBe(info.fingerprint256);
  });

  it('tells a CA-issued leaf from a self-signed one', () => {
    const info = certificateInfo(der(chain.leaf.certPem));
    expect(info.selfSigned).toBe(false);
    expect(info.subject).toBe('CN=imap.example.test');
    expect(info.issuer).toBe('CN=Fault Server Test CA, O=Letterbox fault servers');
    expect(shortName(info.issuer)).toBe('Fault Server Test CA');
  });

  it('builds the same info from a real peer certificate (getPeerCertificate(true))', async () => {
    let peerInfo: ReturnType<typeof certificateInfoFromPeer> | undefined;
    const options = tlsOptionsFor(
      { host: 'imap.example.test' },
      { extraCa: [chain.ca.certPem], onVerified: (cert) => (peerInfo = certificateInfoFromPeer(cert)) },
    );
    expect(await handshake({ cert: chain.leaf.certPem, key: chain.leaf.keyPem }, options)).toBe('connected');
    expect(peerInfo).toEqual(certificateInfo(der(chain.leaf.certPem)));
  });

  it('orders distinguished names most specific first', () => {
    expect(readableName('C=DE\nO=Example GmbH\nCN=mail.example.de')).toBe('CN=mail.example.de, O=Example GmbH, C=DE');
  });
});
