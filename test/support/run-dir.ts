import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning, terminateTree, waitUntilGone } from './processes';

/** Parent of run folders; short so Dovecot's socket paths stay far below the 108-byte limit. */
export const RUN_PARENT = '/tmp';
export const RUN_PREFIX = 'letterbox-mail-';
/** Written into each run folder: the pid of the process that owns (and must stop) it. */
export const OWNER_FILE = 'owner.pid';

/**
 * A fresh run folder for one harness (config, sockets, mail, logs), tagged with this process as
 * its owner so a later run can tell a leftover from a live one.
 */
export async function createRunDir(): Promise<string> {
  const dir = await mkdtemp(join(RUN_PARENT, RUN_PREFIX));
  await writeFile(join(dir, OWNER_FILE), `${process.pid}\n`);
  return dir;
}

/** Removes a run folder; kept when LETTERBOX_KEEP_TEST_RUN=1 so its logs can be read. */
export async function removeRunDir(dir: string): Promise<void> {
  if (process.env.LETTERBOX_KEEP_TEST_RUN === '1') return;
  await rm(dir, { recursive: true, force: true });
}

async function readPid(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Stops Dovecots and removes run folders left by test runs that were killed without a chance
 * to clean up (SIGKILL, a crashed runner). Folders whose owner still runs are another live run
 * (e.g. a colleague's checkout on the same machine) and are left alone.
 */
export async function cleanupStaleRuns(): Promise<void> {
  const entries = await readdir(RUN_PARENT).catch(() => []);
  await Promise.all(
    entries
      .filter((name) => name.startsWith(RUN_PREFIX))
      .map(async (name) => {
        const dir = join(RUN_PARENT, name);
        const owner = await readPid(join(dir, OWNER_FILE));
        if (owner === undefined || isRunning(owner)) return;
        const master = await readPid(join(dir, 'run', 'master.pid'));
        if (master !== undefined && (await isOurDovecot(master, dir))) {
          await waitUntilGone(terminateTree(master), 5000);
        }
        await rm(dir, { recursive: true, force: true });
      }),
  );
}

// A pid from a stale file may since belong to an unrelated process: only signal it when its
// command line names this run folder's config.
async function isOurDovecot(pid: number, dir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('dovecot') && cmdline.includes(join(dir, 'dovecot.conf'));
}
