import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ImapSessionError } from '../../../main/mail/imap/errors';
import { openImapSession } from '../../../main/mail/imap/session';
import type { PinnedCertificate } from '../../../shared/model/account';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor } from './fixture';

const servers = inject('mailServers');
const trust = { extraCa: [servers.tls.ca] };
let user: TestUser;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'session');
});

/** The server's own certificate, as a user who pinned it would have stored it. */
function serverCertificate(): Promise<PinnedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: servers.host, port: servers.imap.tlsPort, ca: servers.tls.ca, servername: servers.servername },
      () => {
        const peer = socket.getPeerCertificate();
        const pem = new X509Certificate(peer.raw).toString();
        socket.end();
        resolve({ fingerprint256: peer.fingerprint256, pem });
      },
    );
    socket.on('error', reject);
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ImapSessionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImapSessionError);
  return error as ImapSessionError;
}

describe('openImapSession', () => {
  it('logs in over STARTTLS with CONDSTORE and QRESYNC, reporting only command names', async () => {
    const commands: string[] = [];
    const session = await openImapSession(accountFor(servers, user), user.password, {
      trust,
      onCommand: (name) => commands.push(name),
    });
    try {
      expect(session.condstore).toBe(true);
      expect(session.qresync).toBe(true);
      expect(session.client.secureConnection || commands.includes('STARTTLS')).toBe(true);
    } finally {
      await session.close();
    }
    expect(commands).toContain('STARTTLS');
    expect(commands.join(' ')).not.toContain(user.password);
    expect(commands.every((name) => /^[A-Z]+( [A-Z]+)?$/.test(name))).toBe(true);
  });

  it('turns QRESYNC off when asked (the per-provider switch)', async () => {
    const session = await openImapSession(accountFor(servers, user), user.password, { trust, qresync: false });
    try {
      expect(session.qresync).toBe(false);
      expect(session.condstore).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('turns QRESYNC off for an account whose settings say so', async () => {
    const account = accountFor(servers, user);
    const session = await openImapSession({ ...account, imap: { ...account.imap, qresync: false } }, user.password, {
      trust,
    });
    try {
      expect(session.qresync).toBe(false);
      expect(session.condstore).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('maps a wrong password to auth_failed with a message for the user', async () => {
    const error = await failureOf(openImapSession(accountFor(servers, user), 'wrong', { trust }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).not.toContain('wrong');
  });

  it('refuses without a saved password, before connecting', async () => {
    const error = await failureOf(openImapSession(accountFor(servers, user), null, { trust }));
    expect(error.code).toBe('no_password');
  });

  it('maps a refused connection to offline', async () => {
    const error = await failureOf(openImapSession(accountFor(servers, user, { port: 1 }), user.password, { trust }));
    expect(error.code).toBe('offline');
    expect(error.offline).toBe(true);
  });

  it('honours a pinned certificate over implicit TLS, and refuses a different one', async () => {
    const pinned = await serverCertificate();
    const implicit = { port: servers.imap.tlsPort, security: 'implicit' as const };
    // No extra CA: the pin alone must be enough to trust the server.
    const session = await openImapSession(
      accountFor(servers, user, { ...implicit, pinnedCertificate: pinned }),
      user.password,
    );
    await session.close();

    const other = {
      pem: pinned.pem,
      fingerprint256: pinned.fingerprint256.replace(/^../, pinned.fingerprint256.startsWith('00') ? '11' : '00'),
    };
    const error = await failureOf(
      openImapSession(accountFor(servers, user, { ...implicit, pinnedCertificate: other }), user.password),
    );
    expect(error.code).toBe('certificate_untrusted');
  });

  it('refuses an untrusted certificate without sending the password', async () => {
    const error = await failureOf(openImapSession(accountFor(servers, user), user.password));
    expect(error.code).toBe('certificate_untrusted');
  });
});
