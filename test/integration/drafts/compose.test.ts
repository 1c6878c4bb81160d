import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import type { Account } from '../../../shared/model/account';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { call, openOutboxApp, saveSender, spooled, waitForState, withImap } from '../outbox/fixture';

const servers = inject('mailServers');
let dir: string;
let user: TestUser;
let friend: TestUser;
let app: NodeApp;
let account: Account;
let messageId: string;

const ORIGINAL = [
  'From: Grace Hopper <grace@example.test>',
  'To: Team <team@example.test>, USER_ADDRESS, Alan <alan@example.test>',
  'Cc: Ada <ada@elsewhere.example>',
  'Subject: AW: Compiler plans',
  'Message-ID: <plans-2@example.test>',
  'Date: Mon, 30 Nov 2026 09:00:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Ten o’clock, room <b>4</b>.',
  '',
].join('\r\n');

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'cmp');
  friend = await addMailUser(servers.dovecot, 'fwd');
  dir = mkdtempSync(join(tmpdir(), 'letterbox-compose-'));
  app = await openOutboxApp(servers, dir);
  account = await saveSender(app, servers, user);
  await call(app, 'prefs:update', { undoSendSeconds: 0, signaturePlacement: 'above' });
  await withImap(servers, user, (client) => client.append('INBOX', ORIGINAL.replace('USER_ADDRESS', user.address)));
  await call(app, 'sync:run', { accountId: account.id });
  const row = app.ctx.store.db.get<{ id: string }>('SELECT id FROM messages WHERE message_id = ?', [
    '<plans-2@example.test>',
  ]);
  messageId = row?.id ?? '';
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compose:start and compose:mailto', () => {
  it('reply-all: everyone but the user, subject prefix not doubled, quote escaped in rich mode', async () => {
    const draft = await call(app, 'compose:start', { kind: 'replyAll', messageId, accountId: null });
    expect(draft).toMatchObject({
      to: 'Grace Hopper <grace@example.test>, Team <team@example.test>, Alan <alan@example.test>',
      cc: 'Ada <ada@elsewhere.example>',
      subject: 'Re: Compiler plans',
      source: { kind: 'replyAll', messageId },
      format: 'rich',
    });
    expect(draft.html).toContain('<blockquote type="cite"><p>Ten o’clock, room &lt;b&gt;4&lt;/b&gt;.</p></blockquote>');
    expect((await call(app, 'drafts:list', {})).drafts.map((d) => d.id)).toContain(draft.id);
  });

  it('forward inline: header block, no recipients, Fwd: prefix', async () => {
    const draft = await call(app, 'compose:start', { kind: 'forward', messageId, accountId: null });
    expect(draft).toMatchObject({ to: '', cc: '', subject: 'Fwd: AW: Compiler plans', inReplyTo: null });
    expect(draft.text).toContain('---------- Forwarded message ----------\nFrom: Grace Hopper <grace@example.test>');
    expect(draft.text).toContain('Subject: AW: Compiler plans');
    expect(draft.attachments).toEqual([]);
  });

  it('forward as attachment: the original bytes as message/rfc822, delivered intact', async () => {
    const draft = await call(app, 'compose:start', { kind: 'forwardAsAttachment', messageId, accountId: null });
    expect(draft.attachments).toEqual([
      expect.objectContaining({ filename: 'AW Compiler plans.eml', contentType: 'message/rfc822', inline: false }),
    ]);
    await call(app, 'drafts:save', {
      id: draft.id,
      fields: { ...draft, to: friend.address, format: 'plain', html: null, text: 'See attached.' },
    });
    const queued = await call(app, 'drafts:send', { id: draft.id, sendAt: null });
    const item = await waitForState(app, queued.id, ['sent', 'filed']);
    const [delivered] = await spooled(servers, item.messageId);
    const parsed = await PostalMime.parse(delivered?.raw ?? Buffer.alloc(0), { forceRfc822Attachments: true });
    const attached = Buffer.from((parsed.attachments[0]?.content as ArrayBuffer) ?? new ArrayBuffer(0)).toString();
    expect(parsed.attachments[0]?.mimeType).toBe('message/rfc822');
    expect(attached).toContain('Message-ID: <plans-2@example.test>');
    expect(parsed.headers.find((h) => h.key === 'content-type')?.value).toMatch(/multipart\/mixed/);
    expect(delivered?.raw.toString()).toMatch(/Content-Type: text\/plain; charset=utf-8; format=flowed/);
  });

  it('a new message gets the identity’s signature; mailto: prefills fields and sends nothing', async () => {
    const blank = await call(app, 'compose:start', { kind: 'new', messageId: null, accountId: account.id });
    expect(blank).toMatchObject({ accountId: account.id, identityId: account.identities[0]?.id, to: '', subject: '' });
    const before = (await call(app, 'outbox:list', {})).items.length;
    const draft = await call(app, 'compose:mailto', {
      url: 'mailto:grace@example.test?cc=alan@example.test&subject=Hello%20%C3%A9t%C3%A9&body=Hi%0D%0Athere&attach=/etc/passwd',
    });
    expect(draft).toMatchObject({
      to: 'grace@example.test',
      cc: 'alan@example.test',
      subject: 'Hello été',
      text: 'Hi\nthere',
      attachments: [],
    });
    expect((await call(app, 'outbox:list', {})).items).toHaveLength(before);
    await expect(call(app, 'compose:mailto', { url: 'https://example.test' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('contacts: people from received and sent mail, best match first', async () => {
    const { contacts } = await call(app, 'contacts:search', { query: 'gra', limit: 5 });
    expect(contacts[0]).toMatchObject({ name: 'Grace Hopper', address: 'grace@example.test' });
    // Only ever written to (the forward above): known from the outbox.
    const sentTo = await call(app, 'contacts:search', { query: friend.address.slice(0, 6), limit: 5 });
    expect(sentTo.contacts).toEqual([expect.objectContaining({ address: friend.address, count: 1 })]);
  });

  it('send later: waits in the outbox until its time', async () => {
    const { id } = await call(app, 'drafts:save', {
      id: null,
      fields: { to: 'later@example.test', subject: 'Later', format: 'plain', text: 'Tomorrow.' },
    });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const item = await call(app, 'drafts:send', { id, sendAt: at });
    expect(item).toMatchObject({ state: 'scheduled', sendLater: true, sendAt: at, accountId: account.id });
    await call(app, 'outbox:cancel', { id: item.id });
  });
});
