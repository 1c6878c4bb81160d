import type { Account } from '../../shared/model/account';
import type { ImapSession } from '../mail/imap/session';
import type { WritableDb } from '../store/driver';
import type { FilingSession, SentFilerPort } from './ports';
import { fileLocally, type LocalFilingDeps } from './local-sent';

/**
 * Providers whose SMTP server puts a copy of every message into Sent itself: appending another
 * copy would show each sent message twice.
 */
const FILES_SENT_ITSELF = [
  /(^|\.)gmail\.com$/i,
  /(^|\.)googlemail\.com$/i,
  /(^|\.)office365\.com$/i,
  /(^|\.)outlook\.com$/i,
];

export function providerFilesSent(account: Account): boolean {
  return FILES_SENT_ITSELF.some((pattern) => pattern.test(account.outgoing.host));
}

export interface FilingDeps extends LocalFilingDeps {
  db: WritableDb;
  account(accountId: string): Account;
  openImap(account: Account): Promise<ImapSession>;
}

function sentPath(db: WritableDb, accountId: string): string | null {
  return (
    db.get<{ path: string }>(`SELECT path FROM mailboxes WHERE account_id = ? AND special_use = 'sent'`, [accountId])
      ?.path ?? null
  );
}

/**
 * Filing to Sent (DESIGN §6), a step of its own after `sent`: IMAP accounts APPEND the exact
 * bytes with \Seen, over one connection for all the account's waiting copies; POP3 accounts keep
 * them in their local Sent folder. Errors propagate to the runner, which retries filing alone:
 * nothing here can cause the message to be sent again.
 */
export function createSentFiler(deps: FilingDeps): SentFilerPort {
  return {
    async open(accountId): Promise<FilingSession> {
      const account = deps.account(accountId);
      if (account.incoming.protocol === 'pop3') {
        return {
          file: async ({ raw, sentAt }) => {
            await fileLocally(deps, accountId, raw, sentAt);
            return 'filed';
          },
          close: () => Promise.resolve(),
        };
      }
      if (providerFilesSent(account)) {
        return { file: () => Promise.resolve('skipped'), close: () => Promise.resolve() };
      }
      const session = await deps.openImap(account);
      let path: string | null = null;
      return {
        file: async ({ raw, sentAt }) => {
          path ??= await sentFolder(deps.db, session, accountId);
          const appended = await session.client.append(path, raw, ['\\Seen'], new Date(sentAt));
          if (!appended) throw new Error(`The server did not accept the copy for ${path}`);
          return 'filed';
        },
        close: () => session.close(),
      };
    },
  };
}

/** The account's Sent folder; when none is known yet (never synced, or none on the server) the usual name, created when missing, as Thunderbird does. */
async function sentFolder(db: WritableDb, session: ImapSession, accountId: string): Promise<string> {
  const known = sentPath(db, accountId);
  if (known) return known;
  const path = 'Sent';
  const exists = (await session.client.list()).some((mailbox) => mailbox.path === path);
  if (!exists) await session.client.mailboxCreate(path);
  return path;
}
