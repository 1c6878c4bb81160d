/**
 * Which certificates and which encryption settings the sender accepts: a private CA's
 * certificate only when trusted, a pinned self-signed certificate, and plaintext only when the
 * account says `none`.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSmtpSender, type SmtpSender, type SmtpTarget } from '../../../main/mail/smtp';
import {
  privateCaAndLeaf,
  selfSignedCertificate,
  type TestCertificate,
} from '../../support/fault-servers/certificates';
import { startFaultySmtpServer, type RunningFaultySmtpServer, type SmtpFaultPolicy } from '../../support/smtp-faults';
import { expectKind, rawMessage, targetFor, wire } from './fixtures';

const USER = 'gina';
const PASSWORD = 'pinned-and-private-7';
const FROM = 'gina@faults.test';
const TO = ['ann@faults.test'];
const credentials = { username: USER, password: PASSWORD };
let leaf: TestCertificate;
let selfSigned: TestCertificate;
let otherSelfSigned: TestCertificate;
const running: { close(): Promise<void> }[] = [];
const senders: SmtpSender[] = [];

beforeAll(async () => {
  [{ leaf }, selfSigned, otherSelfSigned] = await Promise.all([
    privateCaAndLeaf('localhost'),
    selfSignedCertificate('mail.self-hosted.invalid'),
    selfSignedCertificate('other.invalid'),
  ]);
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function faulty(
  certificate: TestCertificate,
  policy: Partial<SmtpFaultPolicy>,
): Promise<RunningFaultySmtpServer> {
  const server = await startFaultySmtpServer({
    certPem: certificate.certPem,
    keyPem: certificate.keyPem,
    user: USER,
    password: PASSWORD,
    ...policy,
  });
  running.push(server);
  return server;
}

function open(target: SmtpTarget): SmtpSender {
  const sender = openSmtpSender(target);
  senders.push(sender);
  return sender;
}

describe('certificates and encryption', () => {
  it('a certificate from an authority nobody trusts: permanent at tls, no login', async () => {
    const server = await faulty(leaf, { implicitTls: true });
    const smtp = open(targetFor(server.port, 'implicit', credentials));
    const { outcome, attempt } = await smtp.send({ from: FROM, to: TO }, rawMessage(FROM, TO).raw);

    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure.phase).toBe('tls');
    expect(failed.failure.explanation).toMatch(/unknown authority|authority this computer does not trust/);
    expect(server.events.some((event) => event.startsWith('auth'))).toBe(false);
    expect(attempt.tls).toBeNull();
  });

  it('a pinned self-signed certificate is accepted although its name does not match', async () => {
    const server = await faulty(selfSigned, {});
    const pinnedCertificate = { fingerprint256: selfSigned.fingerprint256, pem: selfSigned.certPem };
    const smtp = open(targetFor(server.port, 'starttls', credentials, { server: { pinnedCertificate } }));
    const { raw, messageId } = rawMessage(FROM, TO);
    const { outcome, attempt } = await smtp.send({ from: FROM, to: TO }, raw);

    expectKind(outcome, 'sent');
    expect(attempt.tls).not.toBeNull();
    expect(server.deliveries.map((delivery) => delivery.messageId)).toEqual([messageId]);
  });

  it('another certificate than the pinned one: permanent at tls, explained, no login', async () => {
    const server = await faulty(otherSelfSigned, {});
    const pinnedCertificate = { fingerprint256: selfSigned.fingerprint256, pem: selfSigned.certPem };
    const smtp = open(targetFor(server.port, 'starttls', credentials, { server: { pinnedCertificate } }));
    const { outcome } = await smtp.send({ from: FROM, to: TO }, rawMessage(FROM, TO).raw);

    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure.phase).toBe('tls');
    expect(failed.failure.explanation).toMatch(/different certificate from the one you chose to trust/);
    expect(server.events.some((event) => event.startsWith('auth'))).toBe(false);
  });

  it('security none: no STARTTLS although offered, the login goes in plaintext as the user chose', async () => {
    const server = await faulty(leaf, { allowInsecureAuth: true });
    const smtp = open(targetFor(server.port, 'none', credentials));
    const { outcome, attempt } = await smtp.send({ from: FROM, to: TO }, rawMessage(FROM, TO).raw);

    expectKind(outcome, 'sent');
    expect(attempt.tls).toBeNull();
    expect(wire(attempt)).not.toContain('client: STARTTLS');
    expect(server.events).toContain(`auth ${USER} (plaintext)`);
  });
});
