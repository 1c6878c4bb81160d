import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboxDetails, OutboxItem } from '../../shared/model/outbox';
import { addHarnessAccount, runLetterbox } from '../support/cli-process';
import { addMailUser } from '../support/mail-users';
import type { TestUser } from '../support/mail-servers';
import { readSpool } from '../support/smtp-recorder';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-send-'));
const env = { NODE_EXTRA_CA_CERTS: servers.tls.caPath };
let user: TestUser;
let friend: TestUser;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'clisend');
  friend = await addMailUser(servers.dovecot, 'friend');
  await addHarnessAccount(servers, user, profile);
});
afterAll(() => rmSync(profile, { recursive: true, force: true }));

const letterbox = (args: string[], stdin = '') =>
  runLetterbox([...args, '--profile', profile], { env, ...(stdin ? { stdin } : {}) });

async function spooledWith(messageId: string) {
  return (await readSpool(servers.smtp.spoolDir)).filter((m) => m.raw.toString('latin1').includes(messageId));
}

describe('letterbox send and letterbox outbox', () => {
  it('sends with exactly the intended recipients and headers, however the arguments are crafted', async () => {
    const attachment = join(profile, 'notes.txt');
    writeFileSync(attachment, 'attached text\n');
    const run = await letterbox(
      [
        'send', '--json', '--account', user.address,
        '--to', `"Friend, Best" <${friend.address}>`, '--cc', 'relay@elsewhere.test',
        '--bcc', 'hidden@elsewhere.test', '--subject', 'Report\r\nBcc: smuggled@evil.test\r\nX-Injected: 1',
        '--attach', attachment,
      ], // prettier-ignore
      'Hello from the command line.\n',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { item } = JSON.parse(run.stdout) as { item: OutboxItem };
    expect(item.state).toBe('filed');

    const delivered = await spooledWith(item.messageId);
    expect(delivered).toHaveLength(1);
    const [message] = delivered;
    expect(message?.envelope.rcptTo).toEqual([friend.address, 'relay@elsewhere.test', 'hidden@elsewhere.test']);
    const parsed = await PostalMime.parse(message?.raw ?? Buffer.alloc(0));
    const headerKeys = parsed.headers.map((h) => h.key);
    expect(headerKeys).not.toContain('bcc');
    expect(headerKeys).not.toContain('x-injected');
    expect(headerKeys.filter((k) => k === 'subject')).toHaveLength(1);
    expect(parsed.to).toEqual([{ name: 'Friend, Best', address: friend.address }]);
    expect(parsed.text?.trim()).toBe('Hello from the command line.');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['notes.txt']);
    expect(message?.deliveredTo).toEqual([friend.name]);
  });

  it('shows the delivery details with the transcript, never the password', async () => {
    const list = await letterbox(['outbox', 'list', '--json']);
    const { items } = JSON.parse(list.stdout) as { items: OutboxItem[] };
    const sent = items.find((i) => i.subject.startsWith('Report'));
    expect(sent?.state).toBe('filed');
    const show = await letterbox(['outbox', 'show', sent?.id ?? '']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/C: EHLO/);
    expect(show.stdout).toMatch(/C: MAIL FROM/);
    expect(show.stdout).toMatch(/S: 250/);
    expect(show.stdout).toMatch(/TLSv1\.[23]/);
    expect(show.stdout).not.toContain(user.password);
    const json = await letterbox(['outbox', 'show', sent?.id ?? '', '--json']);
    const { item } = JSON.parse(json.stdout) as { item: OutboxDetails };
    expect(item.attemptLog).toHaveLength(1);
    expect(item.attemptLog[0]?.timings?.totalMs).toBeGreaterThan(0);
  });

  it('queues a send-later message without sending it, and cancel turns it into a draft', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const run = await letterbox(
      ['send', '--json', '--account', user.address, '--to', friend.address, '--subject', 'Tomorrow', '--at', at],
      'later\n',
    );
    expect(run.code).toBe(0);
    const { item } = JSON.parse(run.stdout) as { item: OutboxItem };
    expect(item).toMatchObject({ state: 'scheduled', sendLater: true, sendAt: new Date(at).toISOString() });
    expect(await spooledWith(item.messageId)).toHaveLength(0);
    const cancel = await letterbox(['outbox', 'cancel', item.id, '--json']);
    expect(cancel.code).toBe(0);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ draftId: expect.any(String) });
    const again = await letterbox(['outbox', 'cancel', item.id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/no longer in the outbox|not in the outbox/);
  });

  it('explains bad arguments before anything is queued', async () => {
    const run = await letterbox(['send', '--account', user.address, '--to', 'not an address', '--subject', 'x'], 'b');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--to: .* is not an email address/);
    const at = await letterbox([
      'send',
      '--account',
      user.address,
      '--to',
      friend.address,
      '--subject',
      'x',
      '--at',
      'soon',
    ]);
    expect(at.code).toBe(2);
    expect(at.stderr).toMatch(/ISO 8601/);
  });
});
