import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../context';

/** Temporary folders of opened attachments are named so; the start-up sweep looks for these. */
const PREFIX = 'letterbox-open-';
/** Left behind by a run that did not close (a crash, a kill): removed at the next start after this. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** One folder per running app; each opened attachment gets a subfolder of its own (no name clashes). */
const folders = new WeakMap<AppContext, Promise<string>>();

/**
 * A new private folder (mode 0700, as mkdtemp makes it) to write an attachment into before the
 * system's default app opens it. Everything in it is removed when the app closes: an opened
 * attachment may be private, and temporary folders are readable for as long as they exist.
 */
export async function folderForOpening(ctx: AppContext, base = tmpdir()): Promise<string> {
  let root = folders.get(ctx);
  if (!root) {
    root = mkdtemp(join(base, PREFIX));
    folders.set(ctx, root);
  }
  return mkdtemp(join(await root, 'a-'));
}

/** At close: the files this run opened go. The apps that show them have had them for the session. */
export async function removeOpenedFiles(ctx: AppContext): Promise<void> {
  const root = folders.get(ctx);
  if (!root) return;
  folders.delete(ctx);
  await rm(await root, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * At start-up: folders of opened attachments that a run which never closed left behind, once they
 * are a day old (a younger one may belong to another Letterbox still running). Returns how many.
 */
export async function sweepStaleOpenedFiles(base = tmpdir(), now = Date.now()): Promise<number> {
  const names = await readdir(base).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const path = join(base, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory() || now - info.mtimeMs < STALE_AFTER_MS) continue;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed += 1;
  }
  return removed;
}
