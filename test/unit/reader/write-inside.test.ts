import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInsideFolder, writeInsideFolder } from '../../../main/files/write-inside';
import { useTempDirs } from '../../support/temp-dir';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('isInsideFolder', () => {
  it('accepts only direct children', () => {
    expect(isInsideFolder('/a/b', '/a/b/c.txt')).toBe(true);
    expect(isInsideFolder('/a/b', '/a/b')).toBe(false);
    expect(isInsideFolder('/a/b', '/a/b/../c.txt')).toBe(false);
    expect(isInsideFolder('/a/b', '/a/bc.txt')).toBe(false);
    expect(isInsideFolder('/a/b', '/a/b/c/d.txt')).toBe(false);
    expect(isInsideFolder('/a/b', '/etc/passwd')).toBe(false);
    expect(isInsideFolder('/a/b', '/a')).toBe(false);
  });
});

describe('writeInsideFolder', () => {
  const tempDir = useTempDirs();

  it.each([
    ['../escape.txt', 'escape.txt'],
    ['../../../../../../tmp/escape.txt', 'tmp_escape.txt'],
    ['/etc/passwd', 'etc_passwd'],
    ['..\\..\\escape.txt', 'escape.txt'],
    ['sub/dir/file.txt', 'sub_dir_file.txt'],
    ['nul\u0000.txt', '_nul.txt'],
    ['．．／escape.txt', 'escape.txt'],
  ])('writes %j as %j directly in the folder and nowhere else', async (name, expected) => {
    const root = tempDir();
    const folder = join(root, 'chosen');
    mkdirSync(folder);
    const path = await writeInsideFolder(folder, name, bytes('payload'));
    expect(path).toBe(join(folder, expected));
    expect(readFileSync(path, 'utf8')).toBe('payload');
    expect(readdirSync(root)).toEqual(['chosen']);
    expect(readdirSync(folder)).toEqual([expected]);
  });

  it('never replaces an existing file: the next free "name (n).ext" is used', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'report.pdf'), 'old');
    const second = await writeInsideFolder(folder, 'report.pdf', bytes('new'));
    const third = await writeInsideFolder(folder, 'report.pdf', bytes('newer'));
    expect(second).toBe(join(folder, 'report (2).pdf'));
    expect(third).toBe(join(folder, 'report (3).pdf'));
    expect(readFileSync(join(folder, 'report.pdf'), 'utf8')).toBe('old');
    expect(readFileSync(third, 'utf8')).toBe('newer');
  });

  it('does not follow a symlink planted at the name, even a dangling one', async () => {
    const root = tempDir();
    const folder = join(root, 'chosen');
    mkdirSync(folder);
    const outside = join(root, 'outside.txt');
    symlinkSync(outside, join(folder, 'invoice.pdf'));
    const path = await writeInsideFolder(folder, 'invoice.pdf', bytes('bytes'));
    expect(path).toBe(join(folder, 'invoice (2).pdf'));
    expect(existsSync(outside)).toBe(false);
  });

  it('resolves a symlinked folder to its real place and writes there, inside it', async () => {
    const root = tempDir();
    const real = join(root, 'real');
    mkdirSync(real);
    symlinkSync(real, join(root, 'link'));
    const path = await writeInsideFolder(join(root, 'link'), 'a.txt', bytes('x'));
    expect(path).toBe(join(real, 'a.txt'));
    expect(path.startsWith(real + sep)).toBe(true);
  });

  it('refuses a folder that does not exist, with the folder named', async () => {
    const root = tempDir();
    await expect(writeInsideFolder(join(root, 'missing'), 'a.txt', bytes('x'))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('missing') as unknown,
    });
  });

  it('names a missing file name "attachment"', async () => {
    const folder = tempDir();
    expect(await writeInsideFolder(folder, null, bytes('x'))).toBe(join(folder, 'attachment'));
  });
});
