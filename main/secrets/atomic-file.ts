import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Write-then-rename with fsync, so a crash or full disk leaves either the old file or the new one. */
export function writeFileAtomic(path: string, data: string, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
