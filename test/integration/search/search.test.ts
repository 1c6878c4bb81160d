import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import { downloadBody } from '../../../main/services/download-body';
import { runSync } from '../../../main/services/sync';
import type { ChannelInput } from '../../../shared/ipc/contract';
import type { SearchOutput } from '../../../shared/model/search';
import { deliverMessage } from '../../support/doveadm';
import { harnessImapClient } from '../../support/imap-client';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor } from '../sync/fixture';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-search-'));
let user: TestUser;
let app: NodeApp;
let accountId: string;

const recent = new Date(Date.now() - 2 * 86_400_000).toUTCString().replace('GMT', '+0000');
const old = 'Tue, 02 Jan 2018 10:00:00 +0000';

function message(id: string, subject: string, body: string, date = recent): string {
  return [
    'From: "Zoë Müller" <zoe@example.test>',
    'To: "Ada" <ada@example.test>',
    `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
    `Date: ${date}`,
    `Message-ID: <${id}@example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

async function search(input: ChannelInput<'search:query'>): Promise<Extract<SearchOutput, { ok: true }>> {
  const result = await app.dispatcher.dispatch('search:query', input, { transport: 'test' });
  if (!result.ok) throw new Error(result.error.message);
  const output = result.value as SearchOutput;
  if (!output.ok) throw new Error(`query error: ${output.message}`);
  return output;
}
const subjects = async (query: string, server = false) =>
  (await search({ query, server })).hits.map((hit) => hit.subject).sort();

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'search');
  await deliverMessage(
    servers.dovecot,
    user.name,
    message('cafe', 'Réunion au café', 'Rendez-vous à l’hôtel, côté rue.'),
  );
  await deliverMessage(servers.dovecot, user.name, message('strasse', 'Die Straße', 'Die Hauptstrasse ist gesperrt.'));
  await deliverMessage(servers.dovecot, user.name, message('nihongo', '日本語のメール', '東京で会議があります。'));
  await deliverMessage(servers.dovecot, user.name, message('bye', 'Going away soon', 'This one will be deleted.'));
  // Outside the 30-day offline window below: its header is synced, its body stays on the server.
  await deliverMessage(servers.dovecot, user.name, message('old', 'Archive note', 'The xylophone invoice.', old));
  await deliverMessage(servers.dovecot, user.name, message('older', 'Old minutes', 'A zither was played.', old));
  app = await openNodeApp({
    profileDir: profile,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
  });
  const account = { ...accountFor(servers, user), id: null, imap: { offlineWindowDays: 30, qresync: true } };
  const saved = await app.dispatcher.dispatch(
    'accounts:save',
    { account, password: user.password },
    { transport: 'test' },
  );
  if (!saved.ok) throw new Error(saved.error.message);
  accountId = (saved.value as { id: string }).id;
  await runSync(app.ctx, accountId);
});
afterAll(async () => {
  await app.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('search over synced mail (real Dovecot)', () => {
  it('finds é, ß and 日本語 in subjects and bodies as sync stored them', async () => {
    expect(await subjects('reunion')).toEqual(['Réunion au café']);
    expect(await subjects('hotel cote')).toEqual(['Réunion au café']);
    expect(await subjects('subject:strasse')).toEqual(['Die Straße']);
    expect(await subjects('hauptstraße')).toEqual(['Die Straße']);
    expect(await subjects('subject:日本語')).toEqual(['日本語のメール']);
    expect(await subjects('会議')).toEqual(['日本語のメール']);
    expect(await subjects('from:zoe in:inbox')).toHaveLength(6);
    expect(await subjects('from:müller -日本語 -straße -café -xylophone')).toEqual([
      'Archive note',
      'Going away soon',
      'Old minutes',
    ]);
  });

  it('answers a malformed query with a message, over IPC', async () => {
    const result = await app.dispatcher.dispatch('search:query', { query: 'form:zoe' }, { transport: 'test' });
    expect(result).toMatchObject({
      ok: true,
      value: { ok: false, message: 'Unknown operator "form:" — did you mean "from:"?', at: 0 },
    });
  });

  it('drops mail deleted on the server from the results after the next sync', async () => {
    expect(await subjects('deleted')).toEqual(['Going away soon']);
    const client = harnessImapClient(servers, user);
    await client.connect();
    await client.mailboxOpen('INBOX');
    const found = (await client.search({ subject: 'Going away' }, { uid: true })) || [];
    expect(found).toHaveLength(1);
    await client.messageDelete(found, { uid: true });
    await client.logout();

    expect(await subjects('deleted')).toEqual(['Going away soon']);
    await runSync(app.ctx, accountId);
    expect(await subjects('deleted')).toEqual([]);
    expect(await subjects('going away')).toEqual([]);
  });

  it('asks the server about mail whose body is outside the offline window, and merges its answer', async () => {
    expect(await subjects('xylophone')).toEqual([]);
    const merged = await search({ query: 'xylophone', server: true });
    expect(merged.hits.map((h) => [h.subject, h.remote])).toEqual([['Archive note', true]]);
    expect(merged.server).toEqual({ folders: 1, found: 1, errors: [] });
    // Words the local index has answer as before, with the server's extra matches merged in date order.
    const both = await search({ query: 'xylophone OR hauptstrasse', server: true });
    expect(both.hits.map((h) => [h.subject, h.remote])).toEqual([
      ['Die Straße', false],
      ['Archive note', true],
    ]);
    // Headers are local: a header-only query never needs the server.
    expect((await search({ query: 'subject:archive', server: true })).server).toBeNull();

    // Opening it downloads the body; from then on the local index answers.
    const id = merged.hits[0]?.id ?? '';
    await downloadBody(app.ctx, id);
    const local = await search({ query: 'xylophone' });
    expect(local.hits.map((h) => [h.id, h.remote])).toEqual([[id, false]]);
    expect(local.hits[0]?.snippetSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['xylophone']);
  });

  it('reports a server it cannot reach and keeps the local results', async () => {
    const accounts = app.ctx.settings.get('accounts');
    app.ctx.settings.set(
      'accounts',
      accounts.map((a) => ({ ...a, incoming: { ...a.incoming, port: 1 } })),
    );
    try {
      const output = await search({ query: 'zither OR hauptstrasse', server: true });
      expect(output.hits.map((h) => h.subject)).toEqual(['Die Straße']);
      expect(output.server?.folders).toBe(0);
      expect(output.server?.errors).toHaveLength(1);
      expect(output.server?.errors[0]).toContain('the server could not be searched');
    } finally {
      app.ctx.settings.set('accounts', accounts);
    }
    const reachable = await search({ query: 'zither OR hauptstrasse', server: true });
    expect(reachable.hits.map((h) => [h.subject, h.remote])).toEqual([
      ['Die Straße', false],
      ['Old minutes', true],
    ]);
  });
});
