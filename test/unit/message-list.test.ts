import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSql } from '../../main/services/message-list-sql';
import { listMessages, listThread } from '../../main/services/messages';
import { openSqlite, type SqlDriver } from '../../main/store/driver';
import { migrate } from '../../main/store/migrate';
import { MIGRATIONS } from '../../main/store/migrations';
import type { ChannelParsedInput } from '../../shared/ipc/contract';
import type { MessageSort } from '../../shared/model/message-list';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const SENDERS = ['bob', 'Alice', 'carol', '', 'Dave'];

function store(count: number): SqlDriver {
  const db = openSqlite(join(tempDir(), 'list.sqlite'));
  migrate(db, MIGRATIONS);
  db.transaction((tx) => {
    tx.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in', 'a', 'INBOX', 'Inbox', 'inbox')",
    );
    tx.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in2', 'b', 'INBOX', 'Inbox', 'inbox')",
    );
    for (let i = 0; i < count; i += 1) {
      const date = new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 3))).toISOString(); // equal dates in threes
      tx.run(
        `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, thread_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          `m${String(i).padStart(3, '0')}`,
          i % 4 === 3 ? 'b' : 'a',
          i % 4 === 3 ? 'in2' : 'in',
          ['Zebra', 'apple', 'Mango'][i % 3] ?? '',
          SENDERS[i % 5] ?? '',
          `${SENDERS[i % 5] || 'x'}@example.org`,
          date,
          i % 5 === 0 ? null : `t${i % 7}`,
        ],
      );
    }
  });
  return db;
}

function input(
  sort: MessageSort,
  conversations: boolean,
  extra: Partial<ChannelParsedInput<'messages:list'>> = {},
): ChannelParsedInput<'messages:list'> {
  return {
    source: { kind: 'mailbox', mailboxId: 'in' },
    limit: 7,
    cursor: null,
    sort,
    conversations,
    offset: null,
    ...extra,
  };
}

function byCursor(db: SqlDriver, sort: MessageSort, conversations: boolean): string[] {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = listMessages(db, input(sort, conversations, { cursor }), []);
    seen.push(...page.messages.map((m) => m.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return seen;
}

function byOffset(db: SqlDriver, sort: MessageSort, conversations: boolean): string[] {
  const seen: string[] = [];
  for (let offset = 0; ; offset += 7) {
    const page = listMessages(db, input(sort, conversations, { offset }), []);
    if (page.messages.length === 0) return seen;
    seen.push(...page.messages.map((m) => m.id));
  }
}

describe('messages:list sorting, paging and conversations', () => {
  for (const sort of ['date', 'sender', 'subject'] as const) {
    for (const conversations of [false, true]) {
      it(`pages by ${sort}${conversations ? ' in conversations' : ''} the same by cursor and by offset`, () => {
        const db = store(60);
        const cursorIds = byCursor(db, sort, conversations);
        const offsetIds = byOffset(db, sort, conversations);
        const { total } = listMessages(db, input(sort, conversations), []);
        expect(cursorIds).toEqual(offsetIds);
        expect(new Set(cursorIds).size).toBe(total);
        // Every query of the list walks an index in order: no sort of the whole folder per page.
        const sql = listSql(input(sort, conversations));
        for (const text of [sql.page('offset'), sql.page('cursor')]) {
          const plan = db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, {
            mailboxId: 'in',
            specialUse: null,
            accounts: '[]',
            limit: 1,
            offset: 0,
            afterKey: '',
            afterDate: '',
            afterId: '',
          });
          expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
        }
        db.close();
      });
    }
  }

  it('sorts senders by name, else address, A→Z ignoring case, newest first within one sender', () => {
    const db = store(20);
    const rows = listMessages(db, input('sender', false, { limit: 100 }), []).messages;
    const keys = rows.map((m) => (m.from?.name || m.from?.address || '').toLowerCase());
    expect(keys).toEqual([...keys].sort());
    const alice = rows.filter((m) => m.from?.name === 'Alice').map((m) => m.date);
    expect(alice).toEqual([...alice].sort().reverse());
    db.close();
  });

  it('shows a conversation by its latest message with its size, and lists its messages', () => {
    const db = store(60);
    const { messages, total } = listMessages(db, input('date', true, { limit: 100 }), []);
    const singles = db.get<{ n: number }>(
      "SELECT count(*) AS n FROM messages WHERE mailbox_id = 'in' AND thread_id IS NULL",
    );
    const threads = db.get<{ n: number }>(
      "SELECT count(DISTINCT thread_id) AS n FROM messages WHERE mailbox_id = 'in' AND thread_id IS NOT NULL",
    );
    expect(total).toBe((singles?.n ?? 0) + (threads?.n ?? 0));
    const thread = messages.find((m) => m.threadKey === 't1');
    expect(thread?.threadCount).toBe(
      db.get<{ n: number }>("SELECT count(*) AS n FROM messages WHERE mailbox_id = 'in' AND thread_id = 't1'")?.n,
    );
    const inThread = listThread(db, { mailboxId: 'in', threadKey: 't1' }).messages;
    expect(inThread).toHaveLength(thread?.threadCount ?? -1);
    expect(inThread[0]?.id).toBe(thread?.id);
    db.close();
  });

  it('unified inbox lists only the accounts that take part in it', () => {
    const db = store(40);
    const unified = (accounts: string[]) =>
      listMessages(
        db,
        input('date', false, { source: { kind: 'unified', specialUse: 'inbox' }, limit: 100 }),
        accounts,
      );
    expect(unified(['a', 'b']).total).toBe(40);
    expect(new Set(unified(['b']).messages.map((m) => m.accountId))).toEqual(new Set(['b']));
    expect(unified([]).total).toBe(0);
    db.close();
  });
});
