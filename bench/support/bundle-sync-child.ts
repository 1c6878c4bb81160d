// Builds and runs the measured process of bench/sync.ts (sync-child.ts) the way the desktop app
// ships main/: one ESM bundle with node_modules external, the parser and writer threads bundled
// beside it (scripts/build.mjs's own settings), under plain Node.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { mainBundle, parseWorkerBundle, root, syncWriterBundle } from '../../scripts/build.mjs';
import type { SyncChildInput, SyncChildResult } from './sync-child';

const run = promisify(execFile);
/**
 * What the `letterbox` command's shebang sets (main/cli/bin.mjs): a fixed glibc mmap threshold
 * (see there). Measured here: peak RSS 270–272 MB with it, 286–288 MB without.
 */
export const CLI_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };
/** Inside the checkout, so the bundle finds node_modules as out/main/index.js does. */
const OUT = join(root, 'out', 'bench');

export async function bundleSyncChild(): Promise<string> {
  const entry = join(OUT, 'sync-child.js');
  await Promise.all([
    build({ ...mainBundle, entryPoints: ['bench/support/sync-child-main.ts'], outfile: entry }),
    build({ ...parseWorkerBundle, outfile: join(OUT, 'parse-worker.js') }),
    build({ ...syncWriterBundle, outfile: join(OUT, 'sync-writer.js') }),
  ]);
  return entry;
}

export async function runBundledSyncChild(entry: string, input: SyncChildInput): Promise<SyncChildResult> {
  const { stdout } = await run(process.execPath, [entry, JSON.stringify(input)], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, ...CLI_MALLOC_ENV },
  });
  return JSON.parse(stdout) as SyncChildResult;
}
