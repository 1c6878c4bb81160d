// Runs a worker thread's TypeScript entry from sources (tests, the CLI, the browser shell, the
// benchmarks). A worker does not inherit the parent's tsx hooks, and registering tsx in each
// worker starts a module-hooks thread of its own: about 20 MB more per worker (measured: 38 MB
// against 18 MB for the sync writer). Instead the entry is bundled in memory by esbuild (which tsx
// itself is built on) and run as one CommonJS module. The desktop app never loads this file; it
// runs the bundles scripts/build.mjs writes.
import { buildSync } from 'esbuild';
import { Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @param {URL} entryUrl the worker's .ts entry
 * @param {{ external?: boolean }} [options] external: leave node_modules to require() (native
 *   modules such as better-sqlite3); otherwise everything is inlined (ESM-only packages).
 */
export function runWorkerFromSources(entryUrl, options = {}) {
  const entry = fileURLToPath(entryUrl);
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'error',
    ...(options.external ? { packages: 'external' } : {}),
  });
  const module = new Module(entry);
  module.filename = entry;
  module.paths = Module._nodeModulePaths(dirname(entry));
  module._compile(outputFiles[0].text, entry);
}
