import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSpool,
  Pop3SpoolError,
  spoolReader,
  sweepSpools,
  syncSpools,
  type SpoolWriter,
} from '../../../main/sync/pop3/spool';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

async function closed(writer: SpoolWriter): Promise<string> {
  await writer.close();
  return writer.name;
}

describe('POP3 spool files', () => {
  it('appends in call order, even when appends overlap, and reads each message back at its offset', async () => {
    const dir = join(tempDir(), 'spool');
    const writer = await createSpool(dir);
    const parts = [[bytes('one\r\n'), bytes('two two\r\n')], [bytes('three\r\n')], [], [bytes('four\r\n')]];
    const offsets = await Promise.all(parts.map((chunks) => writer.append(chunks)));
    expect(offsets).toEqual([0, 14, 21, 21]);
    await writer.close();
    expect(readFileSync(join(dir, writer.name), 'latin1')).toBe('one\r\ntwo two\r\nthree\r\nfour\r\n');

    const reader = spoolReader(dir);
    expect((await reader.read(writer.name, 5, 9))?.toString('latin1')).toBe('two two\r\n');
    expect((await reader.read(writer.name, 21, 6))?.toString('latin1')).toBe('four\r\n');
    // Past the end (bytes a power cut lost), a file that is gone, a name that is not a spool's.
    expect(await reader.read(writer.name, 21, 7)).toBeNull();
    expect(await reader.read('1-00000000-0000-0000-0000-000000000000.spool', 0, 1)).toBeNull();
    writeFileSync(join(dir, 'notes.txt'), 'secret');
    expect(await reader.read('notes.txt', 0, 6)).toBeNull();
    expect(await reader.read(`../spool/${writer.name}`, 0, 3)).toBeNull();
    expect(await reader.read(writer.name, -1, 3)).toBeNull();
    await reader.close();
  });

  it('fails with a store error naming the cause when the spool cannot be created', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const error = await createSpool(join(file, 'spool')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3SpoolError);
    expect((error as Error).message).toMatch(
      /^Downloaded mail could not be saved \(the spool file could not be created\): .*ENOTDIR/,
    );
  });

  it('sweeps files no row names: finished here at once, others only once they are old; never one being written', async () => {
    const dir = join(tempDir(), 'spool');
    const named = await closed(await createSpool(dir));
    await closed(await createSpool(dir)); // finished here, named by no row: goes at once
    const open = await createSpool(dir);
    await open.append([bytes('x')]);
    // Left by other processes: one recent (maybe about to commit), one from an hour ago.
    const recent = '1700000000000-11111111-1111-1111-1111-111111111111.spool';
    const old = '1700000000000-22222222-2222-2222-2222-222222222222.spool';
    writeFileSync(join(dir, recent), 'r');
    writeFileSync(join(dir, old), 'o');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, old), hourAgo, hourAgo);
    writeFileSync(join(dir, 'README'), 'not a spool');

    await sweepSpools(dir, () => new Set([named]));
    expect(readdirSync(dir).sort()).toEqual([named, open.name, recent, 'README'].sort());

    await open.close();
    await sweepSpools(dir, () => new Set());
    expect(readdirSync(dir).sort()).toEqual([recent, 'README'].sort());
  });

  it('a sweep of a folder that does not exist does nothing', async () => {
    await expect(sweepSpools(join(tempDir(), 'none'), () => new Set())).resolves.toBeUndefined();
  });

  it('syncs the named files and the folder, and says false when one cannot be synced', async () => {
    const dir = join(tempDir(), 'spool');
    const name = await closed(await createSpool(dir));
    expect(await syncSpools(dir, [name])).toBe(true);
    expect(await syncSpools(dir, [])).toBe(true);
    expect(await syncSpools(dir, [name, '1-33333333-3333-3333-3333-333333333333.spool'])).toBe(false);
  });
});
