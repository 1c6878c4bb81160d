import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import type { EventName } from '../../../shared/ipc/channels';
import type { Account } from '../../../shared/model/account';
import type { DraftFieldsInput } from '../../../shared/model/draft';
import { runLetterbox } from '../../support/cli-process';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { call, openOutboxApp, saveSender, spooled, waitForState, withImap } from '../outbox/fixture';

const servers = inject('mailServers');
const profiles: string[] = [];
const profile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'letterbox-drafts-'));
  profiles.push(dir);
  return dir;
};
let sender: TestUser;
let recipient: TestUser;
let app: NodeApp;
let dir: string;
let account: Account;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  sender = await addMailUser(servers.dovecot, 'drf');
  recipient = await addMailUser(servers.dovecot, 'drr');
  dir = profile();
  app = await openOutboxApp(servers, dir);
  app.bus.subscribe((event, payload) => events.push({ event, payload }));
  account = await saveSender(app, servers, sender);
  await call(app, 'prefs:update', { undoSendSeconds: 0 });
});

afterAll(async () => {
  await app?.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function fields(subject: string, extra: Partial<DraftFieldsInput> = {}): DraftFieldsInput {
  return {
    accountId: account.id,
    identityId: account.identities[0]?.id ?? null,
    to: `"Recipient, The" <${recipient.address}>`,
    subject,
    format: 'rich',
    html: '<p>Hello <b>there</b></p><img src="cid:PLACEHOLDER">',
    text: 'Hello there',
    ...extra,
  };
}

/** A draft with an inline image and a file attached, as the compose view builds it. */
async function draftWithAttachments(subject: string) {
  const { id } = await call(app, 'drafts:save', { id: null, fields: fields(subject) });
  const image = await call(app, 'drafts:attach', {
    draftId: id,
    filename: 'pixel.png',
    contentType: 'image/png',
    contentBase64: PNG.toString('base64'),
    inline: true,
  });
  const file = await call(app, 'drafts:attach', {
    draftId: id,
    filename: 'Notizen – März.txt',
    contentType: null,
    contentBase64: Buffer.from('first half ').toString('base64'),
    inline: false,
  });
  // A second chunk of the same file, as a large upload arrives.
  await call(app, 'drafts:attach', {
    draftId: id,
    filename: 'Notizen – März.txt',
    contentType: null,
    contentBase64: Buffer.from('second half').toString('base64'),
    inline: false,
    appendTo: file.id,
  });
  await call(app, 'drafts:save', {
    id,
    fields: fields(subject, { html: `<p>Hello <b>there</b></p><img src="cid:${image.contentId ?? ''}">` }),
  });
  return { id, image, file };
}

describe('drafts through the dispatcher', () => {
  it('saves, lists newest first, gets every field and attachment back, and deletes', async () => {
    const older = await call(app, 'drafts:save', { id: null, fields: fields('Older draft') });
    const { id, image, file } = await draftWithAttachments('With attachments');
    const listed = await call(app, 'drafts:list', {});
    expect(listed.drafts.map((d) => d.id).slice(0, 2)).toEqual([id, older.id]);
    expect(listed.drafts[0]).toMatchObject({ subject: 'With attachments', attachmentCount: 2, snippet: 'Hello there' });

    const draft = await call(app, 'drafts:get', { id });
    expect(draft).toMatchObject({ to: `"Recipient, The" <${recipient.address}>`, format: 'rich' });
    expect(draft.attachments).toEqual([
      { ...image, size: PNG.length },
      { ...file, contentType: 'text/plain', size: 'first half second half'.length },
    ]);
    expect(image.contentId).toMatch(/@letterbox$/);
    const data = await call(app, 'drafts:attachmentData', { draftId: id, attachmentId: file.id, offset: 0 });
    expect(Buffer.from(data.contentBase64, 'base64').toString()).toBe('first half second half');
    expect(data.nextOffset).toBeNull();

    expect(await call(app, 'drafts:detach', { draftId: id, attachmentId: file.id })).toEqual({ removed: true });
    expect((await call(app, 'drafts:get', { id })).attachments).toHaveLength(1);
    expect(await call(app, 'drafts:delete', { id: older.id })).toEqual({ deleted: true });
    expect(await call(app, 'drafts:delete', { id: older.id })).toEqual({ deleted: false });
    await expect(call(app, 'drafts:get', { id: older.id })).rejects.toMatchObject({ code: 'not_found' });
    const changes = events.filter((e) => e.event === 'drafts:changed').map((e) => e.payload);
    expect(changes).toEqual(
      expect.arrayContaining([
        { id, change: 'saved' },
        { id: older.id, change: 'deleted' },
      ]),
    );
  });

  it('refuses an upload chunk over the limit and an attachment that grows past it, with a clear error', async () => {
    const { id } = await call(app, 'drafts:save', { id: null, fields: fields('Too big') });
    const chunk = Buffer.alloc(600 * 1024).toString('base64');
    await expect(
      call(app, 'drafts:attach', {
        draftId: id,
        filename: 'big.bin',
        contentType: null,
        contentBase64: chunk,
        inline: false,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/at most 512 KiB.*chunks/) });
    await expect(
      call(app, 'drafts:attach', {
        draftId: id,
        filename: 'doc.pdf',
        contentType: 'application/pdf',
        contentBase64: 'JVBE',
        inline: true,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not an image/) });
  });

  it('sends through the outbox to the SMTP server: rich with text alternative, cid image, attachment', async () => {
    const { id } = await draftWithAttachments('Sent from a draft');
    const queued = await call(app, 'drafts:send', { id, sendAt: null });
    await expect(call(app, 'drafts:get', { id })).rejects.toMatchObject({ code: 'not_found' });
    const item = await waitForState(app, queued.id, ['sent', 'filed']);
    const [delivered] = await spooled(servers, item.messageId);
    expect(delivered?.envelope.rcptTo).toEqual([recipient.address]);
    const parsed = await PostalMime.parse(delivered?.raw ?? Buffer.alloc(0));
    expect(parsed.to).toEqual([{ name: 'Recipient, The', address: recipient.address }]);
    expect(parsed.text?.trim()).toBe('Hello there');
    const image = parsed.attachments.find((a) => a.filename === 'pixel.png');
    expect(image?.related).toBe(true);
    expect(parsed.html).toContain(`cid:${image?.contentId?.slice(1, -1) ?? 'missing'}`);
    expect(parsed.attachments.find((a) => a.filename === 'Notizen – März.txt')?.disposition).toBe('attachment');
    expect(events).toContainEqual({ event: 'drafts:changed', payload: { id, change: 'sent' } });
  });

  it('names an invalid address and keeps the draft', async () => {
    const { id } = await call(app, 'drafts:save', {
      id: null,
      fields: fields('Bad address', { to: `${recipient.address}, Grace Hopper` }),
    });
    await expect(call(app, 'drafts:send', { id, sendAt: null })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'To: "Grace Hopper" is not an email address.',
    });
    expect((await call(app, 'drafts:get', { id })).subject).toBe('Bad address');
  });

  it('undo gives back the complete draft, same id, every field and attachment', async () => {
    await call(app, 'prefs:update', { undoSendSeconds: 30 });
    try {
      const { id } = await draftWithAttachments('Undo me');
      const before = await call(app, 'drafts:get', { id });
      const queued = await call(app, 'drafts:send', { id, sendAt: null });
      expect(queued.state).toBe('scheduled');
      const seen = events.length;
      const { draftId } = await call(app, 'outbox:cancel', { id: queued.id });
      expect(draftId).toBe(id);
      // The drafts list in an open window learns that the draft is back.
      expect(events.slice(seen)).toContainEqual({ event: 'drafts:changed', payload: { id, change: 'saved' } });
      const after = await call(app, 'drafts:get', { id });
      expect({ ...after, updatedAt: '' }).toEqual({ ...before, updatedAt: '' });
      const bytes = await call(app, 'drafts:attachmentData', {
        draftId: id,
        attachmentId: before.attachments[0]?.id ?? '',
        offset: 0,
      });
      expect(Buffer.from(bytes.contentBase64, 'base64').equals(PNG)).toBe(true);
      expect(await spooled(servers, queued.messageId)).toHaveLength(0);
    } finally {
      await call(app, 'prefs:update', { undoSendSeconds: 0 });
    }
  });

  it('a draft survives closing and reopening the store; the CLI lists and shows it', async () => {
    const own = profile();
    const first = await openOutboxApp(servers, own);
    const { id } = await call(first, 'drafts:save', {
      id: null,
      fields: {
        to: 'grace@example.test',
        subject: 'Written offline',
        format: 'plain',
        text: 'No account, no network.',
      },
    });
    await call(first, 'drafts:attach', {
      draftId: id,
      filename: 'a.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('kept').toString('base64'),
      inline: false,
    });
    await first.close();
    const again = await openOutboxApp(servers, own);
    try {
      expect(await call(again, 'drafts:get', { id })).toMatchObject({
        accountId: null,
        subject: 'Written offline',
        text: 'No account, no network.',
        attachments: [{ filename: 'a.txt', size: 4 }],
      });
    } finally {
      await again.close();
    }
    const list = await runLetterbox(['draft', 'list', '--json', '--profile', own]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ drafts: [{ id, subject: 'Written offline', attachmentCount: 1 }] });
    const show = await runLetterbox(['draft', 'show', id, '--profile', own]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Subject: Written offline');
    expect(show.stdout).toContain('Attachment: a.txt (text/plain, 4 B)');
    expect(show.stdout).toContain('No account, no network.');
    const missing = await runLetterbox(['draft', 'show', 'nope', '--profile', own]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no longer exists/);
  });

  it('a reply to a message in the store threads correctly and goes to Reply-To', async () => {
    const original = [
      `From: Grace Hopper <grace@example.test>`,
      `Reply-To: Team <${recipient.address}>`,
      `To: ${sender.address}`,
      `Subject: Re: Compiler plans`,
      `Message-ID: <orig-1@example.test>`,
      `References: <root@example.test> <mid@example.test>`,
      `Date: Mon, 30 Nov 2026 09:00:00 +0000`,
      '',
      'Shall we meet at ten?',
      '',
    ].join('\r\n');
    await withImap(servers, sender, (client) => client.append('INBOX', original));
    await call(app, 'sync:run', { accountId: account.id });
    const row = app.ctx.store.db.get<{ id: string }>('SELECT id FROM messages WHERE message_id = ?', [
      '<orig-1@example.test>',
    ]);
    expect(row).toBeDefined();
    const draft = await call(app, 'compose:start', { kind: 'reply', messageId: row?.id ?? '', accountId: null });
    expect(draft).toMatchObject({
      to: `Team <${recipient.address}>`,
      subject: 'Re: Compiler plans',
      identityId: account.identities[0]?.id,
      inReplyTo: '<orig-1@example.test>',
      references: ['<root@example.test>', '<mid@example.test>', '<orig-1@example.test>'],
    });
    expect(draft.text).toContain('Grace Hopper wrote:\n> Shall we meet at ten?');
    const queued = await call(app, 'drafts:send', { id: draft.id, sendAt: null });
    const item = await waitForState(app, queued.id, ['sent', 'filed']);
    const [delivered] = await spooled(servers, item.messageId);
    const parsed = await PostalMime.parse(delivered?.raw ?? Buffer.alloc(0));
    expect(parsed.inReplyTo).toBe('<orig-1@example.test>');
    expect(parsed.references).toBe('<root@example.test> <mid@example.test> <orig-1@example.test>');
    expect(parsed.subject).toBe('Re: Compiler plans');
    expect(parsed.text).toContain('> Shall we meet at ten?');
  });
});
