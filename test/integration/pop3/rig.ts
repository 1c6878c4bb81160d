import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountSchema, type Account, type Pop3Options } from '../../../shared/model/account';
import { createParserPool } from '../../../main/mail/mime/parser-pool';
import { createBlobStore } from '../../../main/store/blobs/blob-store';
import type { SqlDriver } from '../../../main/store/driver';
import { openStore } from '../../../main/store/open-store';
import { createRawMessageStore, type RawMessageStore } from '../../../main/store/raw-messages';
import { spoolDirFor } from '../../../main/sync/pop3/spool';
import { syncPop3Account, type Pop3SyncDeps, type Pop3SyncResult } from '../../../main/sync/pop3/sync';

export interface Pop3Target {
  host: string;
  port: number;
  security: 'implicit' | 'starttls' | 'none';
  username: string;
  pinnedCertificate?: { fingerprint256: string; pem: string } | null;
}

export function pop3Account(id: string, target: Pop3Target, pop3: Partial<Pop3Options> = {}): Account {
  return AccountSchema.parse({
    id,
    displayName: id,
    incoming: { protocol: 'pop3', pinnedCertificate: null, ...target },
    outgoing: { host: target.host, port: 587, security: 'starttls', username: target.username },
    identities: [{ id: `id-${id}`, name: id, address: `${target.username}@example.test` }],
    pop3,
    insecureAcknowledged: target.security === 'none',
  });
}

export interface Pop3Rig {
  db: SqlDriver;
  /** Raw bytes as the app reads them (the raw_messages table, then older blob files). */
  raw: RawMessageStore;
  deps: Pop3SyncDeps;
  /** Moves the rig's clock (delete-after-N-days). */
  setNow(date: Date): void;
  sync(account: Account): Promise<Pop3SyncResult>;
  close(): Promise<void>;
}

export interface InboxRow {
  id: string;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  date: string;
  snippet: string;
  unread: number;
  body_state: string;
  raw_hash: string;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
  thread_id: string | null;
  size: number;
  body_text: string;
  has_attachments: number;
  attachments: string;
}

/** A fresh profile (store, blobs, parser pool) whose sync trusts `ca` and answers `password`. */
export function pop3Rig(password: string, extra: Partial<Pop3SyncDeps> = {}): Pop3Rig {
  const dir = mkdtempSync(join(tmpdir(), 'letterbox-pop3-'));
  const store = openStore(dir);
  const pool = createParserPool();
  const raw = createRawMessageStore(store.db, createBlobStore(join(dir, 'blobs')));
  let now: Date | null = null;
  const deps: Pop3SyncDeps = {
    db: store.db,
    raw,
    spoolDir: spoolDirFor(store.db.path),
    parser: pool,
    password: () => Promise.resolve(password),
    now: () => now ?? new Date(),
    timeoutMs: 5000,
    ...extra,
  };
  return {
    db: store.db,
    raw,
    deps,
    setNow: (date) => void (now = date),
    sync: (account) => syncPop3Account(deps, account),
    close: async () => {
      await pool.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function inboxRows(db: SqlDriver, accountId: string): InboxRow[] {
  return db.all<InboxRow>(
    `SELECT m.* FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
      WHERE b.account_id = ? AND b.special_use = 'inbox' ORDER BY m.subject`,
    [accountId],
  );
}

export function pop3Rows(
  db: SqlDriver,
  accountId: string,
): { uidl: string; message_id: string | null; deleted_from_server_at: string | null }[] {
  return db.all(
    'SELECT uidl, message_id, deleted_from_server_at FROM pop3_messages WHERE account_id = ? ORDER BY uidl',
    [accountId],
  );
}

/** A deterministic message; `n` makes subject, Message-ID and body unique. */
export function pop3Message(n: number, tag: string, extra: { headers?: string; body?: string } = {}): string {
  return [
    `From: "Sender ${n}" <sender${n}@example.test>`,
    'To: rcpt@example.test',
    `Subject: ${tag} ${String(n).padStart(3, '0')}`,
    `Date: ${new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${tag}-${n}@example.test>`,
    ...(extra.headers ? [extra.headers] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    extra.body ?? `Body of ${tag} message ${n}.`,
    '',
  ].join('\r\n');
}
