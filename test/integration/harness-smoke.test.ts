/**
 * Proves the real-server harness does what later tests rely on: certificates verify against the
 * per-run CA (and only against it), Dovecot serves IMAP/POP3 with STARTTLS/STLS and implicit TLS
 * and advertises SPECIAL-USE, and the SMTP server requires TLS before AUTH, records what it
 * accepts and delivers it into Dovecot.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import { describe, expect, inject, test } from 'vitest';
import { deliverMessage, resetMailbox } from '../support/doveadm';
import { LineClient } from '../support/line-client';
import type { TestUser } from '../support/mail-servers';
import { addMailUser } from '../support/mail-users';
import { pollUntil } from '../support/poll';
import { waitForSpooled } from '../support/smtp-recorder';

const servers = inject('mailServers');
const trust = { ca: servers.tls.ca, servername: servers.servername };
const { alice, bob } = servers.users;

async function withImap<T>(options: ImapFlowOptions, body: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: servers.host, logger: false, disableAutoIdle: true, ...options });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.logout();
  }
}

const starttls = (user: TestUser): ImapFlowOptions => ({
  port: servers.imap.port,
  secure: false,
  doSTARTTLS: true,
  auth: { user: user.name, pass: user.password },
  tls: { ca: servers.tls.ca },
});

const imaps = (user: TestUser): ImapFlowOptions => ({
  port: servers.imap.tlsPort,
  secure: true,
  auth: { user: user.name, pass: user.password },
  tls: { ca: servers.tls.ca },
});

/** Special-use flag → mailbox path, counting only flags the server sent (not name guesses). */
async function serverSpecialUse(client: ImapFlow): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const mailbox of await client.list()) {
    if (mailbox.specialUse && mailbox.specialUseSource === 'extension') found[mailbox.specialUse] = mailbox.path;
  }
  return found;
}

const EXPECTED_SPECIAL_USE = {
  '\\Archive': 'Archive',
  '\\Drafts': 'Drafts',
  '\\Junk': 'Junk',
  '\\Sent': 'Sent',
  '\\Trash': 'Trash',
};

/** Reads one SMTP reply (all continuation lines) and returns its last line. */
async function smtpReply(client: LineClient): Promise<string> {
  for (;;) {
    const line = await client.readLine();
    if (!/^\d{3}-/.test(line)) return line;
  }
}

