// Writes the benchmark mailbox from a process of its own: generating 270 MB of mail in the
// benchmark's process would leave its allocations in that process's RSS, which the benchmark
// measures for the sync alone. Usage (from bench/sync.ts): writeMaildirInChild(...).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeMaildir, type MailboxStats } from './mailbox';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);

export async function writeMaildirInChild(
  maildir: string,
  count: number,
  owner: { uid: number; gid: number },
  seed: number,
): Promise<MailboxStats> {
  const args = [maildir, String(count), String(owner.uid), String(owner.gid), String(seed)];
  const { stdout } = await run(process.execPath, ['--import', 'tsx', self, ...args], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as MailboxStats;
}

if (process.argv[1] === self) {
  const [maildir = '', count, uid, gid, seed] = process.argv.slice(2);
  const stats = await writeMaildir(maildir, Number(count), { uid: Number(uid), gid: Number(gid) }, Number(seed));
  process.stdout.write(JSON.stringify(stats));
}
