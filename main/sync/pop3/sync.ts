import type { Account } from '../../../shared/model/account';
import type { Pop3Client } from '../../mail/pop3/client';
import { Pop3AuthError, Pop3ServerError, Pop3StlsUnavailableError } from '../../mail/pop3/errors';
import type { TlsTrust } from '../../mail/tls/options';
import { BlobStoreError } from '../../store/blobs/blob-store';
import type { WritableDb } from '../../store/driver';
import { makeDurable } from '../../store/durability';
import type { RawStore } from '../ports';
import { headerKeys } from './header-key';
import { joinListing, planDeletions, planRetrieval, policyMayDelete, type ServerMessage } from './plan';
import { openPop3Account } from './session';
import { issueOf } from './issues';
import { parseStored } from './parse-stored';
import { retrieve } from './retrieve';
import { Pop3SpoolError, sweepSpools, syncSpools } from './spool';
import { ensureLocalFolders, knownMessages, markDeletedFromServer, type ParsedForStore } from './store';

export interface Pop3SyncDeps {
  db: WritableDb;
  /** Raw bytes: the parse moves each downloaded message here, with the row that lists it. */
  raw: RawStore;
  /** Where downloads are spooled until parsed (spoolDirFor(database path) in the app). */
  spoolDir: string;
  /** Parses stored messages (phase 2). May take ownership of the bytes it is given. */
  parser: { parse(raw: Uint8Array): Promise<ParsedForStore> };
  /** The incoming password (readPasswords(secrets, account).incoming in the app). */
  password(account: Account): Promise<string | null>;
  trust?: TlsTrust;
  now?: () => Date;
  timeoutMs?: number;
  pipelineWindow?: number;
  /** Larger messages are left on the server and reported; default 100 MB. */
  maxMessageBytes?: number;
  /** Bytes received before they are committed (else after 50 ms); default 1 MB. */
  commitBytes?: number;
}

/** `retrieve`: downloading and storing; `parse`: parsing and listing. */
export type Pop3SyncPhase = 'connect' | 'list' | 'retrieve' | 'delete' | 'parse' | 'done';

export interface Pop3SyncOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { phase: Pop3SyncPhase; done: number; total: number }) => void;
  /** New messages are listed in this mailbox (their rows come with the parse, in batches). */
  onListed?: (mailboxId: string) => void;
}

export interface Pop3SyncIssue {
  kind: 'auth' | 'security' | 'connection' | 'aborted' | 'message' | 'too-large' | 'delete' | 'store' | 'parse';
  /** The message's key, for per-message issues. */
  uidl: string | null;
  message: string;
  /** The server's own words (a `-ERR` line), when it said something. */
  serverText: string | null;
}

export interface Pop3SyncResult {
  accountId: string;
  /** False when the run ended early (login, connection, abort); per-message issues leave it true. */
  ok: boolean;
  inboxId: string;
  /** Messages downloaded and committed (raw bytes and UIDL row): safe here, listed once parsed. */
  retrieved: number;
  /** Bodies parsed in this run (phase 2): this run's and any a previous run left unparsed. */
  parsed: number;
  skipped: number;
  deletedFromServer: number;
  errors: Pop3SyncIssue[];
  /** retrieveMs ends when every retrieved message is committed; parseMs is phase 2. */
  timings: {
    connectMs: number;
    listMs: number;
    retrieveMs: number;
    deleteMs: number;
    parseMs: number;
    totalMs: number;
  };
}

export const DEFAULT_POP3_MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

function fatalKind(error: unknown, signal: AbortSignal | undefined): Pop3SyncIssue['kind'] {
  if (signal?.aborted) return 'aborted';
  if (error instanceof Pop3AuthError) return 'auth';
  if (error instanceof Pop3StlsUnavailableError) return 'security';
  // Failing to save here (a full disk, the database) is not the server's fault: say so.
  if (
    error instanceof BlobStoreError ||
    error instanceof Pop3SpoolError ||
    (error instanceof Error && error.name === 'SqliteError')
  )
    return 'store';
  return 'connection';
}

/**
 * One POP3 check of an account (DESIGN §7): log in, diff UIDL against `pop3_messages`, retrieve
 * what is new (newest first), apply the deletion policy, QUIT, then parse what was stored into the
 * local Inbox. Each message's bytes are in its spool file before its UIDL row commits (see
 * spooled-commit.ts), DELE goes only to committed messages once they are durable, and
 * `deleted_from_server_at` is written only after QUIT said `+OK`.
 * Never throws for what the server or the network does: those end up in `errors`.
 */
