/**
 * The reader against real mail: messages delivered to the harness Dovecot, synced, and opened in
 * the browser shell's Chromium. A loopback web server stands in for the internet and records
 * every request, which is how "no script ran" and "nothing loaded before the user allowed it"
 * are proven rather than assumed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import { deliverMessage } from '../support/doveadm';
import type { TestUser } from '../support/mail-servers';
import { useAppSession } from './support/app-session';
import { invokeFromPage } from './support/page-invoke';
import { ComposePage } from './support/compose-page';
import { harnessAppOpener } from './support/harness-app';
import { PIXEL_PNG, startLoopbackRecorder, type LoopbackRecorder } from '../support/loopback-recorder';
import { hostileHtmlMessage, plainTextMessage, remoteImageMessage, type HostileMessage } from '../support/reader-mail';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-reader-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});
const openAppWithAccount = harnessAppOpener(session, servers, {
  userPrefix: 'reader',
  name: 'Rita Reader',
  accountName: 'Reader test',
});

let web: LoopbackRecorder;
beforeAll(async () => {
  web = await startLoopbackRecorder();
});
afterAll(async () => {
  await web.close();
});

function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return invokeFromPage(session.page, channel, input);
}

const unique = (what: string) => `${what} ${randomBytes(4).toString('hex')}`;
const frame = () => session.app.reader.frameLocator('iframe[title="Message body"]');

async function deliverAndOpen(user: TestUser, raw: string, subject: string): Promise<void> {
  await deliverMessage(servers.dovecot, user.name, raw);
  await invoke('sync:run', { accountId: null });
  await session.app.messageRow(subject).click();
  await session.app.reader.getByRole('article', { name: subject }).waitFor();
}

/** Read from the app page: the frame is same-origin (see MessageFrame), its own scripts never run. */
const imageLoaded = (alt: string) =>
  session.page.evaluate((altText) => {
    const doc = document.querySelector<HTMLIFrameElement>('iframe[title="Message body"]')?.contentDocument;
    const img = doc?.querySelector<HTMLImageElement>(`img[alt="${altText}"]`);
    return img ? { src: img.getAttribute('src') ?? '', width: img.naturalWidth } : null;
  }, alt);

const frameMarkup = () =>
  session.page.evaluate(
    () =>
      document.querySelector<HTMLIFrameElement>('iframe[title="Message body"]')?.contentDocument?.documentElement
        .outerHTML ?? '',
  );

const helloLook = () =>
  session.page.evaluate(() => {
    const doc = document.querySelector<HTMLIFrameElement>('iframe[title="Message body"]')?.contentDocument;
    const p = doc?.querySelector('p.hello');
    const style = p ? doc?.defaultView?.getComputedStyle(p) : null;
    return { color: style?.color, weight: style?.fontWeight };
  });

const hits = (paths: readonly string[]) => web.paths.filter((p) => paths.some((path) => p.startsWith(path)));

