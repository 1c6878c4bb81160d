import { constants } from 'node:fs';
import { open, realpath, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AppError } from '../../shared/errors';
import { numberedFileName, sanitizeFileName } from '../../shared/security/file-name';

/** True when `candidate` is `folder` itself's child (both already resolved, no `..` left). */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const rel = relative(folder, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) && !rel.includes(sep);
}

const MAX_TRIES = 200;

/**
 * Writes `bytes` as a new file directly inside `folder`, under `name` made safe (see
 * sanitizeFileName), or "name (n).ext" when that is taken: an existing file is never replaced.
 * The folder is resolved through its symlinks first and the file is created with O_EXCL and
 * O_NOFOLLOW, so neither a `..` in the name nor a symlink planted at the name can put the bytes
 * anywhere else. Returns the path written.
 */
export async function writeInsideFolder(folder: string, name: string | null, bytes: Uint8Array): Promise<string> {
  let base: string;
  try {
    base = await realpath(folder);
  } catch (error) {
    throw new AppError('not_found', `The folder ${folder} does not exist or cannot be read.`, { cause: error });
  }
  const safe = sanitizeFileName(name);
  for (let n = 1; n <= MAX_TRIES; n += 1) {
    const candidate = join(base, n === 1 ? safe : numberedFileName(safe, n));
    if (!isInsideFolder(base, candidate)) {
      throw new AppError('invalid_input', 'That file name would be written outside the chosen folder.');
    }
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
    let handle;
    try {
      handle = await open(candidate, flags, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new AppError('profile_unwritable', `Could not write to ${base}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      await handle.writeFile(bytes);
    } catch (error) {
      await handle.close();
      await unlink(candidate).catch(() => undefined);
      throw new AppError('profile_unwritable', `Could not write ${candidate}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await handle.close();
    return candidate;
  }
  throw new AppError('conflict', `The folder already has ${MAX_TRIES} files named like ${safe}.`);
}
