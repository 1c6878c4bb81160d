import { createDnsResolver } from '../../mail/autoconfig';
import { createMailProbes, type MailProbes } from '../../mail/probes';
import { openNodeSecrets } from '../../secrets/open-node-secrets';
import { composeApp, type ComposedApp } from '../../services/compose-app';
import { startLiveSync, type LiveSync, type LiveSyncOptions } from '../../services/live';
import type { SyncOptions } from '../../services/sync';
import { stopDraftSync } from '../../services/draft-sync-scheduler';
import { removeOpenedFiles, sweepStaleOpenedFiles } from '../../services/reader/opened-files';
import { startDraftSyncTriggers } from '../../services/draft-sync-triggers';
import { outboxRunner, stopOutbox, type OutboxOptions } from '../../services/outbox';
import { openConfSettings } from '../../settings/conf-settings';
import { openStore } from '../../store/open-store';
import { ensureProfileDir, resolveProfileDir } from '../profile';

export interface NodeAppOptions {
  /** Overrides LETTERBOX_PROFILE and the default profile folder. */
  profileDir?: string | undefined;
  shell: 'web' | 'cli';
  env?: NodeJS.ProcessEnv;
  onInternalError?: (channel: string, error: unknown) => void;
  /** Tests substitute probes that trust the harness CA or use their own DNS server. */
  probes?: MailProbes;
  /** Tests pass the harness CA or a command counter for IMAP sync. */
  sync?: SyncOptions;
  /** Tests pass the harness CA and quick retries for sending. */
  outbox?: OutboxOptions;
  /**
   * Keep IMAP accounts in step (IDLE + STATUS polling) while the app is open: the browser shell
   * turns it on; the CLI and tests leave it off unless they watch on purpose.
   */
  live?: boolean | LiveSyncOptions;
}

export interface NodeApp extends ComposedApp {
  profileDir: string;
  /** Null unless opened with `live`. */
  live: LiveSync | null;
  close(): Promise<void>;
}

/** Composition root for the CLI and the browser shell: same profile, store and services as the app. */
export async function openNodeApp(options: NodeAppOptions): Promise<NodeApp> {
  const env = options.env ?? process.env;
  const profileDir = ensureProfileDir(resolveProfileDir(options.profileDir, env));
  const { settings, notices: settingsNotices } = openConfSettings(profileDir);
  const { secrets, notices: secretNotices } = await openNodeSecrets(profileDir, env);
  const store = openStore(profileDir);
  const app = composeApp(
    {
      shell: options.shell,
      profileDir,
      store,
      settings,
      secrets,
      probes: options.probes ?? createMailProbes(probeOptions(env)),
      notices: [...settingsNotices, ...secretNotices],
      ...(options.sync ? { sync: options.sync } : {}),
      ...(options.outbox ? { outbox: options.outbox } : {}),
    },
    options.onInternalError,
  );
  // Drafts not copied to the server yet go at start-up and after each good sync pass.
  if (options.live) startDraftSyncTriggers(app.ctx);
  const live = options.live ? startLiveSync(app.ctx, options.live === true ? {} : options.live) : null;
  // A shell that stays open also sends: what waits in the outbox goes by itself.
  if (options.live) outboxRunner(app.ctx).start();
  // Attachments a run that never closed had opened (a crash): their temporary copies go.
  if (options.live) void sweepStaleOpenedFiles();
  return {
    ...app,
    profileDir,
    live,
    close: async () => {
      // Watchers write to the store: they stop before it closes.
      await Promise.all([live?.stop(), stopOutbox(app.ctx), stopDraftSync(app.ctx), removeOpenedFiles(app.ctx)]);
      store.close();
    },
  };
}

/**
 * LETTERBOX_DNS_SERVERS="10.0.0.53,127.0.0.1:5353" makes autoconfig ask those resolvers: for a
 * company's internal DNS (split horizon) when diagnosing why setup finds nothing.
 */
function probeOptions(env: NodeJS.ProcessEnv): Parameters<typeof createMailProbes>[0] {
  const servers = (env.LETTERBOX_DNS_SERVERS ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  return servers.length > 0 ? { autoconfig: { dns: createDnsResolver({ servers }) } } : {};
}
