import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account } from '../../../shared/model/account';
import {
  watchAccount,
  type AccountWatcher,
  type ConnectionEvent,
  type LiveOptions,
} from '../../../main/sync/live/account-watcher';
import type { FolderChange } from '../../../main/sync/live/folder-pass';
import { createThreadWriter } from '../../../main/sync/writer/thread-writer';
import type { MailServers } from '../../support/mail-servers';
import { syncRig, type SyncRig } from '../sync/fixture';

export interface LiveRig extends SyncRig {
  watcher: AccountWatcher;
  changes: FolderChange[];
  connections: ConnectionEvent[];
  stop(): Promise<void>;
}

/** A store plus a running watcher for `account`, recording what it reports. */
export function liveRig(servers: MailServers, account: Account, password: string, options: LiveOptions = {}): LiveRig {
  const profile = mkdtempSync(join(tmpdir(), 'letterbox-live-'));
  const rig = syncRig(servers, profile);
  const changes: FolderChange[] = [];
  const connections: ConnectionEvent[] = [];
  // As services/live.ts wires it: catch-up passes on a writer thread, IDLE's passes on this one.
  const deps = {
    ...rig.deps,
    writer: undefined,
    catchUpWriter: () => createThreadWriter(rig.db),
    events: {
      ...rig.deps.events,
      change: (c: FolderChange) => changes.push(c),
      connection: (c: ConnectionEvent) => connections.push(c),
    },
  };
  const watcher = watchAccount(deps, account, password, { debounceMs: 20, ...options });
  return {
    ...rig,
    watcher,
    changes,
    connections,
    stop: async () => {
      await watcher.stop();
      await rig.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}
