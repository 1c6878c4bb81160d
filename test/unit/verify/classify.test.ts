import { lookup } from 'node:dns/promises';
import { connect as netConnect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Pop3AuthError,
  Pop3ClosedError,
  Pop3StlsUnavailableError,
  Pop3TimeoutError,
} from '../../../main/mail/pop3/errors';
import { tlsOptionsFor } from '../../../main/mail/tls/options';
import { classifyError, errorCode } from '../../../main/mail/verify/classify';
import { freePort } from '../../support/ports';
import {
  expiredCertificate,
  privateCaAndLeaf,
  selfSignedCertificate,
  type TestCertificate,
} from '../../support/fault-servers/certificates';
import { handshake } from './tls-handshake';

let selfSigned: TestCertificate;
let expired: TestCertificate;
let chain: { ca: TestCertificate; leaf: TestCertificate };
beforeAll(async () => {
  [selfSigned, expired, chain] = await Promise.all([
    selfSignedCertificate('mail.example.test'),
    expiredCertificate('mail.example.test'),
    privateCaAndLeaf('mail.example.test'),
  ]);
});

const target = { host: 'mail.example.test' };

async function refusedConnection(): Promise<Error> {
  const port = await freePort();
  return new Promise((resolve) => netConnect({ host: '127.0.0.1', port }).on('error', resolve));
}

describe('classifying real Node errors', () => {
  it('a name that does not resolve is dns_failed', async () => {
    const error = await lookup('nonexistent.invalid').catch((caught: unknown) => caught);
    expect(classifyError(error, 'dns')).toMatchObject({ code: 'dns_failed', reason: 'ENOTFOUND', step: 'dns' });
  });

  it('a closed port is connection_refused', async () => {
    const error = await refusedConnection();
    expect(errorCode(error)).toBe('ECONNREFUSED');
    expect(classifyError(error, 'connect')).toMatchObject({ code: 'connection_refused', step: 'connect' });
  });

  it('a connect timeout is timed_out', () => {
    // libuv's shape for a connect that got no SYN-ACK; loopback cannot produce one for real.
    const error = Object.assign(new Error('connect ETIMEDOUT 192.0.2.1:993'), {
      errno: -110,
      code: 'ETIMEDOUT',
      syscall: 'connect',
      address: '192.0.2.1',
      port: 993,
    });
    expect(classifyError(error, 'connect')).toMatchObject({ code: 'timed_out' });
  });

  it('nodemailer’s wrapping (code ESOCKET, originalCode) is looked through', async () => {
    const error = Object.assign(await refusedConnection(), { originalCode: 'ECONNREFUSED', code: 'ESOCKET' });
    expect(classifyError(error, 'connect').code).toBe('connection_refused');
  });

  it('TLS to a plaintext port is tls_failed with OpenSSL’s reason', async () => {
    const server = createTcpServer((socket) => socket.end('* OK plaintext IMAP\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const error = await new Promise<Error>((resolve) =>
      tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: true }).on('error', resolve),
    );
    server.close();
    expect(errorCode(error)).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(classifyError(error, 'tls')).toMatchObject({ code: 'tls_failed', reason: 'wrong version number' });
  });

  it.each([
    [
      'a self-signed certificate',
      () => ({ cert: selfSigned.certPem, key: selfSigned.keyPem }),
      {},
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'self-signed',
    ],
    [
      'a chain ending at an unknown root',
      () => ({ cert: chain.leaf.certPem + chain.ca.certPem, key: chain.leaf.keyPem }),
      {},
      'SELF_SIGNED_CERT_IN_CHAIN',
      'untrusted-root',
    ],
    [
      'a leaf from an unknown CA',
      () => ({ cert: chain.leaf.certPem, key: chain.leaf.keyPem }),
      {},
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'unknown-issuer',
    ],
    [
      'an expired certificate',
      () => ({ cert: expired.certPem, key: expired.keyPem }),
      { expired: true },
      'CERT_HAS_EXPIRED',
      'expired',
    ],
  ] as const)('%s is certificate_untrusted (%s)', async (_name, server, flags, code, problem) => {
    const extraCa = 'expired' in flags ? [expired.certPem] : [];
    const error = await handshake(server(), tlsOptionsFor(target, { extraCa }));
    expect(errorCode(error)).toBe(code);
    expect(classifyError(error, 'tls')).toMatchObject({ code: 'certificate_untrusted', certificateProblem: problem });
  });

  it('a name mismatch is certificate_untrusted and carries the certificate', async () => {
    const options = tlsOptionsFor({ host: 'other.example.test' }, { extraCa: [chain.ca.certPem] });
    const error = await handshake({ cert: chain.leaf.certPem, key: chain.leaf.keyPem }, options);
    expect(errorCode(error)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const classified = classifyError(error, 'starttls');
    expect(classified).toMatchObject({ code: 'certificate_untrusted', certificateProblem: 'name-mismatch' });
    expect(classified.certificate?.fingerprint256).toBe(chain.leaf.fingerprint256);
  });

  it('a pinned certificate that is not the one presented is certificate_untrusted (pin-mismatch)', async () => {
    const pinned = { fingerprint256: chain.ca.fingerprint256, pem: selfSigned.certPem };
    const error = await handshake(
      { cert: selfSigned.certPem, key: selfSigned.keyPem },
      tlsOptionsFor({ ...target, pinnedCertificate: pinned }),
    );
    const classified = classifyError(error, 'tls');
    expect(classified).toMatchObject({ code: 'certificate_untrusted', certificateProblem: 'pin-mismatch' });
    expect(classified.certificate?.fingerprint256).toBe(selfSigned.fingerprint256);
  });

  it('a connection closed during a handshake is tls_failed, elsewhere protocol_error', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
    expect(classifyError(reset, 'starttls').code).toBe('tls_failed');
    expect(classifyError(reset, 'greeting').code).toBe('protocol_error');
  });
});

describe('classifying library errors', () => {
  it('imapflow’s authentication failure keeps the server’s words without the tag', () => {
    const error = Object.assign(new Error('Command failed'), {
      response: '2 NO [AUTHENTICATIONFAILED] Authentication failed.',
      responseStatus: 'NO',
      responseText: 'Authentication failed.',
      serverResponseCode: 'AUTHENTICATIONFAILED',
      authenticationFailed: true,
    });
    expect(classifyError(error, 'auth')).toMatchObject({
      code: 'auth_failed',
      serverText: 'NO [AUTHENTICATIONFAILED] Authentication failed.',
      step: 'auth',
    });
  });

  it('imapflow’s and nodemailer’s named timeouts are timed_out', () => {
    expect(classifyError(Object.assign(new Error('x'), { code: 'GREETING_TIMEOUT' }), 'greeting').code).toBe(
      'timed_out',
    );
    expect(
      classifyError(Object.assign(new Error('x'), { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }), 'greeting')
        .code,
    ).toBe('timed_out');
  });

  it('POP3 client errors map to their codes', () => {
    expect(
      classifyError(new Pop3AuthError('PASS', '-ERR [AUTH] Authentication failed.', 'AUTH'), 'auth'),
    ).toMatchObject({
      code: 'auth_failed',
      serverText: '-ERR [AUTH] Authentication failed.',
    });
    expect(classifyError(new Pop3StlsUnavailableError('CAPA: USER'), 'starttls').code).toBe('starttls_missing');
    expect(classifyError(new Pop3TimeoutError('CAPA', 1000), 'greeting').code).toBe('timed_out');
    expect(classifyError(new Pop3ClosedError('STLS'), 'starttls').code).toBe('tls_failed');
  });
});
