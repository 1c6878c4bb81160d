import { safeStorage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Notice } from '../../shared/model/notice';
import { writeFileAtomic } from '../secrets/atomic-file';
import type { OpenedSecrets, SecretStore } from '../secrets/secret-store';

export const SAFE_STORAGE_FILE = 'secrets.safe.json';
const FileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

/**
 * Secrets encrypted by the OS through Electron's safeStorage (async API), kept as base64 blobs in
 * the profile. Linux without a keyring gives `basic_text`, which is obfuscation only: we say so.
 */
export async function openSafeStorageSecrets(profileDir: string): Promise<OpenedSecrets> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new AppError(
      'secrets_unavailable',
      'The system offers no encryption for saved passwords; unlock or install a keyring and restart Letterbox.',
    );
  }
  const path = join(profileDir, SAFE_STORAGE_FILE);
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success)
      throw new AppError(
        'secrets_unavailable',
        `The saved-password file ${path} is damaged; move it aside and enter passwords again.`,
      );
    return parsed.data.entries;
  };
  const write = (entries: Record<string, string>): void =>
    writeFileAtomic(path, JSON.stringify({ version: 1, entries }, null, 2));

  const secrets: SecretStore = {
    backend: 'safe-storage',
    async get(name) {
      const blob = read()[name];
      if (blob === undefined) return null;
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
      if (shouldReEncrypt) await secrets.set(name, result);
      return result;
    },
    async set(name, value) {
      const blob = (await safeStorage.encryptStringAsync(value)).toString('base64');
      write({ ...read(), [name]: blob });
    },
    async delete(name) {
      const { [name]: removed, ...rest } = read();
      if (removed !== undefined) write(rest);
    },
  };

  const notices: Notice[] = [];
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    notices.push({
      level: 'warning',
      code: 'weak_secret_store',
      message:
        'No desktop keyring was found, so saved passwords are only obfuscated, not encrypted. Install and unlock GNOME Keyring or KWallet, then restart Letterbox.',
    });
  }
  return { secrets, notices };
}
