/**
 * Trusting one certificate: this shell is started WITHOUT the harness CA, so to it the harness
 * servers' certificate is one no authority vouches for — the self-hosted-server case. The user
 * sees who it was issued to and by, its validity and its SHA-256 fingerprint, trusts exactly
 * that certificate, and the check passes with it pinned.
 */
import { connect, type PeerCertificate } from 'node:tls';
import { describe, expect, inject, it } from 'vitest';
import { useAppSession } from './support/app-session';
import type { MailApi } from '../../shared/ipc/api';
import { addMailUser } from '../support/mail-users';
import { AccountSetupPage } from './support/account-setup-page';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-pin-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: '' },
});

/** The certificate the harness servers present, read over a connection that does trust the CA. */
function harnessCertificate(): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: servers.host, port: servers.imap.tlsPort, ca: servers.tls.ca }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('an untrusted server certificate', () => {
  it('shows the certificate, lets the user trust exactly it, and verifies with it pinned', async () => {
    const expected = await harnessCertificate();
    const user = await addMailUser(servers.dovecot, 'pin');
    await session.page.goto(session.shell.url);
    const setup = await AccountSetupPage.openManualForHarness(session.app, servers, user, {
      name: 'Self Hoster',
      accountName: 'Own server',
    });
    await setup.verify();

    const incoming = setup.result('Incoming mail');
    await incoming.getByText('Certificate not trusted').waitFor();
    for (const term of ['Issued to', 'Issued by', 'Valid', 'SHA-256 fingerprint']) {
      await incoming.getByRole('term').filter({ hasText: term }).waitFor();
    }
    await incoming.getByText(expected.fingerprint256, { exact: true }).waitFor();
    const commonName = [expected.subject.CN].flat()[0] ?? 'no CN in the harness certificate';
    await incoming.getByRole('definition').filter({ hasText: commonName }).first().waitFor();
    await setup.screenshot('4-certificate');
    expect(await setup.isSaveEnabled()).toBe(false);

    await incoming.getByRole('button', { name: 'Trust this certificate' }).click();
    await setup.heading('Check results').waitFor({ timeout: 30_000 });
    await setup.result('Incoming mail').getByText('Connected and logged in').waitFor();
    // The SMTP server presents the same certificate: trusted separately, per server.
    const outgoing = setup.result('Outgoing mail');
    await outgoing.getByText('Certificate not trusted').waitFor();
    await outgoing.getByRole('button', { name: 'Trust this certificate' }).click();
    await setup.heading('Check results').waitFor({ timeout: 30_000 });
    await setup.result('Incoming mail').getByText('Connected and logged in').waitFor();
    await setup.result('Outgoing mail').getByText('Connected and logged in').waitFor();

    // The form says what is trusted and offers to stop trusting it.
    await setup.button('Edit settings').click();
    const pinned = setup.dialog.getByText('You trust this server’s own certificate', { exact: false });
    expect(await pinned.count()).toBe(2);
    expect(await setup.dialog.getByRole('button', { name: 'Stop trusting it' }).count()).toBe(2);
    expect(await setup.isSaveEnabled()).toBe(true);
    await setup.saveAndClose();
    await session.app.folders.getByRole('heading', { name: 'Own server', exact: true }).waitFor();

    const saved = await session.page.evaluate(async () => {
      const { mail } = window as unknown as { mail: MailApi };
      const list = await mail.invoke('accounts:list', {});
      const id = list.ok ? list.value.accounts[0]?.id : undefined;
      return id === undefined ? null : mail.invoke('accounts:get', { id });
    });
    const account = saved?.ok ? saved.value : null;
    expect(account?.incoming.pinnedCertificate?.fingerprint256).toBe(expected.fingerprint256);
    expect(account?.outgoing.pinnedCertificate?.fingerprint256).toBe(expected.fingerprint256);
  });
});
