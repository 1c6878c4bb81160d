import { hash as digest, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Raw RFC 822 bytes, stored once per content in `<dir>/<aa>/<bb>/<sha256>` so a message can be
 * re-parsed, exported or sent byte-for-byte. Two levels of 256 folders keep any folder small
 * even for a million messages.
 */
export interface BlobStore {
  readonly dir: string;
  /** Stores the bytes (atomically, durably) unless an identical blob is already there. Returns the sha256 hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** null when absent. With `verify`, a blob whose bytes no longer match its hash throws BlobStoreError('corrupt'). */
  get(hash: string, options?: { verify?: boolean }): Promise<Buffer | null>;
  has(hash: string): boolean;
  delete(hash: string): Promise<void>;
  path(hash: string): string;
  /**
   * Removes every blob `keep` says no to, plus leftovers of interrupted writes. Blobs younger
   * than `minAgeMs` (default 1 h) are kept regardless: their database rows may not be committed yet.
   */
  gc(keep: (hash: string) => boolean, options?: { minAgeMs?: number }): Promise<GcResult>;
}

export interface GcResult {
  removed: number;
  kept: number;
  bytesFreed: number;
}

export class BlobStoreError extends Error {
  constructor(
    readonly code: 'disk_full' | 'corrupt' | 'io',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BlobStoreError';
  }
}

type WritableHandle = Pick<FileHandle, 'writeFile' | 'sync' | 'close'>;
/** The file operations the store uses; tests replace some to simulate a full disk or a crash. */
export interface BlobFs {
  open(path: string, flags: string, mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean }>;
  readdir(path: string): Promise<string[]>;
  rmdir(path: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;
const TMP = /\.tmp$/;
const CORRUPT = /\.corrupt-\d+$/;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** One-shot: for the thousands of small messages a sync hashes, a third cheaper than a Hash object. */
export function sha256Hex(bytes: Uint8Array): string {
  return digest('sha256', bytes, 'hex');
}

export function createBlobStore(dir: string, options: { fs?: Partial<BlobFs> } = {}): BlobStore {
  const fs: BlobFs = { ...fsp, ...options.fs };

  function path(hash: string): string {
    // A hash also names a file: anything but 64 lowercase hex digits could walk out of `dir`.
    if (!HASH.test(hash)) throw new TypeError(`Not a sha256 hex digest: ${JSON.stringify(hash)}`);
    return join(dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  function writeError(error: unknown): BlobStoreError {
    const code = errorCode(error);
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      return new BlobStoreError(
        'disk_full',
        `The disk holding ${dir} is full (${code}): a message could not be saved. Free some space and sync again.`,
        { cause: error },
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new BlobStoreError('io', `A message could not be saved in ${dir}: ${detail}`, { cause: error });
  }

  /** fsync of the folder makes the rename itself survive a power cut. Not every platform allows it. */
  async function syncDir(folder: string): Promise<void> {
    let handle: WritableHandle | null = null;
    try {
      handle = await fs.open(folder, 'r');
      await handle.sync();
    } catch (error) {
      if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'EBADF'].includes(errorCode(error) ?? '')) throw error;
    } finally {
      await handle?.close();
    }
  }

  async function writeAtomically(final: string, bytes: Uint8Array): Promise<void> {
    const folder = dirname(final);
    const tmp = `${final}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    await fs.mkdir(folder, { recursive: true });
    let handle: WritableHandle | null = null;
    try {
      // 'wx': never follow or reuse a file someone else made under the same name.
      handle = await fs.open(tmp, 'wx', 0o600);
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      handle = null;
      await fs.rename(tmp, final);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fs.unlink(tmp).catch(() => undefined);
      throw error;
    }
    await syncDir(folder);
  }

  async function statOrNull(file: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean } | null> {
    try {
      return await fs.stat(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  async function list(folder: string): Promise<string[]> {
    try {
      return await fs.readdir(folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    }
  }

  return {
    dir,
    path,

    async put(bytes) {
      const hash = sha256Hex(bytes);
      const final = path(hash);
      try {
        // Same name means same content (the write was atomic), so there is nothing to rewrite.
        if ((await statOrNull(final))?.size === bytes.byteLength) return hash;
        try {
          await writeAtomically(final, bytes);
        } catch (error) {
          // gc may have removed the (empty) shard folder between mkdir and open: once more.
          if (errorCode(error) !== 'ENOENT') throw error;
          await writeAtomically(final, bytes);
        }
      } catch (error) {
        throw writeError(error);
      }
      return hash;
    },

    async get(hash, getOptions = {}) {
      const file = path(hash);
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return null;
        throw new BlobStoreError('io', `A stored message could not be read from ${file}: ${String(error)}`, {
          cause: error,
        });
      }
      if (getOptions.verify && sha256Hex(bytes) !== hash) {
        // Moved aside, so has() says no and the next put() of the real bytes writes a good copy.
        const aside = `${file}.corrupt-${Date.now()}`;
        await fs.rename(file, aside).catch(() => undefined);
        throw new BlobStoreError(
          'corrupt',
          `The stored message ${hash} is damaged (its bytes no longer match its hash); moved to ${aside}`,
        );
      }
      return bytes;
    },

    has(hash) {
      return existsSync(path(hash));
    },

    async delete(hash) {
      await fs.unlink(path(hash)).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    },

    async gc(keep, gcOptions = {}) {
      const youngerThan = Date.now() - (gcOptions.minAgeMs ?? 60 * 60 * 1000);
      const result: GcResult = { removed: 0, kept: 0, bytesFreed: 0 };
      for (const a of (await list(dir)).filter((name) => SHARD.test(name))) {
        for (const b of (await list(join(dir, a))).filter((name) => SHARD.test(name))) {
          const folder = join(dir, a, b);
          for (const name of await list(folder)) {
            const file = join(folder, name);
            const stat = await statOrNull(file);
            if (!stat?.isFile()) continue;
            const leftover = TMP.test(name) || CORRUPT.test(name);
            const drop = stat.mtimeMs < youngerThan && (leftover || (HASH.test(name) && !keep(name)));
            if (!drop) {
              if (HASH.test(name)) result.kept++;
              continue;
            }
            await fs.unlink(file).catch(() => undefined);
            if (HASH.test(name)) result.removed++;
            result.bytesFreed += stat.size;
          }
          await fs.rmdir(folder).catch(() => undefined); // only succeeds when empty
        }
        await fs.rmdir(join(dir, a)).catch(() => undefined);
      }
      return result;
    },
  };
}
