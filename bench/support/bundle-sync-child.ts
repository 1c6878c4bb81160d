// Builds and runs the measured process of bench/sync.ts (sync-child.ts) the way the desktop app
// ships main/: one ESM bundle with node_modules external, the parser and writer threads bundled
// beside it (scripts/build.mjs's own settings), under plain Node. Without the glibc setting the
// `letterbox` command adds (main/cli/bin.mjs): the desktop app does not have it either. With it,
// the peak RSS measured here was 270–272 MB instead of 286–288 MB.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { mainBundle, parseWorkerBundle, root, syncWriterBundle } from '../../scripts/build.mjs';
import type { SyncChildInput, SyncChildResult } from './sync-child';

const run = promisify(execFile);
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
  // SYNC_BENCH_CPU_PROF=<dir>: a V8 CPU profile of every thread of the measured process, for
  // finding where its time goes (NODE_OPTIONS may not carry --cpu-prof).
  const profileDir = process.env.SYNC_BENCH_CPU_PROF;
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const { stdout } = await run(process.execPath, [...flags, entry, JSON.stringify(input)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as SyncChildResult;
}