describe('reader', { timeout: 120_000 }, () => {
  let hostile: HostileMessage;
  const report = randomBytes(700 * 1024); // more than one attachments:data chunk

  it('shows a hostile HTML message sanitized in a sandboxed frame: nothing runs, nothing loads until allowed', async () => {
    const user = await openAppWithAccount();
    hostile = hostileHtmlMessage({
      origin: web.origin,
      subject: unique('Hostile'),
      from: 'mallory@sender.example',
      to: user.address,
      inlinePng: PIXEL_PNG,
      report,
      program: Buffer.from('MZ not really a program'),
    });
    await deliverAndOpen(user, hostile.raw, hostile.subject);
    const reader = session.app.reader;

    // Header: the name and the exact address.
    await reader.getByText('Mallory Sender <mallory@sender.example>', { exact: true }).waitFor();
    await reader.getByText(user.address).first().waitFor();

    const iframe = reader.locator('iframe[title="Message body"]');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-same-origin');
    await frame().getByText('Hello reader').waitFor();

    // Styles arrive through CSSOM: the <style> rule and the style attribute both apply.
    expect(await helloLook()).toEqual({ color: 'rgb(1, 2, 3)', weight: '700' });

    // The inline cid: image is the message's own part.
    await expect.poll(async () => (await imageLoaded('Inline logo'))?.width).toBe(1);
    expect((await imageLoaded('Inline logo'))?.src).toMatch(/^data:image\/png;base64,/);

    // Remote content blocked, named in the banner; nothing reached the "internet".
    const banner = reader.getByRole('region', { name: 'Remote content' });
    await banner.getByText('Remote content blocked.').waitFor();
    await banner.getByText(/5 images from the internet were not loaded/).waitFor();
    expect((await imageLoaded('Remote logo'))?.src).toBe('');
    expect(web.paths).toEqual([]);

    // Nothing executable survived into the frame.
    const markup = await frameMarkup();
    expect(markup).not.toMatch(
      /<script|onerror|javascript:|vbscript:|data:text|<form|<iframe|<object|<embed|<svg|<math|<base|http-equiv="refresh"|<link/i,
    );
    expect(await session.page.title()).toBe('Letterbox');

    // The mismatched link is flagged in the frame and above it.
    await frame().getByText('⚠ goes to evil.example').waitFor();
    await reader.getByRole('note').filter({ hasText: 'bank.example → evil.example' }).waitFor();

    // Load for this message: main fetches the images (the requests reach the server now).
    await banner.getByRole('button', { name: 'Load for this message' }).click();
    await expect.poll(async () => (await imageLoaded('Remote logo'))?.width).toBe(1);
    expect((await imageLoaded('Remote logo'))?.src).toMatch(/^data:image\/png;base64,/);
    await expect.poll(() => hits(hostile.remotePaths).sort()).toEqual([...hostile.remotePaths].sort());
    await expect(banner.count()).resolves.toBe(0);
    expect(hits(hostile.forbiddenPaths)).toEqual([]);
  });

  it('opens a mailto: link from a message as a prefilled draft and sends nothing', async () => {
    await openAppWithAccount();
    await session.app.messageRow(hostile.subject).click();
    await frame().getByRole('link', { name: 'Write to someone' }).click();
    const compose = await ComposePage.waitFor(session.app);
    await expect(compose.field('Subject').inputValue()).resolves.toBe('Hello there');
    await expect(compose.field('To').inputValue()).resolves.toBe('someone@example.org');
    const body = () =>
      compose.field('Message').evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : el.textContent));
    await expect.poll(body).toContain('Hi from mail');
    expect((await invoke('outbox:list', {})).items).toEqual([]);
  });

  it('opens a web link outside the app, and asks first when its text shows another address', async () => {
    await openAppWithAccount();
    await session.app.messageRow(hostile.subject).click();
    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      frame().getByRole('link', { name: 'Our site' }).click(),
    ]);
    await expect.poll(() => popup.url()).toBe(`${web.origin}/opened-site`);
    await popup.close();
    // The reader itself did not navigate.
    await frame().getByText('Hello reader').waitFor();

    // A jump within the message scrolls to its target and is neither opened nor refused.
    const endInView = () =>
      session.page.evaluate(() => {
        const iframe = document.querySelector<HTMLIFrameElement>('iframe[title="Message body"]');
        const end = iframe?.contentDocument?.querySelector('[id$="the-end"]');
        const pane = document.querySelector('.pane-reader .pane-body');
        if (!iframe || !end || !pane) return null;
        const top = iframe.getBoundingClientRect().top + end.getBoundingClientRect().top;
        const view = pane.getBoundingClientRect();
        return top >= view.top && top < view.bottom;
      });
    await session.page.evaluate(() => document.querySelector('.pane-reader .pane-body')?.scrollTo(0, 0));
    expect(await endInView()).toBe(false);
    await frame().getByRole('link', { name: 'Jump to the end' }).click();
    await expect.poll(endInView).toBe(true);
    expect(await session.app.reader.getByRole('alert').count()).toBe(0);
    expect(session.context.pages()).toHaveLength(1);

    await frame().getByRole('link', { name: 'https://www.bank.example/login' }).click();
    const confirm = session.app.dialog('Open this link?');
    await confirm.getByText(/shows bank\.example but goes to evil\.example/).waitFor();
    await confirm.getByText('https://evil.example/login').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(session.context.pages()).toHaveLength(1);
  });

  it('saves an attachment as a download with a sanitized name and the exact bytes, and warns before a program', async () => {
    await openAppWithAccount();
    await session.app.messageRow(hostile.subject).click();
    const attachments = session.app.reader.getByRole('region', { name: 'Attachments' });
    // The inline logo is shown in the body, not listed again.
    await expect.poll(() => attachments.getByRole('listitem').count()).toBe(2);
    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      attachments.getByRole('button', { name: 'Save Report 2026.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Report 2026.pdf');
    const saved = readFileSync(await download.path());
    expect(saved.equals(report)).toBe(true);

    await attachments.getByRole('button', { name: 'Open setup.exe' }).click();
    const warning = session.app.dialog('Open a program?');
    await warning.getByText(/is a program or script/).waitFor();
    await warning.getByRole('button', { name: 'Don’t open' }).click();
    await expect(warning.count()).resolves.toBe(0);
  });

  it('shows the raw source as text', async () => {
    await openAppWithAccount();
    await session.app.messageRow(hostile.subject).click();
    await session.app.reader.getByRole('button', { name: 'View source' }).click();
    const dialog = session.app.dialog('Message source');
    const pre = dialog.getByLabel('Raw message');
    await expect.poll(() => pre.textContent()).toContain(`Subject: ${hostile.subject}`);
    expect(await pre.textContent()).toContain('Content-ID: <logo@reader.test>');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(hits(hostile.forbiddenPaths)).toEqual([]);
  });

  it('remembers "Always for this sender" across a reload', async () => {
    const user = await openAppWithAccount();
    const subject = unique('Newsletter');
    const from = 'news@letters.example';
    await deliverAndOpen(user, remoteImageMessage({ origin: web.origin, subject, from, to: user.address }), subject);
    const banner = session.app.reader.getByRole('region', { name: 'Remote content' });
    await banner.getByRole('button', { name: `Always for ${from}` }).click();
    await expect.poll(async () => (await imageLoaded('News banner'))?.width).toBe(1);
    const requests = () => web.paths.filter((p) => p.startsWith('/news-banner.png')).length;
    expect(requests()).toBe(1);
    expect((await invoke('prefs:get', {})).remoteContentSenders).toContain(from);

    await session.page.reload();
    await session.app.messageRow(subject).click();
    await expect.poll(async () => (await imageLoaded('News banner'))?.width).toBe(1);
    expect(await banner.count()).toBe(0);
    expect(requests()).toBe(2);
  });

  it('shows plain text as text with clickable addresses and quoted lines', async () => {
    const user = await openAppWithAccount();
    const subject = unique('Plain');
    await deliverAndOpen(user, plainTextMessage({ subject, from: 'pat@plain.example', to: user.address }), subject);
    const reader = session.app.reader;
    await reader.getByRole('link', { name: 'https://example.org/plain-notes' }).waitFor();
    await reader.getByRole('link', { name: 'pat@example.org' }).waitFor();
    await reader.getByText('<b>not bold</b> <img src=x onerror=alert(1)>').waitFor();
    expect(await reader.locator('.reader-text b, .reader-text img').count()).toBe(0);
    await expect(reader.locator('.reader-quote').textContent()).resolves.toBe('> an earlier line, quoted');
    expect(await reader.locator('iframe').count()).toBe(0);
  });

  it('passes an axe-core scan of the reader with no serious or critical violations', async () => {
    await openAppWithAccount();
    await session.app.messageRow(hostile.subject).click();
    await frame().getByText('Hello reader').waitFor();
    await session.app.reader.getByRole('region', { name: 'Attachments' }).waitFor();
    const require = createRequire(import.meta.url);
    // Evaluated through the DevTools protocol: the app's CSP rightly refuses an injected <script>.
    await session.page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await session.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<AxeResult> } }).axe;
      type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
      const region = document.querySelector('.pane-reader');
      if (!region) throw new Error('no reader pane');
      const result = await axe.run(region, { iframes: false });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
});
