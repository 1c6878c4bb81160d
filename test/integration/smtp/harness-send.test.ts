/**
 * Sending through the harness's real submission server (STARTTLS on one port, implicit TLS on
 * the other): the transcript, the TLS facts, the bytes that arrive, and one connection for
 * several messages.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openSmtpSender, type SmtpSender } from '../../../main/mail/smtp';
import { freePort } from '../../support/ports';
import { waitForSpooled } from '../../support/smtp-recorder';
import { expectKind, expectNoSecret, rawMessage, targetFor, wire } from './fixtures';

const servers = inject('mailServers');
const { alice, bob } = servers.users;
const credentials = { username: alice.name, password: alice.password };
const senders: SmtpSender[] = [];
afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
});

function sender(...args: Parameters<typeof targetFor>): SmtpSender {
  const opened = openSmtpSender(targetFor(...args));
  senders.push(opened);
  return opened;
}

const trustHarness = { extraCa: [servers.tls.ca] };

describe('sending through the harness submission server', () => {
  it('STARTTLS: sent, with the whole conversation in the transcript and AUTH redacted', async () => {
    const smtp = sender(servers.smtp.port, 'starttls', credentials, trustHarness);
    const { raw, messageId } = rawMessage(alice.address, [bob.address]);
    const { outcome, attempt } = await smtp.send({ from: alice.address, to: [bob.address] }, raw);

    const sent = expectKind(outcome, 'sent');
    expect(sent.reply).toMatch(/^250 Message accepted as #\d+$/);
    expect(sent.queueId).toMatch(/^\d+$/);
    expect(attempt.queueId).toBe(sent.queueId);
    expect(sent.recipients).toEqual([
      { address: bob.address, accepted: true, code: 250, enhanced: null, reply: '250 Accepted', explanation: null },
    ]);
    const lines = wire(attempt);
    const expected = [
      /^server: 220 /,
      /^client: EHLO letterbox\.test$/,
      /^server: 250-/,
      /^client: STARTTLS$/,
      /^server: 220 /,
      /^client: EHLO letterbox\.test$/,
      /^client: AUTH PLAIN \/\* secret \*\/$/,
      /^server: 235 /,
      new RegExp(`^client: MAIL FROM:<${alice.address}> SIZE=${raw.length}$`),
      new RegExp(`^client: RCPT TO:<${bob.address}>$`),
      /^client: DATA$/,
      /^server: 354 /,
      new RegExp(`^client: <${raw.length + 1 + 3} bytes of message data>$`),
      /^server: 250 Message accepted as #\d+$/,
    ];
    let at = 0;
    for (const pattern of expected) {
      const found = lines.findIndex((line, index) => index >= at && pattern.test(line));
      expect(found, `${String(pattern)} after line ${at} in\n${lines.join('\n')}`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    expect(attempt.tls).toEqual({ protocol: expect.stringMatching(/^TLSv1\.[23]$/), cipher: expect.any(String) });
    expect(attempt.tls?.cipher).not.toBe('');
    expect(attempt.server).toBe(`127.0.0.1:${servers.smtp.port}`);
    expect(attempt.timings.connectMs).toEqual(expect.any(Number));
    expect(attempt.timings.authMs).toEqual(expect.any(Number));
    expect(attempt.timings.dataMs).toEqual(expect.any(Number));
    expect(attempt.timings.totalMs).toBeGreaterThanOrEqual(attempt.timings.dataMs ?? 0);
    expect(Date.parse(attempt.endedAt)).toBeGreaterThanOrEqual(Date.parse(attempt.startedAt));
    expectNoSecret(attempt, alice.name, alice.password);

    // Byte for byte, the dot-stuffed line included, and only once.
    const spooled = await waitForSpooled(servers.smtp.spoolDir, (message) => message.raw.includes(messageId));
    expect(spooled.raw.equals(raw)).toBe(true);
    expect(spooled.envelope).toEqual({ mailFrom: alice.address, rcptTo: [bob.address] });
    expect(spooled.secure).toBe(true);
  });

  it('implicit TLS: sent, TLS recorded, AUTH LOGIN redacted line by line', async () => {
    const smtp = sender(servers.smtp.tlsPort, 'implicit', credentials, {
      ...trustHarness,
      server: { authMethod: 'login' },
    });
    const { raw, messageId } = rawMessage(alice.address, [alice.address]);
    const { outcome, attempt } = await smtp.send({ from: alice.address, to: [alice.address] }, raw);

    expectKind(outcome, 'sent');
    expect(attempt.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    const lines = wire(attempt);
    expect(lines).not.toContain('client: STARTTLS');
    const auth = lines.indexOf('client: AUTH LOGIN');
    expect(auth).toBeGreaterThan(0);
    expect(lines.slice(auth, auth + 6)).toEqual([
      'client: AUTH LOGIN',
      'server: 334 VXNlcm5hbWU6',
      'client: /* secret */',
      'server: 334 UGFzc3dvcmQ6',
      'client: /* secret */',
      expect.stringMatching(/^server: 235 /),
    ]);
    expectNoSecret(attempt, alice.name, alice.password);
    const spooled = await waitForSpooled(servers.smtp.spoolDir, (message) => message.raw.includes(messageId));
    expect(spooled.raw.equals(raw)).toBe(true);
  });

  it('three messages over one connection: one connect and login, RSET between them', async () => {
    const smtp = sender(servers.smtp.port, 'starttls', credentials, trustHarness);
    const messages = [0, 1, 2].map(() => rawMessage(alice.address, [bob.address]));
    const results = [];
    for (const message of messages)
      results.push(await smtp.send({ from: alice.address, to: [bob.address] }, message.raw));

    for (const { outcome } of results) expectKind(outcome, 'sent');
    const [first, ...later] = results.map((result) => result.attempt);
    if (!first) throw new Error('no attempt');
    expect(wire(first).filter((line) => line.startsWith('client: EHLO'))).toHaveLength(2);
    expect(first.timings.connectMs).not.toBeNull();
    for (const attempt of later) {
      const lines = wire(attempt);
      expect(lines[0]).toBe('client: RSET');
      expect(lines.some((line) => /^client: (EHLO|STARTTLS|AUTH)/.test(line))).toBe(false);
      expect(attempt.timings).toMatchObject({ connectMs: null, authMs: null });
      expect(attempt.tls).toEqual(first.tls);
    }
    const queueIds = results.map((result) => result.attempt.queueId);
    expect(new Set(queueIds).size).toBe(3);
    for (const { messageId } of messages) {
      await waitForSpooled(servers.smtp.spoolDir, (message) => message.raw.includes(messageId));
    }
  });

  it('a wrong password: permanent at auth with the 535 explained, and nothing sent', async () => {
    const wrong = { username: alice.name, password: 'definitely-not-the-password' };
    const smtp = sender(servers.smtp.port, 'starttls', wrong, trustHarness);
    const { outcome, attempt } = await smtp.send(
      { from: alice.address, to: [bob.address] },
      rawMessage(alice.address, [bob.address]).raw,
    );

    const failed = expectKind(outcome, 'permanent');
    expect(failed.failure).toMatchObject({ phase: 'auth', code: 535, reply: '535 Authentication credentials invalid' });
    expect(failed.failure.explanation).toMatch(/user name or password is wrong/);
    expect(wire(attempt).some((line) => line.startsWith('client: MAIL'))).toBe(false);
    expectNoSecret(attempt, wrong.username, wrong.password);
    expectNoSecret(outcome, wrong.username, wrong.password);
  });

  it('connection refused: transient at connect, explained', async () => {
    const port = await freePort();
    const smtp = sender(port, 'starttls', credentials, trustHarness);
    const { outcome, attempt } = await smtp.send(
      { from: alice.address, to: [bob.address] },
      rawMessage(alice.address, [bob.address]).raw,
    );

    const failed = expectKind(outcome, 'transient');
    expect(failed.failure).toMatchObject({ phase: 'connect', code: null, reply: null, message: 'ECONNREFUSED' });
    expect(failed.failure.explanation).toMatch(/refused the connection/);
    expect(attempt.tls).toBeNull();
    expect(attempt.timings.connectMs).toBeNull();
    expect(wire(attempt)).toEqual([]);
  });
});
