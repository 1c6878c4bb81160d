/**
 * Servers that hide STARTTLS (as a downgrade attacker on the path would make them look): with
 * security STARTTLS the check fails with starttls_missing, and the fault server's record of
 * every byte it received proves no login command and no password crossed the wire.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyIncoming, verifyOutgoing } from '../../../main/mail/verify';
import { imapScript } from '../../support/fault-servers/imap';
import { startLineServer, type RunningLineServer, type Script } from '../../support/fault-servers/line-server';
import { pop3Script } from '../../support/fault-servers/pop3';
import { smtpWithoutStarttls } from '../../support/fault-servers/smtp';
import { incoming, outgoing, stepSummary } from './accounts';

const USER = 'erin';
const PASSWORD = 'never-on-the-wire-1234';
const servers: RunningLineServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(script: Script): Promise<RunningLineServer> {
  const server = await startLineServer({ script });
  servers.push(server);
  return server;
}

/** The password in every form a client could send it: as is, base64, and inside SASL PLAIN. */
function expectNoSecrets(wire: string): void {
  const base64 = (text: string): string => Buffer.from(text).toString('base64');
  for (const secret of [PASSWORD, base64(PASSWORD), base64(`\0${USER}\0${PASSWORD}`), base64(USER)]) {
    expect(wire).not.toContain(secret);
  }
}

describe('a server that hides STARTTLS', () => {
  it('IMAP: starttls_missing, and no LOGIN or AUTHENTICATE was sent', async () => {
    const server = await serve(imapScript({ starttls: false, user: USER, password: PASSWORD }));
    const result = await verifyIncoming(incoming('imap', server.port, 'starttls', USER), PASSWORD);
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:ok starttls:FAILED');
    expect(result.failure?.code).toBe('starttls_missing');
    expect(result.failure?.message).toBe(
      `127.0.0.1:${server.port} does not offer STARTTLS, so Letterbox did not send your password. Use port 993 with TLS, or ask your provider.`,
    );
    const wire = server.receivedText();
    expect(wire).toMatch(/CAPABILITY/);
    expect(wire).not.toMatch(/LOGIN|AUTHENTICATE/i);
    expectNoSecrets(wire);
  });

  it('POP3: starttls_missing, and no USER, PASS or AUTH was sent', async () => {
    const server = await serve(pop3Script({ stls: false, user: USER, password: PASSWORD }));
    const result = await verifyIncoming(incoming('pop3', server.port, 'starttls', USER), PASSWORD);
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:ok starttls:FAILED');
    expect(result.failure?.code).toBe('starttls_missing');
    expect(result.failure?.message).toContain(
      'does not offer STLS (STARTTLS for POP3), so Letterbox did not send your password. Use port 995',
    );
    const wire = server.receivedText();
    expect(wire).toBe('CAPA\r\n');
    expect(wire).not.toMatch(/USER|PASS|AUTH/i);
    expectNoSecrets(wire);
  });

  it('SMTP: starttls_missing, and no AUTH was sent', async () => {
    const server = await serve(smtpWithoutStarttls());
    const result = await verifyOutgoing(outgoing(server.port, 'starttls', USER), {
      username: USER,
      password: PASSWORD,
    });
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:ok starttls:FAILED');
    expect(result.failure).toMatchObject({ code: 'starttls_missing', serverText: '502 5.5.1 STARTTLS not available' });
    expect(result.failure?.message).toContain(
      'does not offer STARTTLS, so Letterbox did not send your password. Use port 465',
    );
    const wire = server.receivedText();
    expect(wire).toMatch(/^EHLO /);
    expect(wire).not.toMatch(/AUTH/i);
    expectNoSecrets(wire);
  });

  it('with security none the same IMAP server is used as configured (the user chose it)', async () => {
    const server = await serve(imapScript({ starttls: false, user: USER, password: PASSWORD }));
    const result = await verifyIncoming(incoming('imap', server.port, 'none', USER), PASSWORD);
    expect(result.failure).toBeNull();
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:ok auth:ok done:ok');
  });
});
