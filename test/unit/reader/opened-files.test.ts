import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../main/services/context';
import { folderForOpening, removeOpenedFiles, sweepStaleOpenedFiles } from '../../../main/services/reader/opened-files';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
// Only its identity is used: one set of opened files per running app.
const fakeContext = () => ({}) as AppContext;

describe('temporary copies of opened attachments', () => {
  it('gives each opening a private folder of its own, all under one root that goes at close', async () => {
    const base = tempDir();
    const ctx = fakeContext();
    const first = await folderForOpening(ctx, base);
    const second = await folderForOpening(ctx, base);
    expect(first).not.toBe(second);
    expect(dirname(first)).toBe(dirname(second));
    expect(statSync(first).mode & 0o777).toBe(0o700);
    expect(statSync(dirname(first)).mode & 0o777).toBe(0o700);
    writeFileSync(join(first, 'report.pdf'), 'x');
    // Another app's folder is its own, and stays when this one closes.
    const other = await folderForOpening(fakeContext(), base);
    expect(dirname(other)).not.toBe(dirname(first));

    await removeOpenedFiles(ctx);
    expect(existsSync(dirname(first))).toBe(false);
    expect(existsSync(other)).toBe(true);
    // Closing again, or an app that opened nothing, is fine.
    await removeOpenedFiles(ctx);
    await removeOpenedFiles(fakeContext());
  });

  it('sweeps at start-up the folders a crashed run left, once a day old, and nothing else', async () => {
    const base = tempDir();
    const now = Date.now();
    const make = (name: string, ageMs: number) => {
      const path = join(base, name);
      mkdirSync(path);
      writeFileSync(join(path, 'file'), 'x');
      const at = (now - ageMs) / 1000;
      utimesSync(path, at, at);
    };
    make('letterbox-open-old', 2 * 86_400_000);
    make('letterbox-open-young', 3_600_000);
    make('someone-else-old', 2 * 86_400_000);
    writeFileSync(join(base, 'letterbox-open-a-file'), 'not a folder');
    utimesSync(join(base, 'letterbox-open-a-file'), (now - 2 * 86_400_000) / 1000, (now - 2 * 86_400_000) / 1000);

    expect(await sweepStaleOpenedFiles(base, now)).toBe(1);
    expect(readdirSync(base).sort()).toEqual(['letterbox-open-a-file', 'letterbox-open-young', 'someone-else-old']);
  });
});
