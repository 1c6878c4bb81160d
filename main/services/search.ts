import type { ChannelParsedInput } from '../../shared/ipc/contract';
import type { SearchOutput, ServerSearchReport } from '../../shared/model/search';
import { readPasswords } from '../accounts/credentials';
import { openImapSession } from '../mail/imap/session';
import { runLocalSearch } from '../search/local-search';
import { prepareSearch } from '../search/prepare';
import { needsServer } from '../search/server/imap-query';
import { searchServers } from '../search/server/server-search';
import type { AppContext } from './context';

/**
 * search:query. Local results come from the FTS index alone (fast enough to run on every
 * keystroke); with `server`, IMAP servers are asked about the mail whose bodies are not stored
 * here and their matches join the results, marked remote (every page asks again, so paging
 * stays consistent with what the server holds now).
 */
export async function searchMessages(
  ctx: AppContext,
  input: ChannelParsedInput<'search:query'>,
): Promise<SearchOutput> {
  const accounts = ctx.settings.get('accounts');
  const prepared = prepareSearch(accounts, input.query);
  if (!prepared.ok) return prepared;
  if (prepared.root === null) return { ok: true, hits: [], nextCursor: null, server: null };
  let serverIds = new Set<string>();
  let report: ServerSearchReport | null = null;
  if (input.server && needsServer(prepared.root)) {
    const result = await searchServers(
      {
        db: ctx.store.db,
        accountIds: prepared.accountIds,
        open: async (account) => {
          const { incoming } = await readPasswords(ctx.secrets, account);
          return openImapSession(account, incoming, ctx.sync?.session ?? {});
        },
      },
      accounts.filter((a) => input.accountId === null || a.id === input.accountId),
      prepared.root,
    );
    serverIds = result.ids;
    report = result.report;
  }
  const output = runLocalSearch(ctx.store.db, prepared.compiled, input, serverIds);
  return output.ok ? { ...output, server: report } : output;
}
