import type { AccountSyncSummary } from '../../../shared/model/sync';
import { runSync } from '../../services/sync';
import type { Command } from '../command';
import { withApp } from '../with-app';
import { findAccount } from './account/find-account';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Download new mail once: folders, headers, bodies in the offline window (sync [ACCOUNT])',
  async run({ io, globals, positionals }) {
    return withApp(io, globals, async (app) => {
      const name = positionals[0];
      const accountId = name === undefined ? null : findAccount(app.ctx.settings.get('accounts'), name).id;
      const { accounts } = await runSync(app.ctx, accountId);
      for (const account of accounts) if (account.error) io.stderr.write(`letterbox: ${account.error}\n`);
      return {
        json: { accounts },
        text: accounts.length === 0 ? 'No accounts to sync.' : accounts.map(formatAccount).join('\n\n'),
        exitCode: accounts.every((a) => a.ok) ? 0 : 1,
      };
    });
  },
};

function formatAccount(summary: AccountSyncSummary): string {
  const head = `${summary.accountId}: ${summary.ok ? 'done' : 'FAILED'} in ${summary.durationMs} ms`;
  const rows = summary.folders.map((f) =>
    [
      `  ${f.path.padEnd(20)}`,
      f.strategy.padEnd(9),
      `${f.total} messages`.padEnd(14),
      `+${f.added} ~${f.updated} -${f.removed}`.padEnd(14),
      `bodies ${f.bodies}`.padEnd(12),
      `${f.durationMs} ms`,
      ...(f.error ? [` ${f.error}`] : []),
    ].join(' '),
  );
  return [head, ...rows].join('\n');
}
