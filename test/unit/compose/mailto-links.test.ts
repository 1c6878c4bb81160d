import { describe, expect, it } from 'vitest';
import {
  MAX_MAILTO_LENGTH,
  MailtoInbox,
  mailtoLinkOf,
  mailtoLinksIn,
  secondInstancePlan,
  startupPlan,
} from '../../../main/compose/mailto-links';

const LINK = 'mailto:grace@example.org?subject=Hello%20there';

describe('mailto: links handed to the app', () => {
  it('finds the links on a command line and leaves the executable, the app folder and switches alone', () => {
    const linux = ['/opt/Letterbox/letterbox', '--no-sandbox', LINK];
    const windows = ['C:\\Program Files\\Letterbox\\Letterbox.exe', '--', ' MAILTO:ada@example.com '];
    const development = ['/usr/bin/electron', '.', '--inspect=5858'];
    expect(mailtoLinksIn(linux)).toEqual([LINK]);
    expect(mailtoLinksIn(windows)).toEqual(['MAILTO:ada@example.com']);
    expect(mailtoLinksIn(development)).toEqual([]);
    expect(mailtoLinksIn(['/home/ada/mailto:notes.txt', 'https://example.org', 'file:///etc/passwd'])).toEqual([]);
  });

  it('refuses a link longer than compose:mailto takes', () => {
    const long = `mailto:a@example.org?body=${'x'.repeat(MAX_MAILTO_LENGTH)}`;
    expect(mailtoLinkOf(long)).toBeNull();
    expect(mailtoLinkOf(long.slice(0, MAX_MAILTO_LENGTH))).not.toBeNull();
  });

  it('runs the first instance with its links, and quits a second one (Electron forwards its command line)', () => {
    expect(startupPlan(true, ['/opt/letterbox', LINK])).toEqual({ kind: 'run', links: [LINK] });
    expect(startupPlan(true, ['/opt/letterbox'])).toEqual({ kind: 'run', links: [] });
    expect(startupPlan(false, ['/opt/letterbox', LINK])).toEqual({ kind: 'quit' });
  });

  it('brings the running window forward for a second start, with or without a link', () => {
    expect(secondInstancePlan(['/opt/letterbox', '--no-sandbox', LINK])).toEqual({ focusWindow: true, links: [LINK] });
    expect(secondInstancePlan(['/opt/letterbox'])).toEqual({ focusWindow: true, links: [] });
  });

  it('keeps links that come before the window is ready, in order, and delivers each once', () => {
    const inbox = new MailtoInbox();
    expect(inbox.take('mailto:first@example.org')).toBe(true);
    expect(inbox.take('--no-sandbox')).toBe(false);
    expect(inbox.take('mailto:second@example.org')).toBe(true);
    const delivered: string[] = [];
    inbox.ready((link) => delivered.push(link));
    expect(delivered).toEqual(['mailto:first@example.org', 'mailto:second@example.org']);
    inbox.take('mailto:third@example.org');
    expect(delivered).toEqual(['mailto:first@example.org', 'mailto:second@example.org', 'mailto:third@example.org']);
    // A second ready (a new window) does not replay what was delivered.
    const again: string[] = [];
    inbox.ready((link) => again.push(link));
    expect(again).toEqual([]);
  });
});
