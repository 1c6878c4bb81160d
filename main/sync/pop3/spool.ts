import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Spool files hold what a POP3 download received until the parse moves it into the store
 * (migration 0015): one file per download, appended in order, each message at the offset its
 * UIDL row names. The bytes are written before that row commits, so a message whose row exists
 * has its bytes in the file after a crash of this process; a power cut can still lose bytes the
 * row survived, which is why the parse checks them against the row's sha256 (and the download
 * is repeated when they do not match), and why DELE waits for syncSpools.
 */
export class Pop3SpoolError extends Error {
  override name = 'Pop3SpoolError';
}

const SUFFIX = '.spool';
const NAME = /^[0-9]+-[0-9a-f-]{36}\.spool$/;
/** A file nobody names that this process did not write is left this long (another process may be about to commit). */
const FOREIGN_GRACE_MS = 10 * 60_000;

/** Files this process is writing (never swept) and has finished writing (swept once nothing names them). */
const writing = new Set<string>();
const finished = new Set<string>();

/** The spool folder beside the store's database file. */
export function spoolDirFor(databasePath: string): string {
  return join(dirname(databasePath), 'pop3-spool');
}

function failure(what: string, error: unknown): Pop3SpoolError {
  const reason = error instanceof Error ? error.message : String(error);
  return new Pop3SpoolError(
    `Downloaded mail could not be saved (${what}): ${reason}. Nothing is lost: what was not saved stays on ` +
      'the server and is downloaded at the next check. Make room on the disk that holds the profile.',
    { cause: error },
  );
}

export interface SpoolWriter {
  /** The file's name in the spool folder, as UIDL rows store it. */
  readonly name: string;
  /** Writes `chunks` after everything appended before; resolves with the offset of the first byte. */
  append(chunks: readonly Uint8Array[]): Promise<number>;
  close(): Promise<void>;
}

export async function createSpool(dir: string): Promise<SpoolWriter> {
  const name = `${Date.now()}-${randomUUID()}${SUFFIX}`;
  const path = join(dir, name);
  writing.add(path);
  let handle: FileHandle;
  try {
    await mkdir(dir, { recursive: true });
    handle = await open(path, 'wx');
  } catch (error) {
    writing.delete(path);
    throw failure('the spool file could not be created', error);
  }
  let size = 0;
  return {
    name,
    async append(chunks) {
      // The range is taken now, so appends may overlap and still land in call order.
      const at = size;
      size += chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
      try {
        await writeAll(handle, chunks, at);
      } catch (error) {
        throw failure('writing the spool file', error);
      }
      return at;
    },
    async close() {
      writing.delete(path);
      finished.add(path);
      await handle.close();
    },
  };
}

/** writev until every byte is written (a regular file may take fewer than asked). */
async function writeAll(handle: FileHandle, chunks: readonly Uint8Array[], position: number): Promise<void> {
  let rest = chunks.filter((chunk) => chunk.byteLength > 0);
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (bytesWritten === 0) throw new Error('no bytes were written');
    at += bytesWritten;
    let skip = bytesWritten;
    const next: Uint8Array[] = [];
    for (const chunk of rest) {
      if (skip >= chunk.byteLength) skip -= chunk.byteLength;
      else {
        next.push(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      }
    }
    rest = next;
  }
}

/** Reads spooled messages; keeps each file open until close(). */
export interface SpoolReader {
  /** The bytes at `offset`, or null when the file or the range is not there (nothing throws for that). */
  read(name: string, offset: number, size: number): Promise<Buffer | null>;
  close(): Promise<void>;
}

export function spoolReader(dir: string): SpoolReader {
  const files = new Map<string, Promise<FileHandle | null>>();
  const handleOf = (name: string): Promise<FileHandle | null> => {
    let file = files.get(name);
    if (!file) {
      // A name is only ever one of ours; anything else (a damaged row) is not read.
      file = NAME.test(name) ? open(join(dir, name), 'r').catch(() => null) : Promise.resolve(null);
      files.set(name, file);
    }
    return file;
  };
  return {
    async read(name, offset, size) {
      const handle = await handleOf(name);
      if (!handle || !Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(size) || size < 0)
        return null;
      const bytes = Buffer.allocUnsafeSlow(size);
      for (let done = 0; done < size;) {
        const { bytesRead } = await handle.read(bytes, done, size - done, offset + done);
        if (bytesRead === 0) return null;
        done += bytesRead;
      }
      return bytes;
    },
    async close() {
      const handles = await Promise.all(files.values());
      files.clear();
      await Promise.all(handles.map((handle) => handle?.close()));
    },
  };
}

/**
 * Makes the named files and their folder entries survive a power cut (before DELE, as makeDurable
 * does for the store). False when any of them cannot be confirmed.
 */
export async function syncSpools(dir: string, names: readonly string[]): Promise<boolean> {
  if (names.length === 0) return true;
  try {
    for (const target of [...names.map((name) => join(dir, name)), dir]) {
      const handle = await open(target, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes spool files no UIDL row names any more (`named`): every one this process finished
 * writing, and older ones a process that died left. Files being written here are kept, and so
 * are recent ones another process may still be writing.
 */
export async function sweepSpools(dir: string, named: () => ReadonlySet<string>, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const candidates = names.filter((name) => NAME.test(name) && !writing.has(join(dir, name)));
  if (candidates.length === 0) return;
  const keep = named();
  for (const name of candidates) {
    const path = join(dir, name);
    if (keep.has(name)) continue;
    if (!finished.has(path)) {
      const info = await stat(path).catch(() => null);
      if (!info || now - info.mtimeMs < FOREIGN_GRACE_MS) continue;
    }
    await unlink(path).catch(() => undefined);
    finished.delete(path);
  }
}
