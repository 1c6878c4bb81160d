import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createParserPool, type ParserPool } from '../../main/mail/mime/parser-pool';
import { BACKGROUND_NICENESS, lowerThisThreadPriority } from '../../main/platform/background-thread';
import { openStore, type Store } from '../../main/store/open-store';
import { checkpointInBackground } from '../../main/store/background-checkpoint';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** Nice value of each of this process's threads (Linux /proc; field 19 of stat, after the name). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nice.set(Number(tid), Number(fields[16]));
  }
  return nice;
}

const niced = () => [...niceByThread().values()].filter((n) => n === BACKGROUND_NICENESS).length;

let pool: ParserPool | null = null;
let store: Store | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
  store?.close();
  store = null;
});

describe.runIf(process.platform === 'linux')('background threads run nicer than the main thread', () => {
  it('never lowers the main thread', () => {
    expect(lowerThisThreadPriority()).toBe(false);
    expect(niceByThread().get(process.pid)).toBe(0);
  });

  it('lowers a parser worker, and only it', async () => {
    const before = niced();
    pool = createParserPool({ size: 1 });
    await pool.parse(Buffer.from('Subject: hi\r\n\r\nbody\r\n'));
    expect(niced()).toBe(before + 1);
    expect(niceByThread().get(process.pid)).toBe(0);
  });

  it('lowers the checkpoint worker', async () => {
    store = openStore(tempDir());
    const before = niced();
    const checkpoints = checkpointInBackground(store.db, { intervalMs: 10 });
    await expect.poll(niced, { timeout: 10_000 }).toBe(before + 1);
    await checkpoints.stop();
    expect(niced()).toBe(before);
  });
});
