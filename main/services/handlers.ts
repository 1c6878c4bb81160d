import { PrefsSchema } from '../../shared/model/prefs';
import type { Handlers } from '../ipc/dispatcher';
import { getAccount, listAccounts, removeAccount, saveAccount } from './accounts';
import { appInfo } from './app-info';
import { composeFromMailto, startCompose } from './compose';
import { searchContacts } from './contacts';
import type { AppContext } from './context';
import {
  attachmentData,
  attachToDraft,
  deleteDraft,
  detachFromDraft,
  getDraft,
  listDrafts,
  saveDraft,
  sendDraft,
} from './drafts';
import { listMailboxes } from './mailboxes';
import { archiveMessages, deleteMessages, moveMessages, setFlags } from './message-actions';
import { listMessages, listThread } from './messages';
import {
  cancelOutbox,
  flushOutbox,
  listOutbox,
  markOutboxSent,
  outboxDetails,
  queueMessage,
  retryOutbox,
} from './outbox';
import { searchMessages } from './search';
import { attachmentChunk, openAttachment, saveAttachment } from './reader/attachments';
import { getMessageContent } from './reader/message-content';
import { getMessageSource } from './reader/message-source';
import { fetchRemoteImage } from './reader/remote-image';
import { sendLimit } from './send-limits';
import { discover, SetupRequests, verify } from './setup';
import { runSync } from './sync';
import { syncStatuses } from './sync-statuses';

/** Channel → use case. Inputs arrive already validated by the dispatcher. */
export function createHandlers(ctx: AppContext): Handlers {
  const accounts = () => ctx.settings.get('accounts');
  const setupRequests = new SetupRequests();
  return {
    'app:info': () => appInfo(ctx),
    'accounts:list': () => ({ accounts: listAccounts(ctx) }),
    'accounts:get': ({ id }) => getAccount(ctx, id),
    'accounts:save': (input) => saveAccount(ctx, input),
    'accounts:remove': ({ id }) => removeAccount(ctx, id),
    'setup:discover': (input) => discover(ctx, setupRequests, input),
    'setup:verify': (input) => verify(ctx, setupRequests, input),
    'setup:cancel': ({ requestId }) => ({ cancelled: setupRequests.cancel(requestId) }),
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
    'sync:run': ({ accountId }) => runSync(ctx, accountId),
    'sync:statuses': () => ({ statuses: syncStatuses(ctx.bus) }),
    'messages:setFlags': (input) => setFlags(ctx, input),
    'messages:move': (input) => moveMessages(ctx, input),
    'messages:archive': (input) => archiveMessages(ctx, input),
    'messages:delete': (input) => deleteMessages(ctx, input),
    'outbox:send': ({ draft, sendAt }) =>
      queueMessage(ctx, draft, { sendAt, undoSeconds: ctx.settings.get('prefs').undoSendSeconds }),
    'outbox:list': () => ({ items: listOutbox(ctx) }),
    'outbox:get': ({ id }) => outboxDetails(ctx, id),
    'outbox:cancel': ({ id }) => cancelOutbox(ctx, id),
    'outbox:retry': ({ id }) => retryOutbox(ctx, id),
    'outbox:markSent': ({ id }) => markOutboxSent(ctx, id),
    'outbox:flush': async () => {
      const { attempted, sent, filed } = await flushOutbox(ctx);
      return { attempted, sent, filed };
    },
    'drafts:list': () => ({ drafts: listDrafts(ctx) }),
    'drafts:get': ({ id }) => getDraft(ctx, id),
    'drafts:save': ({ id, fields }) => saveDraft(ctx, id, fields),
    'drafts:delete': ({ id }) => deleteDraft(ctx, id),
    'drafts:attach': (input) => attachToDraft(ctx, input),
    'drafts:detach': ({ draftId, attachmentId }) => detachFromDraft(ctx, draftId, attachmentId),
    'drafts:attachmentData': (input) => attachmentData(ctx, input),
    'drafts:send': ({ id, sendAt }) => sendDraft(ctx, id, sendAt),
    'compose:start': (input) => startCompose(ctx, input),
    'compose:mailto': ({ url }) => composeFromMailto(ctx, url),
    'contacts:search': ({ query, limit }) => ({ contacts: searchContacts(ctx, query, limit) }),
    'search:query': (input) => searchMessages(ctx, input),
    'messages:get': (input) => getMessageContent(ctx, input),
    'messages:source': ({ id }) => getMessageSource(ctx, id),
    'messages:remoteImage': ({ url }) => fetchRemoteImage(url),
    'attachments:data': (input) => attachmentChunk(ctx, input),
    'attachments:save': (input) => saveAttachment(ctx, input),
    'attachments:open': (input) => openAttachment(ctx, input),
    'compose:limits': ({ accountId, identityId }) => sendLimit(ctx, accountId, identityId),
    'messages:thread': (input) => listThread(ctx.store.db, input),
  };
}
