import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bridgeBundle, mainBundle, parseWorkerBundle, preloadBundle, syncWriterBundle } from '../../scripts/build.mjs';

async function bundle(options: typeof mainBundle) {
  const result = await build({
    ...options,
    write: false,
    metafile: true,
    sourcemap: false,
    outfile: undefined,
    outdir: 'out/test-build',
  });
  return { inputs: Object.keys(result.metafile.inputs), text: result.outputFiles.map((f) => f.text).join('\n') };
}

describe('build', () => {
  it('keeps the browser shell and its bridge out of the Electron main bundle', async () => {
    const { inputs } = await bundle(mainBundle);
    expect(inputs).toContain('main/app/index.ts');
    expect(inputs.filter((path) => path.startsWith('main/web/') || path.includes('shell-bridge'))).toEqual([]);
  });

  it('builds a self-contained CommonJS preload that requires nothing but electron', async () => {
    const { text } = await bundle(preloadBundle);
    const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(text).toContain('exposeInMainWorld');
    expect(text).not.toMatch(/\bzod\b/);
  });

  it('builds the bridge as a browser script with no module imports', async () => {
    const { text } = await bundle(bridgeBundle);
    expect(text).not.toMatch(/\brequire\(|^import /m);
  });

  it('bundles the parser worker whole, so it loads without node_modules', async () => {
    const { inputs, text } = await bundle(parseWorkerBundle);
    expect(inputs.some((path) => path.includes('postal-mime'))).toBe(true);
    const imported = [...text.matchAll(/from ["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);
    expect(imported.filter((name) => !name?.startsWith('node:'))).toEqual([]);
  });

  it('bundles the sync writer thread with only Node built-ins and better-sqlite3 left to load', async () => {
    const { inputs, text } = await bundle(syncWriterBundle);
    expect(inputs).toContain('main/sync/writer/writer-thread.ts');
    const imported = [...text.matchAll(/from ["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);
    expect(new Set(imported.filter((name) => !name?.startsWith('node:')))).toEqual(new Set(['better-sqlite3']));
  });
});
