import { afterEach, describe, expect, it, vi } from 'vitest';
import { apopDigest, apopTimestamp, authenticate, wantsApop } from '../../../main/mail/pop3/auth';
import { Pop3Client } from '../../../main/mail/pop3/client';
import type { Pop3Connection } from '../../../main/mail/pop3/connection';
import { Pop3ServerError, Pop3TimeoutError, Pop3TooLargeError } from '../../../main/mail/pop3/errors';
import { openPop3 } from '../../../main/mail/pop3/open';
import { capabilities } from '../../../main/mail/pop3/session';
import { startLineServer, type RunningLineServer, type Script } from '../../support/fault-servers/line-server';
import { pop3MailboxScript, type Pop3MailboxLog } from '../../support/fault-servers/pop3-mailbox';

const servers: RunningLineServer[] = [];
const connections: Pop3Connection[] = [];
afterEach(async () => {
  for (const connection of connections.splice(0)) connection.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const raw = (n: number, body = `Body ${n}.`) =>
  `From: a@example.test\r\nSubject: ${n}\r\nMessage-ID: <${n}@example.test>\r\n\r\n${body}\r\n`;

async function loggedIn(
  options: { pipelining?: boolean; uidl?: boolean; timeoutMs?: number } = {},
): Promise<{ client: Pop3Client; log: Pop3MailboxLog; connection: Pop3Connection }> {
  const log: Pop3MailboxLog = { commands: [], deleted: [] };
  const messages = [1, 2, 3, 4, 5].map((n) => ({ uidl: `u${n}`, raw: raw(n) }));
  messages[2] = { uidl: 'u3', raw: raw(3, '.starts with a dot\r\n..two dots\r\n.') };
  const script = pop3MailboxScript({ user: 'ann', password: 'pw', messages, ...options }, log);
  const server = await startLineServer({ script });
  servers.push(server);
  const connection = await openPop3('127.0.0.1', server.port, { timeoutMs: options.timeoutMs ?? 2000 });
  connections.push(connection);
  await connection.readGreeting();
  const capa = await capabilities(connection);
  await authenticate(connection, { username: 'ann', password: 'pw', method: 'login' }, capa);
  return { client: new Pop3Client(connection, { capabilities: capa }), log, connection };
}

/** How many replies were still awaited each time a command was written. */
function outstandingAtEachSend(connection: Pop3Connection): number[] {
  const seen: number[] = [];
  for (const method of ['command', 'multiline'] as const) {
    const original = connection[method].bind(connection) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(connection, method).mockImplementation(((...args: unknown[]) => {
      seen.push(connection.inFlight);
      return original(...args);
    }) as never);
  }
  return seen;
}

describe('POP3 client commands', () => {
  it('STAT, LIST, UIDL, LIST n, UIDL n, TOP, RETR with dot-unstuffing, NOOP, RSET', async () => {
    const { client } = await loggedIn();
    expect(await client.stat()).toEqual({ count: 5, size: expect.any(Number) as number });
    const list = await client.list();
    expect(list.map((m) => m.number)).toEqual([1, 2, 3, 4, 5]);
    expect(list[0]?.size).toBe(Buffer.byteLength(raw(1)));
    expect((await client.uidl())?.map((u) => u.uidl)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(await client.listOne(2)).toEqual({ number: 2, size: Buffer.byteLength(raw(2)) });
    expect(await client.uidlOne(4)).toEqual({ number: 4, uidl: 'u4' });
    expect((await client.top(1, 0)).toString()).toBe(
      'From: a@example.test\r\nSubject: 1\r\nMessage-ID: <1@example.test>\r\n\r\n',
    );
    expect((await client.retr(3)).toString()).toBe(raw(3, '.starts with a dot\r\n..two dots\r\n.'));
    await client.noop();
    await client.dele(1);
    await expect(client.retr(1)).rejects.toBeInstanceOf(Pop3ServerError);
    await client.rset();
    expect((await client.retr(1)).toString()).toBe(raw(1));
  });

  it('a -ERR rejects with the server text and the session goes on', async () => {
    const { client } = await loggedIn();
    const error = await client.retr(99).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3ServerError);
    expect((error as Pop3ServerError).serverText).toBe('-ERR No such message');
    expect((error as Pop3ServerError).command).toBe('RETR');
    await client.noop();
  });

  it('RETR over its size cap is read to its end, dropped, and the session stays usable', async () => {
    const { client } = await loggedIn();
    const error = await client.retr(2, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3TooLargeError);
    expect((error as Pop3TooLargeError).actualBytes).toBe(Buffer.byteLength(raw(2)));
    expect((await client.retr(1)).toString()).toBe(raw(1));
  });

  it('without PIPELINING every command waits for the previous reply', async () => {
    const { client, connection } = await loggedIn({ pipelining: false });
    expect(client.window).toBe(1);
    const seen = outstandingAtEachSend(connection);
    const got: number[] = [];
    await client.retrMany([5, 4, 3, 2, 1], undefined, (n, outcome) => void (outcome.ok && got.push(n)));
    expect(got).toEqual([5, 4, 3, 2, 1]);
    expect(seen).toEqual([0, 0, 0, 0, 0]);
  });

  it('with PIPELINING, batches keep several commands in flight, within the window, replies in order', async () => {
    const { client, connection, log } = await loggedIn({ pipelining: true });
    const windowed = new Pop3Client(connection, { capabilities: new Map([['PIPELINING', []]]), pipelineWindow: 3 });
    const seen = outstandingAtEachSend(connection);
    const got: string[] = [];
    await windowed.retrMany([5, 4, 3, 2, 1], undefined, (n, outcome) => {
      if (outcome.ok) got.push(`${n}:${outcome.value.toString().includes(`Subject: ${n}\r\n`)}`);
    });
    expect(got).toEqual(['5:true', '4:true', '3:true', '2:true', '1:true']);
    expect(Math.max(...seen)).toBe(2);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    expect(log.commands.slice(-5)).toEqual(['RETR 5', 'RETR 4', 'RETR 3', 'RETR 2', 'RETR 1']);
    expect(client.window).toBeGreaterThan(1);
  });

  it('every command has a timeout: a reply that stalls rejects with Pop3TimeoutError', async () => {
    const stalling: Script = {
      onConnect: (c) => c.send('+OK hi'),
      onLine: (line, c) => {
        if (line === 'RETR 1') c.send('+OK coming'); // …and nothing more
      },
    };
    const server = await startLineServer({ script: stalling });
    servers.push(server);
    const connection = await openPop3('127.0.0.1', server.port, { timeoutMs: 300 });
    connections.push(connection);
    await connection.readGreeting();
    const client = new Pop3Client(connection, { capabilities: null });
    const error = await client.retr(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3TimeoutError);
    expect((error as Pop3TimeoutError).command).toBe('RETR');
  });
});

describe('APOP', () => {
  it('computes the RFC 1939 §7 example digest and finds the greeting timestamp', () => {
    const timestamp = apopTimestamp('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>');
    expect(timestamp).toBe('<1896.697170952@dbc.mtview.ca.us>');
    expect(apopDigest(timestamp ?? '', 'tanstaaf')).toBe('c4c9334bac560ecc979e58001b3e22fb');
    expect(apopTimestamp('+OK Dovecot ready.')).toBeNull();
  });

  it('is used when asked for, or as the fallback without TLS, never by default over TLS', () => {
    const greeting = '+OK ready <1.2@host>';
    const credentials = { username: 'u', password: 'p', method: 'auto' as const };
    expect(wantsApop(credentials, { greeting, encrypted: true })).toBeNull();
    expect(wantsApop({ ...credentials, apop: true }, { greeting, encrypted: true })).toBe('<1.2@host>');
    expect(wantsApop(credentials, { greeting, encrypted: false })).toBe('<1.2@host>');
    expect(wantsApop(credentials, { greeting: '+OK ready', encrypted: false })).toBeNull();
  });

  it('logs in with APOP and falls back to USER/PASS when a plaintext server refuses it', async () => {
    const lines: string[] = [];
    const script: Script = {
      onConnect: (c) => c.send('+OK ready <9.9@scripted>'),
      onLine: (line, c) => {
        lines.push(line);
        if (line.startsWith('APOP')) return c.send('-ERR [AUTH] APOP not available for this user');
        c.send('+OK');
      },
    };
    const server = await startLineServer({ script });
    servers.push(server);
    const connection = await openPop3('127.0.0.1', server.port, { timeoutMs: 2000 });
    connections.push(connection);
    const greeting = await connection.readGreeting();
    const mechanism = await authenticate(connection, { username: 'u', password: 'pw', method: 'login' }, null, {
      greeting: greeting.line,
      encrypted: false,
    });
    expect(mechanism).toBe('USER/PASS');
    expect(lines).toEqual([`APOP u ${apopDigest('<9.9@scripted>', 'pw')}`, 'USER u', 'PASS pw']);
  });
});
