import { createHash } from 'node:crypto';
import type { Notice } from '../../shared/model/notice';
import { openFileVault, VAULT_KEY_FILE } from './file-vault';
import { keyringAvailable, openKeyring } from './keyring';
import type { OpenedSecrets } from './secret-store';

/**
 * Secrets for the CLI and the browser shell (the desktop app uses safeStorage instead).
 * LETTERBOX_SECRETS=keyring|vault forces a backend; a LETTERBOX_VAULT_KEY means the user chose the
 * vault; otherwise the OS keyring when one answers, else the vault with a key file and a warning.
 */
export async function openNodeSecrets(
  profileDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenedSecrets> {
  const forced = env.LETTERBOX_SECRETS;
  const passphrase = env.LETTERBOX_VAULT_KEY || undefined;
  const wantKeyring = forced === 'keyring' || (forced !== 'vault' && !passphrase && (await keyringAvailable()));
  if (wantKeyring) {
    const profileId = createHash('sha256').update(profileDir).digest('hex').slice(0, 16);
    return { secrets: openKeyring(profileId), notices: [] };
  }
  const vault = openFileVault({ profileDir, passphrase });
  const notices: Notice[] = [];
  if (vault.keySource === 'key-file') {
    notices.push({
      level: 'warning',
      code: 'weak_secret_store',
      message:
        `No system keyring is available, so passwords are encrypted with a key kept in ${VAULT_KEY_FILE} in your profile folder. ` +
        'That protects a copied vault file, not a copied profile folder. Set LETTERBOX_VAULT_KEY or run a keyring for better protection.',
    });
  }
  return { secrets: vault, notices };
}
