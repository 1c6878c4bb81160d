import type { Notice } from '../../shared/model/notice';
import type { EventBus } from '../ipc/event-bus';
import type { MailProbes } from '../mail/probes';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { Store } from '../store/open-store';
import type { OutboxOptions } from './outbox';
import type { DesktopFilePorts } from './reader/desktop-ports';
import type { SyncOptions } from './sync';

/**
 * Everything a service may use. Built by a composition root: main/app for Electron,
 * main/platform/node for the CLI and the browser shell; only the edges (settings engine, secret
 * backend) differ between them.
 */
export interface AppContext {
  shell: 'electron' | 'web' | 'cli';
  profileDir: string;
  store: Store;
  settings: SettingsStore;
  secrets: SecretStore;
  bus: EventBus;
  /** Autoconfig and server verification (network). */
  probes: MailProbes;
  /** Found while opening the profile; shown by the UI and by `letterbox doctor`. */
  notices: readonly Notice[];
  /** Overrides for IMAP sync (TLS trust, parser, raw store); defaults when absent. */
  sync?: SyncOptions;
  /** Overrides for sending (TLS trust, retry timing, a counting transport in tests). */
  outbox?: OutboxOptions;
  /** Native folder dialog and "open with the default app": the desktop shell only. */
  desktop?: DesktopFilePorts;
}
