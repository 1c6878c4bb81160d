import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileVault, VAULT_FILE, VAULT_KEY_FILE } from '../../main/secrets/file-vault';
import { openNodeSecrets } from '../../main/secrets/open-node-secrets';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('file vault', () => {
  it('stores, reads back across reopen, and deletes secrets without writing them in clear', async () => {
    const dir = tempDir();
    const vault = openFileVault({ profileDir: dir });
    await vault.set('account:a1:incoming', 'hunter2-päss');
    expect(await openFileVault({ profileDir: dir }).get('account:a1:incoming')).toBe('hunter2-päss');
    expect(readFileSync(join(dir, VAULT_FILE), 'utf8')).not.toContain('hunter2');
    await vault.delete('account:a1:incoming');
    expect(await openFileVault({ profileDir: dir }).get('account:a1:incoming')).toBeNull();
  });

  it('keeps its generated key in a file only the owner can read', async () => {
    const dir = tempDir();
    await openFileVault({ profileDir: dir }).set('k', 'v');
    expect(statSync(join(dir, VAULT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, VAULT_FILE)).mode & 0o777).toBe(0o600);
  });

  it('fails clearly with a different LETTERBOX_VAULT_KEY instead of returning garbage', async () => {
    const dir = tempDir();
    await openFileVault({ profileDir: dir, passphrase: 'correct horse' }).set('k', 'v');
    const wrong = openFileVault({ profileDir: dir, passphrase: 'battery staple' });
    await expect(wrong.get('k')).rejects.toMatchObject({ code: 'secrets_unavailable' });
  });

  it('binds each entry to its name, so entries swapped in the file do not decrypt', async () => {
    const dir = tempDir();
    const vault = openFileVault({ profileDir: dir });
    await vault.set('a', 'secret-a');
    await vault.set('b', 'secret-b');
    const file = JSON.parse(readFileSync(join(dir, VAULT_FILE), 'utf8'));
    [file.entries.a, file.entries.b] = [file.entries.b, file.entries.a];
    writeFileSync(join(dir, VAULT_FILE), JSON.stringify(file));
    await expect(openFileVault({ profileDir: dir }).get('a')).rejects.toMatchObject({ code: 'secrets_unavailable' });
  });

  it('leaves a damaged vault file as it is and says what to do', () => {
    const dir = tempDir();
    writeFileSync(join(dir, VAULT_FILE), 'not json');
    expect(() => openFileVault({ profileDir: dir })).toThrow(/damaged/);
    expect(readFileSync(join(dir, VAULT_FILE), 'utf8')).toBe('not json');
  });

  it('is chosen with a warning when forced, and silently when the user gave a key', async () => {
    const dir = tempDir();
    const forced = await openNodeSecrets(dir, { LETTERBOX_SECRETS: 'vault' });
    expect(forced.secrets.backend).toBe('file-vault');
    expect(forced.notices.map((n) => n.code)).toEqual(['weak_secret_store']);
    const keyed = await openNodeSecrets(tempDir(), { LETTERBOX_VAULT_KEY: 'k' });
    expect(keyed.secrets.backend).toBe('file-vault');
    expect(keyed.notices).toEqual([]);
  });
});
