/**
 * Servers that misbehave in the ways that decide between "retry", "give up" and "ask the user":
 * each fault is a policy of a real smtp-server (smtp-faults.ts), and every accepted message is
 * counted, so "exactly once" is checked where it matters.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSmtpSender, type SmtpSender, type SmtpTarget } from '../../../main/mail/smtp';
import { privateCaAndLeaf, type TestCertificate } from '../../support/fault-servers/certificates';
import { startLineServer } from '../../support/fault-servers/line-server';
import { smtpWithoutStarttls } from '../../support/fault-servers/smtp';
import { startFaultySmtpServer, type RunningFaultySmtpServer, type SmtpFaultPolicy } from '../../support/smtp-faults';
import { expectKind, expectNoSecret, rawMessage, targetFor, wire } from './fixtures';

const USER = 'frank';
const PASSWORD = 'fault-server-secret-42';
const FROM = 'frank@faults.test';
let ca: TestCertificate;
let leaf: TestCertificate;
const running: { close(): Promise<void> }[] = [];
const senders: SmtpSender[] = [];

beforeAll(async () => {
  ({ ca, leaf } = await privateCaAndLeaf('localhost'));
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
  await Promise.all(running.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function faulty(policy: Partial<SmtpFaultPolicy>): Promise<RunningFaultySmtpServer> {
  const server = await startFaultySmtpServer({
    certPem: leaf.certPem,
    keyPem: leaf.keyPem,
    user: USER,
    password: PASSWORD,
    ...policy,
  });
  running.push(server);
  return server;
}

function senderFor(port: number, extra: Partial<SmtpTarget> = {}): SmtpSender {
  const sender = openSmtpSender(
    targetFor(port, 'starttls', { username: USER, password: PASSWORD }, { extraCa: [ca.certPem], ...extra }),
  );
  senders.push(sender);
  return sender;
}

describe('a server that fails on purpose', () => {
  it('451 4.7.1 (greylisting) at the end of DATA: transient, then sent on the same connection, delivered once', async () => {
    const server = await faulty({ tempFailData: 1 });
    const smtp = senderFor(server.port);
    const to = ['rita@faults.test'];
    const { raw, messageId } = rawMessage(FROM, to);

    const first = await smtp.send({ from: FROM, to }, raw);
    const failed = expectKind(first.outcome, 'transient');
    expect(failed.failure).toMatchObject({
      phase: 'message',
      code: 451,
      enhanced: '4.7.1',
      reply: '451 4.7.1 Greylisted, please try again later',
    });
    expect(failed.failure.explanation).toContain('Letterbox retries automatically');

    const second = await smtp.send({ from: FROM, to }, raw);
    const sent = expectKind(second.outcome, 'sent');
    expect(sent.queueId).toBe('FQ000001');
    expect(sent.reply).toBe('250 2.0.0 Ok: queued as FQ000001');
    expect(server.deliveries.map((delivery) => delivery.messageId)).toEqual([messageId]);
    expect(server.deliveries[0]?.raw.equals(raw)).toBe(true);
    expect(server.events.filter((event) => event === 'connect')).toHaveLength(1);
    expect(wire(second.attempt)[0]).toBe('client: RSET');
  });

  it('the server closed the idle connection between two messages: the next send connects again', async () => {
    const server = await faulty({ idleTimeoutMs: 300 });
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test'];
    const first = rawMessage(FROM, to);
    const second = rawMessage(FROM, to);

    expectKind((await smtp.send({ from: FROM, to }, first.raw)).outcome, 'sent');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const { outcome, attempt } = await smtp.send({ from: FROM, to }, second.raw);

    expectKind(outcome, 'sent');
    expect(attempt.timings.connectMs).not.toBeNull();
    expect(server.events.filter((event) => event === 'connect')).toHaveLength(2);
    expect(server.deliveries.map((delivery) => delivery.messageId)).toEqual([first.messageId, second.messageId]);
  });

  it('one of three recipients refused with 550 5.1.1: sent, with a result per recipient', async () => {
    const server = await faulty({ rejectRecipients: ['nobody@faults.test'] });
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test', 'nobody@faults.test', 'ben@faults.test'];
    const { raw, messageId } = rawMessage(FROM, to);

    const { outcome } = await smtp.send({ from: FROM, to }, raw);
    const sent = expectKind(outcome, 'sent');
    expect(
      sent.recipients.map(({ address, accepted, code, enhanced }) => ({ address, accepted, code, enhanced })),
    ).toEqual([
      { address: 'ann@faults.test', accepted: true, code: 250, enhanced: null },
      { address: 'nobody@faults.test', accepted: false, code: 550, enhanced: '5.1.1' },
      { address: 'ben@faults.test', accepted: true, code: 250, enhanced: null },
    ]);
    expect(sent.recipients[1]?.reply).toBe('550 5.1.1 <nobody@faults.test>: Recipient address rejected: User unknown');
    expect(sent.recipients[1]?.explanation).toMatch(/does not know this address/);
    expect(sent.recipients[0]?.explanation).toBeNull();
    expect(server.deliveries).toHaveLength(1);
    expect(server.deliveries[0]).toMatchObject({ messageId, rcptTo: ['ann@faults.test', 'ben@faults.test'] });
  });

  it('every recipient refused: permanent at rcpt, no message data sent', async () => {
    const server = await faulty({ rejectRecipients: ['x@faults.test', 'y@faults.test'] });
    const smtp = senderFor(server.port);
    const to = ['x@faults.test', 'y@faults.test'];
    const { outcome } = await smtp.send({ from: FROM, to }, rawMessage(FROM, to).raw);

    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure).toMatchObject({ phase: 'rcpt', code: 550, enhanced: '5.1.1' });
    expect(failed.recipients.map((recipient) => recipient.accepted)).toEqual([false, false]);
    expect(server.events).not.toContain('data');
  });

  it('554 5.7.1 at the end of DATA: permanent, explained as a policy refusal', async () => {
    const server = await faulty({ rejectData: { code: 554, text: '5.7.1 Message rejected as spam' } });
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test'];
    const { outcome } = await smtp.send({ from: FROM, to }, rawMessage(FROM, to).raw);

    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure).toMatchObject({
      phase: 'message',
      code: 554,
      enhanced: '5.7.1',
      reply: '554 5.7.1 Message rejected as spam',
    });
    expect(failed.failure.explanation).toMatch(/refused this message by policy/);
    expect(server.deliveries).toHaveLength(0);
  });

  it('the connection dropped after the final dot: uncertain, never retried by the sender itself', async () => {
    const server = await faulty({ dropAfterData: true });
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test'];
    const { raw, messageId } = rawMessage(FROM, to);

    const { outcome, attempt } = await smtp.send({ from: FROM, to }, raw);
    const uncertain = expectKind(outcome, 'uncertain');
    expect(uncertain.failure).toMatchObject({ phase: 'message', code: null, reply: null });
    expect(uncertain.failure.explanation).toMatch(/may or may not have accepted it/);
    // The server did get all of it: exactly the case where a resend could deliver twice.
    expect(server.refused.map((message) => message.messageId)).toEqual([messageId]);
    expect(server.refused[0]?.raw.equals(raw)).toBe(true);
    expect(server.events.filter((event) => event === 'data')).toHaveLength(1);
    expect(wire(attempt).at(-1)).toMatch(/^client: <\d+ bytes of message data>$/);
  });

  it('the connection dropped while the message data was still going out: transient, nothing delivered', async () => {
    const server = await faulty({ dropDuringData: true });
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test'];
    // Far more than loopback socket buffers hold, so the final dot cannot have been written yet.
    const { raw } = rawMessage(FROM, to, 16 * 1024 * 1024);

    const { outcome, attempt } = await smtp.send({ from: FROM, to }, raw);
    const failed = expectKind(outcome, 'transient');
    expect(failed.failure).toMatchObject({ phase: 'message', code: null, reply: null });
    expect(wire(attempt).some((line) => /bytes of message data/.test(line))).toBe(false);
    expect(server.deliveries).toHaveLength(0);
    expect(server.refused).toHaveLength(0);
  });

  it('a message over the advertised SIZE: permanent before MAIL FROM, no data sent', async () => {
    const server = await faulty({ maxSize: 2000 });
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test'];
    const { raw } = rawMessage(FROM, to, 4000);

    const { outcome, attempt } = await smtp.send({ from: FROM, to }, raw);
    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure).toMatchObject({ phase: 'size', code: null, reply: null });
    expect(failed.failure.explanation).toMatch(/larger than 127\.0\.0\.1:\d+ accepts/);
    expect(server.events).toEqual(['connect', `auth ${USER}`]);
    expect(wire(attempt).some((line) => /^client: (MAIL|RCPT|DATA)/.test(line))).toBe(false);

    // The session is still good for a message that fits.
    const small = rawMessage(FROM, to);
    expectKind((await smtp.send({ from: FROM, to }, small.raw)).outcome, 'sent');
    expect(server.deliveries.map((delivery) => delivery.messageId)).toEqual([small.messageId]);
  });

  it('STARTTLS hidden: permanent at tls before any AUTH reached the server', async () => {
    const server = await startLineServer({ script: smtpWithoutStarttls() });
    running.push(server);
    const smtp = senderFor(server.port);
    const to = ['ann@faults.test'];
    const { outcome } = await smtp.send({ from: FROM, to }, rawMessage(FROM, to).raw);

    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure).toMatchObject({ phase: 'tls', code: 502, reply: '502 5.5.1 STARTTLS not available' });
    expect(failed.failure.explanation).toMatch(/did not offer encryption/);
    const received = server.receivedText();
    expect(received).toMatch(/^EHLO /);
    expect(received).not.toMatch(/AUTH|MAIL FROM/i);
    expectNoSecret(received, USER, PASSWORD);
  });
});
