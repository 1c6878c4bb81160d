/**
 * A draft whose copy the IMAP server refuses, in the browser shell against the harness's Dovecot:
 * the account's mail user has a 100 KB quota, so a draft with a 150 KB photo cannot go into its
 * Drafts folder. The refusal comes from Dovecot, and the words in the drafts list are its own.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import { storageQuota } from '../support/mail-users';
import { useAppSession } from './support/app-session';
import { harnessAppOpener } from './support/harness-app';
import { invokeFromPage } from './support/page-invoke';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-draft-refusal-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});

function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return invokeFromPage(session.page, channel, input);
}

const openAppWithAccount = harnessAppOpener(session, servers, {
  userPrefix: 'dfull',
  name: 'Dana Full',
  accountName: 'Full mailbox',
  userdbFields: storageQuota(100),
});

describe('drafts the server will not take', () => {
  it('are kept here, and the drafts list says why', async () => {
    await openAppWithAccount();
    const { accounts } = await invoke('accounts:list', {});
    const accountId = accounts.find((a) => a.displayName === 'Full mailbox')?.id ?? null;
    const subject = `Site photos ${randomBytes(4).toString('hex')}`;
    const { id } = await invoke('drafts:save', {
      id: null,
      fields: { accountId, to: 'grace@example.test', subject, format: 'plain', text: 'All of them.' },
    });
    await invoke('drafts:attach', {
      draftId: id,
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
      contentBase64: randomBytes(150 * 1024).toString('base64'),
    });
    // The app knows the account's Drafts folder after a sync; it copies the draft there once
    // editing has paused for 15 s (draft-sync-scheduler.ts).
    await invoke('sync:run', { accountId });
    await session.app.draftsFolder.click();
    const row = session.app.drafts.getByRole('button', { name: new RegExp(subject) });
    // The whole row is one button (it reopens the draft), so the note is part of what it says.
    await row
      .getByText(/^Kept here only: the server did not take its copy in Drafts \(Quota exceeded/)
      .waitFor({ timeout: 40_000 });
    const { drafts } = await invoke('drafts:list', {});
    expect(drafts.find((d) => d.id === id)?.serverError).toMatch(/^Quota exceeded/);
  });
});
