import type { Notice } from '../../shared/model/notice';

export type SecretBackend = 'safe-storage' | 'keyring' | 'file-vault';

/**
 * Where passwords and tokens live. Keys name what the secret is for (`account:<id>:incoming`);
 * values never leave main: not in settings, logs, IPC payloads or the renderer.
 */
export interface SecretStore {
  readonly backend: SecretBackend;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface OpenedSecrets {
  secrets: SecretStore;
  /** What the user should know about the backend chosen (e.g. a key kept beside the vault). */
  notices: Notice[];
}
