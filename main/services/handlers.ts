import { PrefsSchema } from '../../shared/model/prefs';
import type { Handlers } from '../ipc/dispatcher';
import { appInfo } from './app-info';
import type { AppContext } from './context';
import { listMailboxes } from './mailboxes';
import { listMessages } from './messages';

/** Channel → use case. Inputs arrive already validated by the dispatcher. */
export function createHandlers(ctx: AppContext): Handlers {
  const accounts = () => ctx.settings.get('accounts');
  return {
    'app:info': () => appInfo(ctx),
    'accounts:list': () => ({ accounts: accounts() }),
    'mailboxes:list': ({ accountId }) => ({ mailboxes: listMailboxes(ctx.store.db, accountId) }),
    'messages:list': (input) =>
      listMessages(
        ctx.store.db,
        input,
        accounts()
          .filter((account) => account.includeInUnified)
          .map((account) => account.id),
      ),
    'prefs:get': () => ctx.settings.get('prefs'),
    'prefs:update': (change) => {
      const next = PrefsSchema.parse({ ...ctx.settings.get('prefs'), ...change });
      ctx.settings.set('prefs', next);
      return next;
    },
  };
}
