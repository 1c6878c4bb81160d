import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { AppError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

const SERVICE = 'Letterbox';
// On Linux the library would otherwise fall back to the kernel keyring, which forgets everything
// at reboot; passwords belong in the Secret Service (GNOME Keyring, KWallet) or nowhere.
const OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/** The OS keyring (Keychain, Credential Manager, Secret Service), keyed per profile. */
export function openKeyring(profileId: string): SecretStore {
  const entry = (name: string): AsyncEntry => new AsyncEntry(SERVICE, `${profileId}/${name}`, OPTIONS);
  const guard = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (cause) {
      throw new AppError(
        'secrets_unavailable',
        `The system keyring refused the request (${(cause as Error).message}). Unlock your keyring and try again.`,
        { cause },
      );
    }
  };
  return {
    backend: 'keyring',
    get: (name) => guard(() => entry(name).getPassword()),
    set: (name, value) => guard(() => entry(name).setPassword(value)),
    delete: (name) => guard(async () => void (await entry(name).deletePassword())),
  };
}

/** True when a keyring answers within the time limit; a locked or absent one must not hang start-up. */
export async function keyringAvailable(timeoutMs = 2000): Promise<boolean> {
  try {
    // The constructor itself throws when there is no D-Bus session at all.
    const probe = new AsyncEntry(SERVICE, 'availability-probe', OPTIONS);
    await probe.getPassword(AbortSignal.timeout(timeoutMs));
    return true;
  } catch {
    return false;
  }
}