describe('IMAP over Dovecot', () => {
  test('STARTTLS login verified against the harness CA lists the special-use folders', async () => {
    await withImap(starttls(alice), async (client) => {
      expect(client.secureConnection).toBe(true);
      expect(await serverSpecialUse(client)).toEqual(EXPECTED_SPECIAL_USE);
    });
  });

  test('IMAPS login verified against the harness CA lists the special-use folders', async () => {
    await withImap(imaps(bob), async (client) => {
      expect(client.secureConnection).toBe(true);
      expect(await serverSpecialUse(client)).toEqual(EXPECTED_SPECIAL_USE);
    });
  });

  test('without the harness CA the certificate is rejected', async () => {
    const client = new ImapFlow({ ...imaps(alice), host: servers.host, logger: false, tls: {} });
    const failure = client.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    const error = await failure;
    client.close();
    expect(error).toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  test('a user added during the run gets a mailbox that deliver and reset act on', async () => {
    const carol = await addMailUser(servers.dovecot, 'carol');
    const subject = `deliver ${randomUUID()}`;
    await deliverMessage(servers.dovecot, carol.name, `Subject: ${subject}\r\nFrom: a@b.test\r\n\r\nhello\r\n`);
    await withImap(starttls(carol), async (client) => {
      const before = await client.status('INBOX', { messages: true });
      expect(before && before.messages).toBe(1);
      await resetMailbox(servers.dovecot, carol.name);
      const after = await client.status('INBOX', { messages: true });
      expect(after && after.messages).toBe(0);
    });
  });
});

describe('SMTP submission', () => {
  test('a message sent with requireTLS + AUTH is recorded and lands in the INBOX', async () => {
    const messageId = `<${randomUUID()}@letterbox.test>`;
    const subject = `smoke ${randomUUID()}`;
    const transport = nodemailer.createTransport({
      host: servers.host,
      port: servers.smtp.port,
      secure: false,
      requireTLS: true,
      auth: { user: alice.name, pass: alice.password },
      tls: { ca: servers.tls.ca, servername: servers.servername },
    });
    const sent = await transport.sendMail({
      from: alice.address,
      to: alice.address,
      subject,
      messageId,
      text: 'Hi.\n',
    });
    expect(sent.accepted).toEqual([alice.address]);

    const recorded = await waitForSpooled(servers.smtp.spoolDir, (m) => m.raw.includes(messageId));
    expect(recorded).toMatchObject({
      envelope: { mailFrom: alice.address, rcptTo: [alice.address] },
      authUser: alice.name,
      secure: true,
      deliveredTo: [alice.name],
    });

    const source = await withImap(starttls(alice), async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const uid = await pollUntil(
          async () => (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || undefined,
          { timeoutMs: 5000, what: `${messageId} in alice's INBOX` },
        ).then((uids) => uids[0]);
        expect(uid).toBeDefined();
        const message = await client.fetchOne(String(uid), { source: true, envelope: true }, { uid: true });
        expect(message && message.envelope?.subject).toBe(subject);
        return message ? message.source : undefined;
      } finally {
        lock.release();
      }
    });
    // Dovecot hands back exactly the bytes the SMTP server received.
    expect(source?.equals(recorded.raw)).toBe(true);
  });

  test('the implicit-TLS port accepts AUTH and delivers to another local user', async () => {
    const messageId = `<${randomUUID()}@letterbox.test>`;
    const transport = nodemailer.createTransport({
      host: servers.host,
      port: servers.smtp.tlsPort,
      secure: true,
      auth: { user: alice.name, pass: alice.password },
      tls: { ca: servers.tls.ca, servername: servers.servername },
    });
    await transport.sendMail({ from: alice.address, to: bob.address, subject: 'implicit', messageId, text: 'x' });
    const recorded = await waitForSpooled(servers.smtp.spoolDir, (m) => m.raw.includes(messageId));
    expect(recorded).toMatchObject({ secure: true, deliveredTo: [bob.name] });
  });

  test('AUTH before STARTTLS is refused, and works after it', async () => {
    const client = await LineClient.connect(servers.host, servers.smtp.port);
    try {
      expect(await smtpReply(client)).toMatch(/^220 /);
      client.send('EHLO client.test');
      expect(await smtpReply(client)).toMatch(/^250 /);
      const plain = Buffer.from(`\0${alice.name}\0${alice.password}`).toString('base64');
      expect(await client.command(`AUTH PLAIN ${plain}`)).toMatch(/^538 /);

      expect(await client.command('STARTTLS')).toMatch(/^220 /);
      await client.upgrade(trust);
      expect(client.encrypted).toBe(true);
      client.send('EHLO client.test');
      expect(await smtpReply(client)).toMatch(/^250 /);
      expect(await client.command(`AUTH PLAIN ${plain}`)).toMatch(/^235 /);
    } finally {
      client.close();
    }
  });
});

describe('POP3 over Dovecot', () => {
  async function loginAndStat(client: LineClient, user: TestUser): Promise<void> {
    expect(await client.command(`USER ${user.name}`)).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${user.password}`)).toMatch(/^\+OK/);
    expect(await client.command('STAT')).toMatch(/^\+OK \d+ \d+$/);
    expect(await client.command('QUIT')).toMatch(/^\+OK/);
  }

  test('STLS upgrades to a verified TLS session, then USER/PASS/STAT work', async () => {
    const client = await LineClient.connect(servers.host, servers.pop3.port);
    try {
      expect(await client.readLine()).toMatch(/^\+OK/);
      expect(client.encrypted).toBe(false);
      expect(await client.command('STLS')).toMatch(/^\+OK/);
      await client.upgrade(trust);
      expect(client.encrypted).toBe(true);
      await loginAndStat(client, bob);
    } finally {
      client.close();
    }
  });

  test('POP3S greets over verified TLS, then USER/PASS/STAT work', async () => {
    const client = await LineClient.connect(servers.host, servers.pop3.tlsPort, trust);
    try {
      expect(client.encrypted).toBe(true);
      expect(await client.readLine()).toMatch(/^\+OK/);
      await loginAndStat(client, bob);
    } finally {
      client.close();
    }
  });
});

describe('failed logins', () => {
  // Dovecot's anvil otherwise delays every later login from the same IP by up to 15 s after one
  // wrong password, which would make every test after a wrong-password test slow or time out.
  test('do not slow down the next login from loopback', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const wrong = new ImapFlow({
        ...starttls(bob),
        host: servers.host,
        logger: false,
        auth: { user: bob.name, pass: `wrong-${attempt}` },
      });
      await expect(wrong.connect()).rejects.toThrow();
    }
    const started = Date.now();
    await withImap(starttls(bob), async (client) => expect(client.authenticated).toBeTruthy());
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
