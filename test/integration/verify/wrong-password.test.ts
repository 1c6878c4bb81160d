/**
 * A wrong password against the real servers: the failure carries the server's own words, SMTP
 * also the mechanisms it offers, and the password appears nowhere in the result.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyIncoming, verifyOutgoing } from '../../../main/mail/verify';
import type { TestUser } from '../../support/mail-servers';
import { addMailUser } from '../../support/mail-users';
import { incoming, outgoing, stepSummary } from './accounts';

const servers = inject('mailServers');
const options = { extraCa: [servers.tls.ca], timeoutMs: 25_000 };
// One wrong password for every attempt: Dovecot raises its per-IP login penalty only for new
// username+password pairs, so repeating the same one keeps other tests' logins from slowing down.
const WRONG = 'not-the-password-4711';
let user: TestUser;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'verifywrong');
});

describe('a wrong password', () => {
  it('IMAP: auth_failed with Dovecot’s words', async () => {
    const result = await verifyIncoming(incoming('imap', servers.imap.tlsPort, 'implicit', user.name), WRONG, options);
    expect(stepSummary(result)).toBe('dns:ok connect:ok tls:ok greeting:ok auth:FAILED');
    expect(result.failure).toMatchObject({
      code: 'auth_failed',
      serverText: 'NO [AUTHENTICATIONFAILED] Authentication failed.',
      authMethods: null,
    });
    expect(result.failure?.message).toMatch(
      /^The server refused the login: Authentication failed\. Check the username and password; Gmail/,
    );
    expect(JSON.stringify(result)).not.toContain(WRONG);
  });

  it('POP3: auth_failed with Dovecot’s words', async () => {
    const result = await verifyIncoming(incoming('pop3', servers.pop3.port, 'starttls', user.name), WRONG, options);
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:ok starttls:ok auth:FAILED');
    expect(result.failure).toMatchObject({ code: 'auth_failed', serverText: '-ERR [AUTH] Authentication failed.' });
    expect(JSON.stringify(result)).not.toContain(WRONG);
  });

  it('SMTP: auth_failed with the reply and the AUTH mechanisms EHLO offered', async () => {
    const result = await verifyOutgoing(
      outgoing(servers.smtp.port, 'starttls', user.name),
      { username: user.name, password: WRONG },
      options,
    );
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:ok starttls:ok auth:FAILED');
    expect(result.failure).toMatchObject({
      code: 'auth_failed',
      serverText: '535 Authentication credentials invalid',
      authMethods: ['PLAIN', 'LOGIN'],
    });
    expect(result.failure?.message).toContain('(It offers PLAIN, LOGIN.)');
    expect(JSON.stringify(result)).not.toContain(WRONG);
  });
});