export async function syncPop3Account(
  deps: Pop3SyncDeps,
  account: Account,
  options: Pop3SyncOptions = {},
): Promise<Pop3SyncResult> {
  const now = deps.now ?? (() => new Date());
  const started = performance.now();
  const mark = { at: started };
  const lap = (): number => {
    const at = performance.now();
    const ms = at - mark.at;
    mark.at = at;
    return Math.round(ms);
  };
  const result: Pop3SyncResult = {
    accountId: account.id,
    ok: true,
    inboxId: ensureLocalFolders(deps.db, account.id),
    retrieved: 0,
    parsed: 0,
    skipped: 0,
    deletedFromServer: 0,
    errors: [],
    timings: { connectMs: 0, listMs: 0, retrieveMs: 0, deleteMs: 0, parseMs: 0, totalMs: 0 },
  };
  const progress = options.onProgress ?? (() => undefined);
  const finish = async (): Promise<Pop3SyncResult> => {
    // Phase 2, also after a failed connection: bodies stored by this or an earlier run are parsed
    // locally; after an abort they wait for the next run.
    if (!options.signal?.aborted) {
      lap();
      try {
        await parseStored({
          deps,
          accountId: account.id,
          result,
          progress,
          onListed: options.onListed ?? (() => undefined),
          signal: options.signal,
        });
      } catch (error) {
        result.ok = false;
        result.errors.push(issueOf(error, error instanceof Error && error.name === 'SqliteError' ? 'store' : 'parse'));
      }
      result.timings.parseMs = lap();
    }
    // Spool files whose messages are all listed now (this run's, or a crashed run's) go.
    await sweepSpools(deps.spoolDir, () => spooledFiles(deps.db, null)).catch(() => undefined);
    result.timings.totalMs = Math.round(performance.now() - started);
    progress({ phase: 'done', done: result.retrieved, total: result.retrieved });
    return result;
  };

  const password = await deps.password(account);
  if (password === null) {
    result.ok = false;
    result.errors.push({
      kind: 'auth',
      uidl: null,
      message: 'No password is saved for this account',
      serverText: null,
    });
    return finish();
  }

  progress({ phase: 'connect', done: 0, total: 0 });
  let opened;
  try {
    opened = await openPop3Account(account, password, deps, options.signal);
  } catch (error) {
    result.ok = false;
    result.errors.push(issueOf(error, fatalKind(error, options.signal)));
    return finish();
  }
  result.timings.connectMs = lap();
  const { client } = opened;
  try {
    progress({ phase: 'list', done: 0, total: 0 });
    const listing = serverMessages(client);
    listing.catch(() => undefined); // awaited below; if the store throws first, not unhandled
    // Read while LIST and UIDL are on the wire: the store's side of the diff costs no extra time.
    const known = knownMessages(deps.db, account.id);
    const server = await listing;
    result.timings.listMs = lap();

    const maxBytes = deps.maxMessageBytes ?? DEFAULT_POP3_MAX_MESSAGE_BYTES;
    const plan = planRetrieval(server, known, maxBytes);
    for (const message of plan.tooLarge) {
      result.skipped += 1;
      result.errors.push({
        kind: 'too-large',
        uidl: message.uidl,
        message: `Message ${message.number} is ${message.size} bytes, over the limit of ${maxBytes}; it stays on the server`,
        serverText: null,
      });
    }
    await retrieve({ deps, accountId: account.id, result, client, fetch: plan.fetch, maxBytes, now, progress });
    result.timings.retrieveMs = lap();

    const deletions = policyMayDelete(account.pop3)
      ? await durableDeletions(
          deps,
          account.id,
          result,
          planDeletions(account.pop3, server, knownMessages(deps.db, account.id), now()),
        )
      : [];
    const deleted: string[] = [];
    const uidlOf = new Map(deletions.map((d) => [d.message.number, d.message.uidl]));
    progress({ phase: 'delete', done: 0, total: deletions.length });
    await client.deleMany(
      deletions.map((d) => d.message.number),
      (number, outcome) => {
        const uidl = uidlOf.get(number) ?? null;
        if (outcome.ok) {
          if (uidl) deleted.push(uidl);
        } else if (outcome.error instanceof Pop3ServerError) {
          // One refused DELE (a message another client removed, a server policy) is reported; the rest go on.
          result.errors.push(issueOf(outcome.error, 'delete', uidl));
        } else {
          throw outcome.error;
        }
      },
    );
    // DELE takes effect only at a QUIT answered +OK (RFC 1939 §6); before that, nothing is marked.
    await client.quit();
    if (deleted.length > 0) markDeletedFromServer(deps.db, account.id, deleted, now().toISOString());
    result.deletedFromServer = deleted.length;
    result.timings.deleteMs = lap();
  } catch (error) {
    result.ok = false;
    result.errors.push(issueOf(error, fatalKind(error, options.signal)));
    client.connection.close();
  } finally {
    opened.release();
  }
  return finish();
}

/**
 * DELE cannot be undone, and a commit under WAL with synchronous=NORMAL survives a crash but not
 * a power cut: before deleting anything from the server, every commit so far is made durable, and
 * so are the spool files holding messages not parsed yet. When that cannot be confirmed, nothing
 * is deleted this time (reported, retried next run).
 */
async function durableDeletions<T>(
  deps: Pop3SyncDeps,
  accountId: string,
  result: Pop3SyncResult,
  deletions: T[],
): Promise<T[]> {
  if (deletions.length === 0) return deletions;
  const spooled = [...spooledFiles(deps.db, accountId)];
  if ((await syncSpools(deps.spoolDir, spooled)) && makeDurable(deps.db)) return deletions;
  result.errors.push({
    kind: 'delete',
    uidl: null,
    message:
      'Messages were not deleted from the server this time: the local store could not confirm they are safely on disk',
    serverText: null,
  });
  return [];
}

/** Spool files UIDL rows still name (of one account, or of all). */
function spooledFiles(db: WritableDb, accountId: string | null): Set<string> {
  const rows = db.all<{ spool: string }>(
    `SELECT DISTINCT spool FROM pop3_messages WHERE spool IS NOT NULL${accountId === null ? '' : ' AND account_id = ?'}`,
    accountId === null ? [] : [accountId],
  );
  return new Set(rows.map((row) => row.spool));
}

/** LIST joined with UIDL, or with header hashes (TOP n 0) when the server has no UIDL. */
async function serverMessages(client: Pop3Client): Promise<ServerMessage[]> {
  const { list, uidl } = await client.listAndUidl();
  if (uidl) return joinListing(list, uidl);
  const headers: { number: number; headers: Buffer }[] = [];
  await client.topMany(
    list.map((entry) => entry.number),
    0,
    (number, outcome) => {
      if (!outcome.ok) throw outcome.error;
      headers.push({ number, headers: outcome.value });
    },
  );
  return joinListing(list, headerKeys(headers));
}
