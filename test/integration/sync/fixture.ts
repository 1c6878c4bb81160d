import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll } from 'vitest';
import { harnessAccount } from '../../support/harness-account';
import { harnessImapClient } from '../../support/imap-client';
import type { Account } from '../../../shared/model/account';
import type { SqlDriver } from '../../../main/store/driver';
import { openStore } from '../../../main/store/open-store';
import { syncAccount, type AccountSyncDeps, type SyncEvents } from '../../../main/sync/account-sync';
import { createParserPool } from '../../../main/mail/mime/parser-pool';
import { createBlobStore } from '../../../main/store/blobs/blob-store';
import { createRawMessageStore, type RawMessageStore } from '../../../main/store/raw-messages';
import { createThreadWriter } from '../../../main/sync/writer/thread-writer';
import type { MailServers, TestUser } from '../../support/mail-servers';
import type { AccountSyncSummary } from '../../../shared/model/sync';

/** Kept under its old name for the sync, live and action tests. */
export const accountFor = harnessAccount;

export interface Recorded {
  commands: string[];
  changed: string[];
  statuses: string[];
  notices: string[];
}

export interface SyncRig {
  db: SqlDriver;
  profileDir: string;
  recorded: Recorded;
  deps: AccountSyncDeps;
  /** The stored raw messages (read side). */
  raw: RawMessageStore;
  sync(account: Account, password: string | null): Promise<AccountSyncSummary>;
  close(): Promise<void>;
}

/**
 * A store in `profileDir` and sync dependencies that trust the harness CA and record events. Bulk
 * writes go through the writer thread, as in the app's sync:run.
 */
export function syncRig(servers: MailServers, profileDir: string, extra: Partial<AccountSyncDeps> = {}): SyncRig {
  const store = openStore(profileDir);
  const pool = createParserPool();
  const writer = createThreadWriter(store.db);
  const recorded: Recorded = { commands: [], changed: [], statuses: [], notices: [] };
  const events: SyncEvents = {
    progress: () => undefined,
    status: (s) => recorded.statuses.push(s.state),
    mailboxChanged: (_a, mailboxId) => recorded.changed.push(mailboxId),
    notice: (_a, message) => recorded.notices.push(message),
  };
  const deps: AccountSyncDeps = {
    db: store.db,
    parser: pool,
    writer,
    events,
    session: { trust: { extraCa: [servers.tls.ca] }, onCommand: (name) => recorded.commands.push(name) },
    ...extra,
  };
  return {
    db: store.db,
    profileDir,
    recorded,
    deps,
    raw: createRawMessageStore(store.db, createBlobStore(`${profileDir}/blobs`)),
    sync: (account, password) => syncAccount(deps, account, password),
    close: async () => {
      await Promise.all([pool.close(), writer.close()]);
      store.close();
    },
  };
}

/** Rigs in fresh profiles named after `prefix`, closed and removed after the file's tests. */
export function rigMaker(servers: MailServers, prefix: string): (extra?: Partial<AccountSyncDeps>) => SyncRig {
  const profiles: string[] = [];
  const rigs: SyncRig[] = [];
  afterAll(async () => {
    for (const rig of rigs) await rig.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  });
  return (extra = {}) => {
    const profile = mkdtempSync(join(tmpdir(), prefix));
    profiles.push(profile);
    const rig = syncRig(servers, profile, extra);
    rigs.push(rig);
    return rig;
  };
}

/** "Another client": a plain imapflow connection as the same user. */
export async function otherClient(servers: MailServers, user: TestUser): Promise<ImapFlow> {
  const client = harnessImapClient(servers, user);
  await client.connect();
  return client;
}

export function rawMessage(n: number, extra: { subject?: string; date?: string; headers?: string } = {}): string {
  const date = extra.date ?? new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toUTCString().replace('GMT', '+0000');
  return [
    `From: "Sender ${n}" <sender${n}@example.test>`,
    'To: rcpt@example.test',
    `Subject: ${extra.subject ?? `Message ${n}`}`,
    `Date: ${date}`,
    `Message-ID: <msg-${n}@example.test>`,
    ...(extra.headers ? [extra.headers] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of message ${n}.`,
    '',
  ].join('\r\n');
}

export interface MessageRowView {
  uid: number;
  subject: string;
  from_address: string | null;
  unread: number;
  flagged: number;
  flags: string;
  body_state: string;
  raw_hash: string | null;
  snippet: string;
  thread_id: string | null;
  date: string;
}

export function rowsOf(db: SqlDriver, accountId: string, path: string): MessageRowView[] {
  return db.all<MessageRowView>(
    `SELECT msg.uid, msg.subject, msg.from_address, msg.unread, msg.flagged, msg.flags, msg.body_state,
            msg.raw_hash, msg.snippet, msg.thread_id, msg.date
       FROM messages msg JOIN mailboxes mbx ON mbx.id = msg.mailbox_id
      WHERE mbx.account_id = ? AND mbx.path = ? ORDER BY msg.uid`,
    [accountId, path],
  );
}
