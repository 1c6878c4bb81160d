/**
 * Self-signed certificates: the check fails with the certificate shown (read over a separate,
 * credential-free probe, through STARTTLS/STLS where needed), pinning exactly that certificate
 * then succeeds although its name does not match, and any other pin is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinnedCertificate } from '../../../shared/model/account';
import type { VerifyResult } from '../../../shared/model/setup';
import { verifyIncoming, verifyOutgoing } from '../../../main/mail/verify';
import { selfSignedCertificate, type TestCertificate } from '../../support/fault-servers/certificates';
import { imapScript } from '../../support/fault-servers/imap';
import { startLineServer, type RunningLineServer } from '../../support/fault-servers/line-server';
import { pop3Script } from '../../support/fault-servers/pop3';
import { startSmtpServer, type RunningSmtpServer } from '../../support/smtp';
import { SmtpRecorder } from '../../support/smtp-recorder';
import { incoming, outgoing, stepSummary } from './accounts';

const USER = 'dana';
const PASSWORD = 'self-hosted-secret';
let certificate: TestCertificate;
let other: TestCertificate;
const running: { close(): Promise<void> }[] = [];
let imaps: RunningLineServer;
let imapStarttls: RunningLineServer;
let pop3Stls: RunningLineServer;
let smtps: RunningSmtpServer;
let smtpStarttls: RunningSmtpServer;

beforeAll(async () => {
  [certificate, other] = await Promise.all([
    selfSignedCertificate('mail.self-hosted.invalid'),
    selfSignedCertificate('other.invalid'),
  ]);
  const imap = imapScript({ starttls: true, user: USER, password: PASSWORD });
  imaps = await startLineServer({ script: imap, certificate, implicitTls: true });
  imapStarttls = await startLineServer({
    script: imapScript({ starttls: true, user: USER, password: PASSWORD }),
    certificate,
  });
  pop3Stls = await startLineServer({ script: pop3Script({ stls: true, user: USER, password: PASSWORD }), certificate });
  const smtp = {
    certPem: certificate.certPem,
    keyPem: certificate.keyPem,
    recorder: new SmtpRecorder(),
    mailboxes: {
      checkPassword: (user: string, password: string) => Promise.resolve(user === USER && password === PASSWORD),
      localUser: () => Promise.resolve(undefined),
      deliver: () => Promise.resolve(),
    },
  };
  smtps = await startSmtpServer({ ...smtp, implicitTls: true });
  smtpStarttls = await startSmtpServer(smtp);
  running.push(imaps, imapStarttls, pop3Stls, smtps, smtpStarttls);
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.close()));
});

function pinOf(result: VerifyResult): PinnedCertificate {
  const shown = result.failure?.certificate;
  if (!shown) throw new Error(`no certificate in ${JSON.stringify(result.failure)}`);
  return { fingerprint256: shown.fingerprint256, pem: shown.pem };
}

const cases = [
  [
    'IMAP, TLS',
    (pin: PinnedCertificate | null) =>
      verifyIncoming(incoming('imap', imaps.port, 'implicit', USER, { pinnedCertificate: pin }), PASSWORD),
    'tls',
  ],
  [
    'IMAP, STARTTLS',
    (pin: PinnedCertificate | null) =>
      verifyIncoming(incoming('imap', imapStarttls.port, 'starttls', USER, { pinnedCertificate: pin }), PASSWORD),
    'starttls',
  ],
  [
    'POP3, STLS',
    (pin: PinnedCertificate | null) =>
      verifyIncoming(incoming('pop3', pop3Stls.port, 'starttls', USER, { pinnedCertificate: pin }), PASSWORD),
    'starttls',
  ],
  [
    'SMTP, TLS',
    (pin: PinnedCertificate | null) =>
      verifyOutgoing(outgoing(smtps.port, 'implicit', USER, { pinnedCertificate: pin }), {
        username: USER,
        password: PASSWORD,
      }),
    'tls',
  ],
  [
    'SMTP, STARTTLS',
    (pin: PinnedCertificate | null) =>
      verifyOutgoing(outgoing(smtpStarttls.port, 'starttls', USER, { pinnedCertificate: pin }), {
        username: USER,
        password: PASSWORD,
      }),
    'starttls',
  ],
] as const;

describe('a self-signed server certificate', () => {
  it.each(cases)(
    '%s: untrusted with the certificate shown, then accepted once pinned',
    async (_name, verify, tlsStep) => {
      const refused = await verify(null);
      expect(refused.failure?.code).toBe('certificate_untrusted');
      expect(refused.steps.at(-1)).toMatchObject({ step: tlsStep, ok: false });
      expect(refused.failure?.certificate).toMatchObject({
        subject: 'CN=mail.self-hosted.invalid, O=Letterbox fault servers',
        issuer: 'CN=mail.self-hosted.invalid, O=Letterbox fault servers',
        fingerprint256: certificate.fingerprint256,
        selfSigned: true,
      });
      expect(refused.failure?.message).toBe(
        `The certificate of 127.0.0.1 is not trusted: self-signed (issuer CN=mail.self-hosted.invalid, O=Letterbox fault servers). If you know this server, you can trust exactly this certificate (SHA-256 ${certificate.fingerprint256}).`,
      );

      // Pinned: accepted although the certificate is for mail.self-hosted.invalid, not 127.0.0.1.
      const pinned = await verify(pinOf(refused));
      expect(pinned.failure).toBeNull();
      expect(stepSummary(pinned)).toMatch(/auth:ok done:ok$/);
    },
  );

  it.each(cases)('%s: a different pinned certificate is refused', async (_name, verify) => {
    const result = await verify({ fingerprint256: other.fingerprint256, pem: other.certPem });
    expect(result.failure?.code).toBe('certificate_untrusted');
    expect(result.failure?.message).toContain('it is not the certificate you chose to trust');
    expect(result.failure?.certificate?.fingerprint256).toBe(certificate.fingerprint256);
  });

  it('a pin whose fingerprint does not match its PEM is refused too', async () => {
    const [name, verify] = cases[0];
    const result = await verify({ fingerprint256: other.fingerprint256, pem: certificate.certPem });
    expect(result.failure, name).toMatchObject({ code: 'certificate_untrusted' });
    expect(result.failure?.message).toContain(
      `The server now presents a different one (SHA-256 ${certificate.fingerprint256})`,
    );
  });
});
