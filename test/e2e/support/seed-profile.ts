import Database from 'better-sqlite3';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Account } from '../../../shared/model/account';
import { channelExamples } from '../../../shared/ipc/examples';
import { STORE_FILE } from '../../../main/store/open-store';
import { registerSearchFunctions } from '../../../main/store/search-functions';

export interface SeedAccount {
  id: string;
  name: string;
  includeInUnified: boolean;
}

/**
 * Writes accounts into a profile's settings file and mail straight into its SQLite store (already
 * migrated by the shell that created it; WAL lets this run beside it). The accounts point at a
 * closed loopback port and have no password, so sync fails at once and never touches the rows.
 * Restart the shell afterwards so it reads the new settings.
 */
export function seedAccounts(profileDir: string, accounts: readonly SeedAccount[]): void {
  const path = join(profileDir, 'settings.json');
  const settings: Record<string, unknown> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const example = channelExamples['accounts:get'].output;
  settings.accounts = accounts.map((a): Account => ({
    ...example,
    id: a.id,
    displayName: a.name,
    includeInUnified: a.includeInUnified,
    incoming: { ...example.incoming, host: '127.0.0.1', port: 1, security: 'implicit' },
    outgoing: { ...example.outgoing, host: '127.0.0.1', port: 1 },
  }));
  writeFileSync(path, JSON.stringify(settings, null, 2));
}

export function openProfileStore(profileDir: string): Database.Database {
  const db = new Database(join(profileDir, STORE_FILE));
  db.pragma('busy_timeout = 10000');
  // Seeded messages go through the search-index triggers, which call the app's SQL functions.
  registerSearchFunctions(db);
  return db;
}

export function addMailbox(
  db: Database.Database,
  mailbox: { id: string; accountId: string; path: string; name: string; parentId?: string; specialUse?: string },
): void {
  db.prepare(
    `INSERT INTO mailboxes (id, account_id, path, name, parent_id, special_use, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')`,
  ).run(
    mailbox.id,
    mailbox.accountId,
    mailbox.path,
    mailbox.name,
    mailbox.parentId ?? null,
    mailbox.specialUse ?? null,
  );
}

const SENDERS = ['Grace Hopper', 'Alan Turing', 'Ada Lovelace', 'Edsger Dijkstra', 'Barbara Liskov'];

/** `count` messages, "Message 0" oldest; every `threadSize` consecutive ones form a conversation. */
export function addMessages(
  db: Database.Database,
  options: { accountId: string; mailboxId: string; count: number; prefix: string; threadSize?: number },
): void {
  const insert = db.prepare(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, snippet, unread,
                           flagged, has_attachments, thread_id, flags)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2025, 0, 1);
  const size = options.threadSize ?? 1;
  db.transaction(() => {
    for (let i = 0; i < options.count; i += 1) {
      const sender = SENDERS[i % SENDERS.length] ?? 'Someone';
      const unread = i % 2;
      const flagged = i % 7 === 0 ? 1 : 0;
      // The IMAP flags agree with the columns, as sync stores them.
      const flags = [...(unread ? [] : ['\\Seen']), ...(flagged ? ['\\Flagged'] : [])];
      insert.run(
        `${options.prefix}-${i}`,
        options.accountId,
        options.mailboxId,
        `${options.prefix} message ${i}`,
        sender,
        `${sender.split(' ')[0]?.toLowerCase()}@example.org`,
        new Date(start + i * 60_000).toISOString(),
        `Snippet of ${i}`,
        unread,
        flagged,
        i % 11 === 0 ? 1 : 0,
        size > 1 ? `${options.prefix}-thread-${Math.floor(i / size)}` : null,
        JSON.stringify(flags),
      );
    }
  })();
}
