import type { Account } from '../../../shared/model/account';
import { startLiveSync } from '../../services/live';
import type { ConnectionEvent } from '../../sync/live/account-watcher';
import type { FolderChange } from '../../sync/live/folder-pass';
import type { Command } from '../command';
import { withApp } from '../with-app';
import { findAccount } from './account/find-account';

interface Totals {
  added: number;
  updated: number;
  removed: number;
  reconnects: number;
}

/**
 * `letterbox watch [ACCOUNT]`: the live sync of the app in a terminal. Text mode prints a line per
 * change as it happens; --json stays silent until the end and prints one summary document, so
 * stdout is still exactly one JSON document.
 */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'Stay in sync (IDLE on the Inbox, STATUS polls) until Ctrl-C, printing changes (watch [ACCOUNT])',
  async run({ io, globals, positionals }) {
    return withApp(io, globals, async (app) => {
      const all = app.ctx.settings.get('accounts');
      const name = positionals[0];
      const chosen = name === undefined ? all.filter((a) => a.incoming.protocol === 'imap') : [findAccount(all, name)];
      if (chosen.length === 0 || chosen.some((a) => a.incoming.protocol !== 'imap')) {
        return { json: { accounts: [] }, text: 'No IMAP accounts to watch.', exitCode: name ? 1 : 0 };
      }
      const started = Date.now();
      const totals = new Map<string, Totals>(
        chosen.map((a) => [a.id, { added: 0, updated: 0, removed: 0, reconnects: 0 }]),
      );
      const label = (id: string): string => chosen.find((a) => a.id === id)?.displayName ?? id;
      const say = (line: string): void => {
        if (!globals.json) io.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
      };
      const live = startLiveSync(app.ctx, {
        accountId: name === undefined ? null : (chosen[0] as Account).id,
        listeners: {
          change: (change) => {
            const sum = totals.get(change.accountId);
            if (sum) {
              sum.added += change.added;
              sum.updated += change.updated;
              sum.removed += change.removed;
            }
            say(`${label(change.accountId)} ${describeChange(change)}`);
          },
          connection: (event) => {
            const sum = totals.get(event.accountId);
            if (sum && event.state === 'lost') sum.reconnects += 1;
            say(`${label(event.accountId)} ${describeConnection(event)}`);
          },
          status: (status) => {
            if (status.state === 'error' && status.message) io.stderr.write(`letterbox: ${status.message}\n`);
          },
        },
      });
      say(`watching ${chosen.map((a) => a.displayName).join(', ')}; Ctrl-C to stop`);
      await untilInterrupted();
      await live.stop();
      const accounts = [...totals].map(([accountId, sum]) => ({ accountId, ...sum }));
      const durationMs = Date.now() - started;
      return {
        json: { accounts, durationMs },
        text: accounts
          .map(
            (a) =>
              `${label(a.accountId)}: stopped after ${Math.round(durationMs / 1000)} s; ` +
              `${a.added} new, ${a.updated} changed, ${a.removed} removed, ${a.reconnects} reconnects`,
          )
          .join('\n'),
      };
    });
  },
};

export function describeChange(change: FolderChange): string {
  const parts = [
    change.added > 0 ? `${change.added} new` : null,
    change.updated > 0 ? `${change.updated} flag change${change.updated === 1 ? '' : 's'}` : null,
    change.removed > 0 ? `${change.removed} removed` : null,
  ].filter((part) => part !== null);
  return `${change.path}: ${parts.join(', ')}`;
}

export function describeConnection(event: ConnectionEvent): string {
  if (event.state === 'connected') return 'connected; IDLE on INBOX';
  const wait = Math.ceil((event.retryInMs ?? 0) / 1000);
  return `connection lost${event.error ? ` (${event.error})` : ''}; reconnecting in ${wait} s (attempt ${event.attempt})`;
}

/** SIGINT or SIGTERM ends the watch cleanly (exit 0); the handlers go away again afterwards. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
