// Builds everything the app and the browser shell run, without the Electron binary:
//   out/renderer/   the React UI (Vite)
//   out/main/       the Electron main process (esbuild, ESM)
//   out/preload/    the sandboxed preload (esbuild, CommonJS)
//   out/web/        the browser-shell bridge script (esbuild, IIFE); never loaded by Electron
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {import('esbuild').BuildOptions} */
export const mainBundle = {
  absWorkingDir: root,
  entryPoints: ['main/app/index.ts'],
  outfile: 'out/main/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Electron 45's main process runs Node 24.
  target: 'node22',
  // node_modules ship with the app (native better-sqlite3 must be rebuilt for Electron anyway).
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * The MIME parser's worker thread, beside out/main/index.js where the pool looks for it. Bundled
 * whole (postal-mime inlined) so the worker loads with no node_modules lookup from inside app.asar.
 * @type {import('esbuild').BuildOptions}
 */
export const parseWorkerBundle = {
  absWorkingDir: root,
  entryPoints: ['main/mail/mime/parse-worker.ts'],
  outfile: 'out/main/parse-worker.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * Sync's writer thread (main/sync/writer), beside out/main/index.js where thread-writer.ts looks
 * for it. Packages stay external as in the main bundle: better-sqlite3 is native.
 * @type {import('esbuild').BuildOptions}
 */
export const syncWriterBundle = {
  ...mainBundle,
  entryPoints: ['main/sync/writer/writer-thread.ts'],
  outfile: 'out/main/sync-writer.js',
};

/** @type {import('esbuild').BuildOptions} */
export const preloadBundle = {
  absWorkingDir: root,
  entryPoints: ['main/preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  bundle: true,
  // A sandboxed preload can only require('electron') and a few built-ins, so everything else is inlined.
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
};

/** @type {import('esbuild').BuildOptions} */
export const bridgeBundle = {
  absWorkingDir: root,
  entryPoints: ['renderer/shell-bridge/ws-bridge.ts'],
  outfile: 'out/web/bridge.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  logLevel: 'warning',
};

const STAMP = join(root, 'out', '.built');
const SOURCES = ['main', 'renderer', 'shared', 'package.json'];

export async function buildAll() {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  await viteBuild({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  await Promise.all([
    esbuild(mainBundle),
    esbuild(parseWorkerBundle),
    esbuild(syncWriterBundle),
    esbuild(preloadBundle),
    esbuild(bridgeBundle),
  ]);
  writeFileSync(STAMP, new Date().toISOString());
}

/** Builds only when a source is newer than the last build, so `npm start` is quick the second time. */
export async function buildIfStale() {
  if (existsSync(STAMP) && newestMtime(SOURCES.map((name) => join(root, name))) <= statSync(STAMP).mtimeMs)
    return false;
  await buildAll();
  return true;
}

function newestMtime(paths) {
  let newest = 0;
  for (const path of paths) {
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(path).map((name) => join(path, name))));
    }
  }
  return newest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildAll();
  console.log(`Built out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
