import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStoreError, createBlobStore, sha256Hex } from '../../../main/store/blobs/blob-store';
import type { BlobFs } from '../../../main/store/blobs/blob-store';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'letterbox-blobs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const message = (text: string) => Buffer.from(`Subject: ${text}\r\n\r\n${text}\r\n`);
/** Every file under `root`, relative. */
const files = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const twoHoursAgo = () => new Date(Date.now() - 2 * 3600_000);

describe('blob store', () => {
  it('stores by sha256 under two shard folders and reads the same bytes back', async () => {
    const store = createBlobStore(dir);
    const bytes = message('hello');
    const hash = await store.put(bytes);
    expect(hash).toBe(sha256Hex(bytes));
    expect(store.path(hash)).toBe(join(dir, hash.slice(0, 2), hash.slice(2, 4), hash));
    expect(files(dir)).toEqual([join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect(store.has(hash)).toBe(true);
    expect(await store.get(hash)).toEqual(bytes);
    expect(await store.get(hash, { verify: true })).toEqual(bytes);
  });

  it('an identical blob is not written again', async () => {
    const store = createBlobStore(dir);
    const hash = await store.put(message('same'));
    const stamp = twoHoursAgo();
    utimesSync(store.path(hash), stamp, stamp);
    expect(await store.put(message('same'))).toBe(hash);
    expect(readdirSync(dirname(store.path(hash)))).toEqual([hash]);
    expect(Math.round((await fsp.stat(store.path(hash))).mtimeMs)).toBe(stamp.getTime());
  });

  it('absent blobs: get gives null, has false, delete is quiet', async () => {
    const store = createBlobStore(dir);
    const hash = sha256Hex(message('never stored'));
    expect(await store.get(hash)).toBeNull();
    expect(store.has(hash)).toBe(false);
    await store.delete(hash);
    const stored = await store.put(message('gone soon'));
    await store.delete(stored);
    expect(store.has(stored)).toBe(false);
  });

  it('refuses anything but a lowercase sha256 as a name, so no path can escape the folder', () => {
    const store = createBlobStore(dir);
    for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'ab', `${'a'.repeat(63)}/`]) {
      expect(() => store.path(bad)).toThrow(TypeError);
      expect(() => store.has(bad)).toThrow(TypeError);
    }
  });

  it('writes atomically: until the rename, only a temporary file exists', async () => {
    let renamed!: () => void;
    const gate = new Promise<void>((resolve) => (renamed = resolve));
    let seenBeforeRename: string[] = [];
    const store = createBlobStore(dir, {
      fs: {
        rename: async (from, to) => {
          seenBeforeRename = files(dir);
          expect(existsSync(to)).toBe(false);
          expect(readFileSync(from)).toEqual(message('atomic')); // complete and synced before it gets its name
          await gate;
          await fsp.rename(from, to);
        },
      },
    });
    const put = store.put(message('atomic'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const hash = sha256Hex(message('atomic'));
    expect(store.has(hash)).toBe(false);
    renamed();
    expect(await put).toBe(hash);
    expect(seenBeforeRename).toHaveLength(1);
    expect(seenBeforeRename[0]).toMatch(new RegExp(`${hash}\\.\\d+-[0-9a-f]{12}\\.tmp$`));
    expect(files(dir)).toEqual([join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
  });

  it('a write that fails half way leaves neither the blob nor the temporary file', async () => {
    const failingOpen: BlobFs['open'] = async (path, flags, mode) => {
      const handle = await fsp.open(path, flags, mode);
      return {
        writeFile: async (data) => {
          await handle.writeFile((data as Uint8Array).subarray(0, 10));
          throw enospc();
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    };
    const store = createBlobStore(dir, { fs: { open: failingOpen } });
    const failure = await store.put(message('too big')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BlobStoreError);
    expect(failure).toMatchObject({ code: 'disk_full' });
    expect((failure as Error).message).toBe(
      `The disk holding ${dir} is full (ENOSPC): a message could not be saved. Free some space and sync again.`,
    );
    expect(files(dir)).toEqual([]);
  });

  it('a really full file system (a 64 KB tmpfs when this runs as root) gives the same clear error', async () => {
    const mountPoint = join(dir, 'tiny');
    await fsp.mkdir(mountPoint);
    let mounted = false;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
      mounted = true;
    } catch {
      // Not root, or no mount in this sandbox: a file system that reports ENOSPC on write stands in.
    }
    try {
      const store = createBlobStore(mountPoint, {
        fs: mounted ? {} : { open: async () => Promise.reject(enospc()) },
      });
      await store.put(message('small fits'));
      const failure = await store.put(Buffer.alloc(200 * 1024, 0x61)).catch((error: unknown) => error);
      expect(failure).toMatchObject({ name: 'BlobStoreError', code: 'disk_full' });
      expect((failure as Error).message).toContain(`The disk holding ${mountPoint} is full (ENOSPC)`);
      expect(files(mountPoint).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      if (mounted) execFileSync('umount', [mountPoint]);
    }
  });

  it('verify detects a damaged blob and moves it aside so a fresh put repairs it', async () => {
    const store = createBlobStore(dir);
    const bytes = message('original');
    const hash = await store.put(bytes);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(3) ^ 0x20, 3);
    writeFileSync(store.path(hash), damaged);
    expect(await store.get(hash)).toEqual(damaged); // without verify, the bytes as they are
    const failure = await store.get(hash, { verify: true }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'BlobStoreError', code: 'corrupt' });
    expect((failure as Error).message).toContain(hash);
    expect(store.has(hash)).toBe(false);
    await store.put(bytes);
    expect(await store.get(hash, { verify: true })).toEqual(bytes);
  });

  it('gc removes unreferenced blobs and stale leftovers, keeps young ones, then prunes empty folders', async () => {
    const store = createBlobStore(dir);
    const keep = await store.put(message('referenced'));
    const drop = await store.put(message('unreferenced'));
    const young = await store.put(message('just written, row not committed yet'));
    const staleTmp = `${store.path(keep)}.123-abcdef012345.tmp`;
    writeFileSync(staleTmp, 'half a message');
    for (const path of [store.path(keep), store.path(drop), staleTmp]) utimesSync(path, twoHoursAgo(), twoHoursAgo());

    const asked: string[] = [];
    const result = await store.gc((hash) => {
      asked.push(hash);
      return hash === keep;
    });
    expect(asked.sort()).toEqual([keep, drop].sort());
    expect(result).toEqual({ removed: 1, kept: 2, bytesFreed: message('unreferenced').length + 14 });
    expect(store.has(keep)).toBe(true);
    expect(store.has(drop)).toBe(false);
    expect(store.has(young)).toBe(true);
    expect(existsSync(staleTmp)).toBe(false);

    expect(await store.gc(() => false, { minAgeMs: 0 })).toMatchObject({ removed: 2, kept: 0 });
    expect(readdirSync(dir)).toEqual([]);
  });
});
