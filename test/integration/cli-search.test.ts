import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/cli';
import { addHarnessAccount, runLetterbox } from '../support/cli-process';
import { deliverMessage } from '../support/doveadm';
import { addMailUser } from '../support/mail-users';
import type { TestUser } from '../support/mail-servers';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-search-'));
const env = { NODE_EXTRA_CA_CERTS: servers.tls.caPath };
let user: TestUser;

function message(n: number, from: string, subject: string, body: string): string {
  return [
    `From: ${from}`,
    'To: cli@example.test',
    `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
    `Date: Tue, 0${n} Feb 2026 10:00:00 +0000`,
    `Message-ID: <cli-search-${n}@example.test>`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'clisearch');
  await deliverMessage(
    servers.dovecot,
    user.name,
    message(3, '"Zoë" <zoe@example.test>', 'Café order', 'Two espressos, please.'),
  );
  await deliverMessage(
    servers.dovecot,
    user.name,
    message(4, 'grace@example.test', 'Budget', 'The café budget is fine.'),
  );
  await addHarnessAccount(servers, user, profile);
  const sync = await runLetterbox(['sync', '--profile', profile], { env });
  if (sync.code !== 0) throw new Error(sync.stderr);
});
afterAll(() => rmSync(profile, { recursive: true, force: true }));

// The first test runs the real executable; the rest run main() in-process (the same code, minus the
// start-up cost of a child process per command).
describe('letterbox search (real Dovecot)', () => {
  it('prints matches newest first with the matches marked', async () => {
    const run = await runLetterbox(['search', 'cafe', '--profile', profile], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ {2}2026-02-04T10:00:00\.000Z {2}grace@example\.test {2}Budget$/);
    expect(lines[1]).toBe('    The [café] budget is fine.');
    expect(lines[2]).toMatch(/ {2}2026-02-03T10:00:00\.000Z {2}Zoë {2}\[Café\] order$/);
  });

  it('--json prints one document; --account and --limit narrow it; -- lets a query start with -', async () => {
    const run = await runCli(
      ['search', '--json', '--account', user.address, '--limit', '1', '--profile', profile, '--', 'café -from:zoe'],
      env,
    );
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.hits.map((h: { subject: string }) => h.subject)).toEqual(['Budget']);
    expect(output.hits[0].snippetSegments).toContainEqual({ text: 'café', match: true });
    expect(output.more).toBe(false);
    const more = JSON.parse(
      (await runCli(['search', 'café', '--json', '--limit', '1', '--profile', profile], env)).stdout,
    );
    expect(more.more).toBe(true);
  });

  it('a malformed query exits 1 with the reason on stderr', async () => {
    const run = await runCli(['search', 'form:zoe', '--profile', profile], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'letterbox: Unknown operator "form:" — did you mean "from:"? (at character 1 of the query)\n',
    );
    const json = await runCli(['search', '--json', 'larger:huge', '--profile', profile], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.code).toBe('invalid_input');
    expect((await runCli(['search', '--profile', profile], env)).code).toBe(2);
  });

  it('--rebuild rebuilds the index and prints counts and time', async () => {
    const run = await runCli(['search', '--rebuild', '--json', '--profile', profile], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rebuilt: true, messages: 2 });
    const text = await runCli(['search', '--rebuild', '--profile', profile], env);
    expect(text.stdout).toMatch(/^Search index rebuilt: 2 messages in \d+ ms\.\n$/);
    const after = await runCli(['search', 'espressos', '--json', '--profile', profile], env);
    expect(JSON.parse(after.stdout).hits).toHaveLength(1);
  });
});
