// The baseline of bench/sync.ts, a raw imapflow FETCH 1:* of the whole INBOX, run in a process of
// its own: streaming 273 MB through imapflow leaves its allocations in the process that did it,
// and the benchmark measures the RSS of the sync's process. Times are taken in the child, so its
// start-up is not counted.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { harnessImapClient } from '../../test/support/imap-client';
import type { MailServers, TestUser } from '../../test/support/mail-servers';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);

export type FetchWhat = 'headers' | 'sources';
export interface RawFetch {
  value: { messages: number; bytes: number; loginMs: number };
  ms: number;
  cpuMs: number;
}

/** One raw FETCH 1:* streamed (never all in memory): messages and payload bytes seen. */
async function rawFetch(servers: MailServers, user: TestUser, what: FetchWhat): Promise<RawFetch> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const client = harnessImapClient(servers, user);
  await client.connect();
  const loginMs = performance.now() - started;
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    let messages = 0;
    let bytes = 0;
    const query = what === 'headers' ? { uid: true, flags: true, envelope: true } : { uid: true, source: true };
    for await (const message of client.fetch('1:*', query, { uid: true })) {
      messages += 1;
      bytes += message.source?.length ?? 0;
    }
    const used = process.cpuUsage(cpu);
    return {
      value: { messages, bytes, loginMs },
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export async function rawFetchInChild(servers: MailServers, user: TestUser, what: FetchWhat): Promise<RawFetch> {
  const args = [JSON.stringify({ servers, user, what })];
  const { stdout } = await run(process.execPath, ['--import', 'tsx', self, ...args], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as RawFetch;
}

if (process.argv[1] === self) {
  const { servers, user, what } = JSON.parse(process.argv[2] ?? '{}') as {
    servers: MailServers;
    user: TestUser;
    what: FetchWhat;
  };
  process.stdout.write(JSON.stringify(await rawFetch(servers, user, what)));
}
