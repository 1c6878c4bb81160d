import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from './atomic-file';
import type { SecretStore } from './secret-store';

export const VAULT_FILE = 'secrets.vault.json';
export const VAULT_KEY_FILE = 'vault.key';

const EntrySchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const VaultSchema = z.object({
  version: z.literal(1),
  salt: z.string(),
  entries: z.record(z.string(), EntrySchema),
});
type Vault = z.infer<typeof VaultSchema>;

export interface FileVaultOptions {
  profileDir: string;
  /** LETTERBOX_VAULT_KEY; when absent a random key is kept in a 0600 file beside the vault. */
  passphrase?: string | undefined;
}

/**
 * AES-256-GCM vault for machines without a keyring (the browser shell and CLI on a server). Each
 * entry's name is its additional authenticated data, so entries cannot be swapped between names.
 */
export function openFileVault(options: FileVaultOptions): SecretStore & { keySource: 'env' | 'key-file' } {
  const vaultPath = join(options.profileDir, VAULT_FILE);
  const keySource = options.passphrase ? 'env' : 'key-file';
  const material = options.passphrase ?? readOrCreateKeyFile(join(options.profileDir, VAULT_KEY_FILE));
  let vault = readVault(vaultPath);
  const key = scryptSync(material, Buffer.from(vault.salt, 'base64'), 32);

  // Re-read before each change: the CLI and the app may both write between our reads.
  const update = (change: (entries: Vault['entries']) => Vault['entries']): void => {
    const latest = existsSync(vaultPath) ? readVault(vaultPath) : vault;
    const base = latest.salt === vault.salt ? latest : vault;
    const next = { ...base, entries: change({ ...base.entries }) };
    writeFileAtomic(vaultPath, JSON.stringify(next, null, 2));
    vault = next;
  };

  return {
    backend: 'file-vault',
    keySource,
    async get(name) {
      const entry = vault.entries[name];
      if (!entry) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
        decipher.setAAD(Buffer.from(name, 'utf8'));
        decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new AppError(
          'secrets_unavailable',
          `A saved password in ${vaultPath} cannot be decrypted with the current vault key. ` +
            'If you set LETTERBOX_VAULT_KEY, use the same value as when it was saved; otherwise enter the password again.',
          { cause },
        );
      }
    },
    async set(name, value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const entry = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      update((entries) => ({ ...entries, [name]: entry }));
    },
    async delete(name) {
      if (!(name in vault.entries)) return;
      update(({ [name]: _removed, ...rest }) => rest);
    },
  };
}

function readVault(path: string): Vault {
  if (!existsSync(path)) return { version: 1, salt: randomBytes(16).toString('base64'), entries: {} };
  const parsed = VaultSchema.safeParse(safeJson(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new AppError(
      'secrets_unavailable',
      `The password vault ${path} is damaged and was left as it is. Move it aside to start a new one (saved passwords will then be asked for again).`,
    );
  }
  return parsed.data;
}

function readOrCreateKeyFile(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const material = randomBytes(32).toString('base64');
  writeFileAtomic(path, `${material}\n`, 0o600);
  return material;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
