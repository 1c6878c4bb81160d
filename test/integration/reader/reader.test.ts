/**
 * The reader's services against the harness Dovecot: messages synced for real, then read through
 * the dispatcher (so every input and output is checked against the contract, as the window's are).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelName } from '../../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import { saveAttachmentTo } from '../../../main/services/reader/attachments';
import { closeReaderParser } from '../../../main/services/reader/reader-parser';
import { runSync } from '../../../main/services/sync';
import { deliverMessage } from '../../support/doveadm';
import { PIXEL_PNG, startLoopbackRecorder, type LoopbackRecorder } from '../../support/loopback-recorder';
import type { TestUser } from '../../support/mail-servers';
import { addMailUser } from '../../support/mail-users';
import { fixture } from '../../support/mime-fixtures';
import { hostileHtmlMessage } from '../../support/reader-mail';
import { accountFor, rawMessage } from '../sync/fixture';
import { removeOpenedFiles } from '../../../main/services/reader/opened-files';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-reader-'));
let user: TestUser;
let app: NodeApp;
let web: LoopbackRecorder;
const report = randomBytes(600 * 1024);
const program = Buffer.from('MZ pretend program');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await app.dispatcher.dispatch(channel, input, { transport: 'test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as ChannelOutput<C>;
}

async function failure<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ErrorInfo> {
  const result = await app.dispatcher.dispatch(channel, input, { transport: 'test' });
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error;
}

function idOf(subject: string): string {
  const row = app.ctx.store.db.get<{ id: string }>('SELECT id FROM messages WHERE subject = ?', [subject]);
  if (!row) throw new Error(`no message ${subject}`);
  return row.id;
}

const big = rawMessage(1, { subject: 'Left on the server' }).replace(
  'Body of message 1.',
  `Body of message 1.\r\n${'A long line of the large report.\r\n'.repeat(70_000)}`,
);

beforeAll(async () => {
  web = await startLoopbackRecorder();
  user = await addMailUser(servers.dovecot, 'reader');
  const hostile = hostileHtmlMessage({
    origin: web.origin,
    subject: 'Hostile for the reader',
    from: 'mallory@sender.example',
    to: user.address,
    inlinePng: PIXEL_PNG,
    report,
    program,
  });
  for (const raw of [
    hostile.raw,
    big,
    fixture('malformed-truncated.eml'),
    fixture('no-headers.eml'),
    fixture('inline-cid.eml'),
  ]) {
    await deliverMessage(servers.dovecot, user.name, raw);
  }
  app = await openNodeApp({
    profileDir: profile,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } }, maxBodyBytes: 2_000_000 },
  });
  const saved = await app.dispatcher.dispatch(
    'accounts:save',
    { account: { ...accountFor(servers, user), id: null }, password: user.password },
    { transport: 'test' },
  );
  if (!saved.ok) throw new Error(saved.error.message);
  await runSync(app.ctx, (saved.value as { id: string }).id);
});
afterAll(async () => {
  await closeReaderParser(app.ctx);
  await app.close();
  await web.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('messages:get', () => {
  it('returns a stored message: exact sender, recipients, the raw HTML, the text and the parts', async () => {
    const message = await call('messages:get', { id: idOf('Hostile for the reader') });
    expect(message.from).toEqual({ name: 'Mallory Sender', address: 'mallory@sender.example' });
    expect(message.to).toEqual([{ name: '', address: user.address }]);
    expect(message.unread).toBe(true);
    expect(message.body.state).toBe('local');
    if (message.body.state !== 'local') return;
    // Raw: sanitizing is the renderer's job (DOMPurify needs a DOM).
    expect(message.body.html).toContain('<script>');
    expect(message.body.htmlTruncated).toBe(false);
    expect(message.body.text).toContain('Hello reader');
    expect(
      message.attachments.map(({ filename, mimeType, contentId, inline }) => ({
        filename,
        mimeType,
        contentId,
        inline,
      })),
    ).toEqual([
      { filename: 'logo.png', mimeType: 'image/png', contentId: 'logo@reader.test', inline: true },
      { filename: '../../Report 2026.pdf', mimeType: 'application/pdf', contentId: null, inline: false },
      { filename: 'setup.exe', mimeType: 'application/octet-stream', contentId: null, inline: false },
    ]);
    expect(message.attachments[1]?.size).toBe(report.length);
    // Nothing was fetched by reading it.
    expect(web.paths).toEqual([]);
  });

  it('says a body left on the server is remote, and downloads it when asked', async () => {
    const id = idOf('Left on the server');
    const before = await call('messages:get', { id });
    expect(before.body).toEqual({ state: 'remote' });
    expect(before.from?.address).toBeTruthy();
    const after = await call('messages:get', { id, download: true });
    expect(after.body.state).toBe('local');
    expect(after.body.state === 'local' && after.body.text).toContain('A long line of the large report.');
    expect((await call('messages:source', { id })).source).toContain('Subject: Left on the server');
  });

  it.each([
    ['malformed-truncated.eml', "message_id LIKE '%no-brackets-id@example.com%'"],
    ['no-headers.eml', "subject = '' AND from_address IS NULL"],
  ])('reads the malformed %s without failing', async (_name, where) => {
    const row = app.ctx.store.db.get<{ id: string }>(`SELECT id FROM messages WHERE ${where}`);
    expect(row).toBeDefined();
    const message = await call('messages:get', { id: row?.id ?? '' });
    expect(message.body.state).toBe('local');
    expect(message.warnings.length + (message.body.state === 'local' ? message.body.text.length : 0)).toBeGreaterThan(
      0,
    );
  });

  it('answers an unknown id with not_found in words', async () => {
    const error = await failure('messages:get', { id: 'no-such-message' });
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/no longer here/);
  });
});

describe('attachments', () => {
  it('hands out a part in chunks that add up to the exact bytes, under the sanitized name', async () => {
    const messageId = idOf('Hostile for the reader');
    const chunks: Buffer[] = [];
    let offset: number | null = 0;
    let filename = '';
    while (offset !== null) {
      const chunk: ChannelOutput<'attachments:data'> = await call('attachments:data', {
        messageId,
        partId: '2',
        offset,
      });
      filename = chunk.filename;
      chunks.push(Buffer.from(chunk.contentBase64, 'base64'));
      offset = chunk.nextOffset;
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(report)).toBe(true);
    expect(filename).toBe('Report 2026.pdf');
  });

  it('saves only inside the chosen folder, under a safe and unique name', async () => {
    const messageId = idOf('Hostile for the reader');
    const root = mkdtempSync(join(tmpdir(), 'letterbox-save-'));
    try {
      const folder = join(root, 'Downloads');
      mkdirSync(folder);
      const first = await saveAttachmentTo(app.ctx, { messageId, partId: '2' }, folder);
      const second = await saveAttachmentTo(app.ctx, { messageId, partId: '2' }, folder);
      expect(first).toEqual({ path: join(folder, 'Report 2026.pdf'), filename: 'Report 2026.pdf' });
      expect(second.filename).toBe('Report 2026 (2).pdf');
      expect(readFileSync(first.path).equals(report)).toBe(true);
      expect(readdirSync(root)).toEqual(['Downloads']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('needs the desktop shell for a folder dialog or the default app, and says so', async () => {
    const messageId = idOf('Hostile for the reader');
    expect((await failure('attachments:save', { messageId, partId: '2' })).code).toBe('conflict');
    expect((await failure('attachments:open', { messageId, partId: '2' })).message).toMatch(/desktop app/);
  });

  it('refuses to open a program until the warning was confirmed', async () => {
    const messageId = idOf('Hostile for the reader');
    const opened: string[] = [];
    app.ctx.desktop = {
      chooseFolder: () => Promise.resolve(null),
      openPath: (path) => {
        opened.push(path);
        return Promise.resolve('');
      },
    };
    try {
      const refused = await failure('attachments:open', { messageId, partId: '3' });
      expect(refused).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/setup\.exe is a program/) as unknown,
      });
      expect(opened).toEqual([]);
      expect(await call('attachments:open', { messageId, partId: '3', confirmedExecutable: true })).toEqual({
        opened: true,
      });
      expect(opened).toHaveLength(1);
      expect(readFileSync(opened[0] ?? '').equals(program)).toBe(true);
      expect(await call('attachments:save', { messageId, partId: '2' })).toEqual({ path: null, filename: null });
      // The temporary copy is private to this user and goes when the app closes.
      expect(statSync(join(opened[0] ?? '', '..')).mode & 0o777).toBe(0o700);
      await removeOpenedFiles(app.ctx);
      expect(existsSync(opened[0] ?? '')).toBe(false);
    } finally {
      delete app.ctx.desktop;
      for (const path of opened) rmSync(join(path, '..'), { recursive: true, force: true });
    }
  });

  it('answers a part that does not exist with not_found', async () => {
    const error = await failure('attachments:data', { messageId: idOf('Hostile for the reader'), partId: '9' });
    expect(error.code).toBe('not_found');
  });
});

describe('messages:remoteImage', () => {
  it('fetches an allowed remote image as a data: URL', async () => {
    const image = await call('messages:remoteImage', { url: `${web.origin}/allowed.png` });
    expect(image.error).toBeNull();
    expect(image.dataUrl).toBe(`data:image/png;base64,${PIXEL_PNG.toString('base64')}`);
    expect(web.paths).toContain('/allowed.png');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/x.png', 'http://user:pw@127.0.0.1/x.png'])(
    'refuses %s without a request',
    async (url) => {
      const before = web.paths.length;
      const image = await call('messages:remoteImage', { url });
      expect(image.dataUrl).toBeNull();
      expect(image.error).toMatch(/http and https/);
      expect(web.paths.length).toBe(before);
    },
  );
});

describe('quoting a hostile message', () => {
  it.each(['reply', 'forward'] as const)(
    '%s carries none of its scripts, handlers or javascript: links',
    async (kind) => {
      const draft = await call('compose:start', { kind, messageId: idOf('Hostile for the reader') });
      const html = draft.html ?? '';
      expect(html).toContain('Hello reader');
      expect(html).not.toMatch(/<script|onerror\s*=|javascript:|<iframe|<form|<svg|<img[^>]*127\.0\.0\.1/i);
    },
  );
});
