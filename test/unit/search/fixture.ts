import { channelExamples } from '../../../shared/ipc/examples';
import type { Account } from '../../../shared/model/account';
import type { SearchOutput } from '../../../shared/model/search';
import type { SqlDriver } from '../../../main/store/driver';
import { runLocalSearch, type SearchRequest } from '../../../main/search/local-search';
import { prepareSearch } from '../../../main/search/prepare';

export function testAccount(id: string, displayName: string, address: string): Account {
  const base = channelExamples['accounts:get'].output;
  return {
    ...base,
    id,
    displayName,
    incoming: { ...base.incoming, username: address },
    identities: base.identities.map((identity) => ({ ...identity, address })),
  };
}

export interface TestMessage {
  id: string;
  account?: string;
  mailbox?: string;
  subject?: string;
  from?: [string, string];
  to?: [string, string][];
  cc?: [string, string][];
  body?: string | null;
  files?: string[];
  date: string;
  unread?: boolean;
  flagged?: boolean;
  size?: number;
  uid?: number;
  bodyState?: 'none' | 'stored' | 'too_large';
}

export function addMailbox(
  db: SqlDriver,
  id: string,
  account: string,
  path: string,
  specialUse: string | null = null,
): void {
  db.run('INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES (?, ?, ?, ?, ?)', [
    id,
    account,
    path,
    path.split('/').at(-1) ?? path,
    specialUse,
  ]);
}

export function addMessage(db: SqlDriver, m: TestMessage): void {
  const people = (list: [string, string][] | undefined) =>
    JSON.stringify((list ?? []).map(([name, address]) => ({ name, address })));
  db.run(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, to_json, cc_json, body_text,
        attachments, has_attachments, date, unread, flagged, size, uid, body_state, snippet)
     VALUES (:id, :account, :mailbox, :subject, :fromName, :fromAddress, :to, :cc, :body, :files, :hasFiles, :date,
        :unread, :flagged, :size, :uid, :bodyState, :snippet)`,
    {
      id: m.id,
      account: m.account ?? 'a1',
      mailbox: m.mailbox ?? 'inbox',
      subject: m.subject ?? '',
      fromName: m.from?.[0] ?? null,
      fromAddress: m.from?.[1] ?? null,
      to: people(m.to),
      cc: people(m.cc),
      body: m.body === undefined ? null : m.body,
      files: JSON.stringify((m.files ?? []).map((filename, i) => ({ partId: String(i + 1), filename }))),
      hasFiles: (m.files ?? []).length > 0 ? 1 : 0,
      date: m.date,
      unread: m.unread === false ? 0 : 1,
      flagged: m.flagged ? 1 : 0,
      size: m.size ?? 1000,
      uid: m.uid ?? null,
      bodyState: m.bodyState ?? (m.body === undefined || m.body === null ? 'none' : 'stored'),
      snippet: (m.body ?? '').slice(0, 100),
    },
  );
}

export function search(
  db: SqlDriver,
  accounts: readonly Account[],
  query: string,
  request: Partial<SearchRequest> = {},
): SearchOutput {
  const prepared = prepareSearch(accounts, query);
  if (!prepared.ok) return prepared;
  if (prepared.root === null) return { ok: true, hits: [], nextCursor: null, server: null };
  return runLocalSearch(db, prepared.compiled, {
    accountId: null,
    limit: 50,
    cursor: null,
    sort: 'date',
    ...request,
  });
}

/** The ids found, newest first; fails the test on a query error. */
export function ids(output: SearchOutput): string[] {
  if (!output.ok) throw new Error(`query error: ${output.message} at ${output.at}`);
  return output.hits.map((hit) => hit.id);
}
