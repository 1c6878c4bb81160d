import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Pop3Connection } from '../../../main/mail/pop3/connection';
import {
  Pop3ProtocolError,
  Pop3ServerError,
  Pop3StlsUnavailableError,
  Pop3TimeoutError,
} from '../../../main/mail/pop3/errors';
import { tlsOptionsFor } from '../../../main/mail/tls/options';
import { selfSignedCertificate } from '../../support/fault-servers/certificates';
import { openPop3 } from '../../../main/mail/pop3/open';
import { establishSession } from '../../../main/mail/pop3/session';
import { startLineServer, type RunningLineServer, type Script } from '../../support/fault-servers/line-server';
import { pop3Script } from '../../support/fault-servers/pop3';

const servers: RunningLineServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(script: Script): Promise<RunningLineServer> {
  const server = await startLineServer({ script });
  servers.push(server);
  return server;
}

function tcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A script answering RETR 1 with a multi-line reply, written in awkward pieces. */
const retrScript: Script = {
  onConnect: (connection) => connection.send('+OK ready'),
  onLine(line, connection) {
    if (line === 'RETR 1') {
      // dot-stuffed body; the connection splits nothing, but several replies arrive back to back
      for (const part of ['+OK 30 octets', 'From: a@example.test', '', '..dot line', '.', '+OK after'])
        connection.send(part);
    } else if (line === 'NOOP') {
      connection.send('+OK');
    } else if (line === 'DELE 9') {
      connection.send('-ERR [SYS/PERM] no such message');
    }
  },
};

describe('POP3 connection', () => {
  it('reads the greeting, a dot-unstuffed multi-line reply, and the next reply in order', async () => {
    const server = await serve(retrScript);
    const connection = new Pop3Connection(await tcp(server.port), { timeoutMs: 2000 });
    expect((await connection.readGreeting()).text).toBe('ready');
    // Pipelined: both commands written before either reply is read.
    const [retr, noop] = await Promise.all([connection.multiline('RETR 1'), connection.command('NOOP')]);
    expect(retr.status.text).toBe('30 octets');
    expect(retr.content.body().toString()).toBe('From: a@example.test\r\n\r\n.dot line\r\n');
    expect(noop.text).toBe('after');
    connection.close();
  });

  it('reassembles replies the server sends in tiny pieces', async () => {
    const reply = '+OK ready\r\n+OK\r\nline one\r\n..stuffed\r\n.\r\n';
    const server = createServer((socket) => {
      let offset = 0;
      const timer = setInterval(() => {
        if (offset >= reply.length) return clearInterval(timer);
        socket.write(reply.slice(offset, offset + 3));
        offset += 3;
      }, 1);
      socket.on('close', () => clearInterval(timer));
      socket.resume(); // read (and ignore) the commands, so the client's close is noticed
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const connection = new Pop3Connection(await tcp((server.address() as AddressInfo).port), { timeoutMs: 2000 });
    expect((await connection.readGreeting()).text).toBe('ready');
    const list = await connection.multiline('UIDL');
    expect(list.content.textLines()).toEqual(['line one', '.stuffed']);
    connection.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects -ERR with the server’s own words and its response code', async () => {
    const server = await serve(retrScript);
    const connection = new Pop3Connection(await tcp(server.port), { timeoutMs: 2000 });
    await connection.readGreeting();
    const error = await connection.command('DELE 9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Pop3ServerError);
    expect(error).toMatchObject({
      command: 'DELE',
      serverText: '-ERR [SYS/PERM] no such message',
      responseCode: 'SYS/PERM',
    });
    connection.close();
  });

  it('times out a command the server never answers', async () => {
    const server = await serve(retrScript);
    const connection = new Pop3Connection(await tcp(server.port), { timeoutMs: 300 });
    await connection.readGreeting();
    const started = Date.now();
    await expect(connection.command('STAT')).rejects.toBeInstanceOf(Pop3TimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
    // The connection is unusable afterwards: a late reply could no longer be matched.
    await expect(connection.command('NOOP')).rejects.toBeInstanceOf(Pop3TimeoutError);
  });

  it('logs in with SASL PLAIN when CAPA lists it, else with USER/PASS', async () => {
    const server = await serve(pop3Script({ stls: false, user: 'carol', password: 'pa ss' }));
    const sasl = await establishSession(new Pop3Connection(await tcp(server.port)), {
      security: 'none',
      tls: {},
      credentials: { username: 'carol', password: 'pa ss', method: 'auto' },
    });
    expect(sasl.mechanism).toBe('SASL PLAIN');
    const user = await establishSession(new Pop3Connection(await tcp(server.port)), {
      security: 'none',
      tls: {},
      credentials: { username: 'carol', password: 'pa ss', method: 'login' },
    });
    expect(user.mechanism).toBe('USER/PASS');
    expect(server.receivedText()).toContain(`AUTH PLAIN ${Buffer.from('\0carol\0pa ss').toString('base64')}\r\n`);
    expect(server.receivedText()).toContain('USER carol\r\nPASS pa ss\r\n');
  });

  it('refuses a STARTTLS account whose server does not list STLS, before any credential', async () => {
    const server = await serve(pop3Script({ stls: false, user: 'carol', password: 'secret-pw' }));
    const attempt = establishSession(new Pop3Connection(await tcp(server.port)), {
      security: 'starttls',
      tls: {},
      credentials: { username: 'carol', password: 'secret-pw', method: 'auto' },
    });
    await expect(attempt).rejects.toBeInstanceOf(Pop3StlsUnavailableError);
    expect(server.receivedText()).toBe('CAPA\r\n');
  });

  it('connects with implicit TLS (POP3S) through openPop3', async () => {
    const certificate = await selfSignedCertificate('pop3s.invalid');
    const server = await startLineServer({
      script: pop3Script({ stls: false, user: 'carol', password: 'pw' }),
      certificate,
      implicitTls: true,
    });
    servers.push(server);
    const tls = tlsOptionsFor({
      host: '127.0.0.1',
      pinnedCertificate: { fingerprint256: certificate.fingerprint256, pem: certificate.certPem },
    });
    const connection = await openPop3('127.0.0.1', server.port, { tls, timeoutMs: 2000 });
    expect(connection.encrypted).toBe(true);
    const session = await establishSession(connection, {
      security: 'none', // TLS is already up; nothing more to negotiate
      tls,
      credentials: { username: 'carol', password: 'pw', method: 'auto' },
    });
    expect(session.greeting).toBe('+OK Scripted POP3 ready');
    await connection.quit();
  });

  it('refuses to start TLS when the server sent more after its +OK to STLS (injection)', async () => {
    const certificate = await selfSignedCertificate('stls.invalid');
    const server = await startLineServer({
      certificate,
      script: {
        onConnect: (connection) => connection.send('+OK ready'),
        onLine: (line, connection) => {
          if (line === 'STLS') connection.send('+OK Begin TLS\r\n+OK [injected] CAPA without STLS');
        },
      },
    });
    servers.push(server);
    const connection = new Pop3Connection(await tcp(server.port), { timeoutMs: 2000 });
    await connection.readGreeting();
    await connection.command('STLS');
    await expect(connection.startTls({ rejectUnauthorized: false })).rejects.toBeInstanceOf(Pop3ProtocolError);
  });
});
