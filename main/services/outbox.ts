import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Account } from '../../shared/model/account';
import type { DraftContent, OutboxDetails, OutboxItem } from '../../shared/model/outbox';
import { readPasswords, secretKeys } from '../accounts/credentials';
import { openImapSession } from '../mail/imap/session';
import { openSmtpSender } from '../mail/smtp/sender';
import { buildRawMessage } from '../outbox/compose-raw';
import { createSentFiler } from '../outbox/filing';
import { toOutboxDetails, toOutboxItem } from '../outbox/items';
import { attemptRows, getOutboxRow, insertOutboxItem, listOutboxRows, newOutboxItem } from '../outbox/outbox-store';
import type { ResolvedTarget, SenderPort, SentFilerPort, SmtpTargetPort } from '../outbox/ports';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../outbox/retry-policy';
import { OutboxRunner, type PassSummary } from '../outbox/runner';
import { cancelToDraft, markSent, recoverInterrupted, retryNow } from '../outbox/transitions';
import type { WritableDb } from '../store/driver';
import { rememberSmtpSizeLimit } from '../store/smtp-size-limits';
import type { AppContext } from './context';
import { rawStore } from './sync';

/** What a composition root may set for the outbox (tests: the harness CA, quick retries). */
export interface OutboxOptions {
  extraCa?: readonly string[];
  policy?: RetryPolicy;
  pollMs?: number;
  leaseMs?: number;
  timeoutMs?: number;
  openSender?: (target: SmtpTargetPort) => SenderPort;
  filer?: SentFilerPort;
}

/** Finished messages stay in the outbox view this long, so "sent" can be seen and inspected. */
const KEEP_FILED_MS = 24 * 60 * 60_000;

function isAlive(owner: string): boolean {
  const pid = Number(owner.split(':')[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — alive as far as a lease is concerned.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function accountOf(ctx: AppContext, accountId: string): Account {
  const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
  if (!account) throw new AppError('not_found', 'The account of this message no longer exists.');
  return account;
}

async function resolveTarget(ctx: AppContext, accountId: string, identityId: string): Promise<ResolvedTarget> {
  const account = accountOf(ctx, accountId);
  const identity = account.identities.find((i) => i.id === identityId) ?? account.identities[0];
  if (!identity) throw new AppError('not_found', 'The sender identity of this message no longer exists.');
  const server = identity.smtp ?? account.outgoing;
  // "Same username and password as incoming" means the incoming login, as setup verified it.
  const username =
    !identity.smtp && account.outgoing.sameCredentialsAsIncoming ? account.incoming.username : server.username;
  const password = identity.smtp
    ? await ctx.secrets.get(secretKeys.identitySmtp(identity.id))
    : (await readPasswords(ctx.secrets, account)).outgoing;
  if (password === null) {
    throw new AppError('not_found', `No saved SMTP password for ${account.displayName}; edit the account to enter it.`);
  }
  const options = ctx.outbox ?? {};
  return {
    key: `${server.host}:${server.port}:${username}`,
    target: {
      server,
      username,
      password,
      ...(options.extraCa ? { extraCa: options.extraCa } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      // An IP literal, not this machine's name: the EHLO name ends up in Received headers.
      clientName: '[127.0.0.1]',
      onSizeLimit: (limit) => rememberSmtpSizeLimit(ctx.store.db, server, limit),
    },
  };
}

const runners = new WeakMap<AppContext, OutboxRunner>();

/** The context's one runner; created on first use, so a CLI listing never opens a connection. */
export function outboxRunner(ctx: AppContext): OutboxRunner {
  let runner = runners.get(ctx);
  if (runner) return runner;
  const options = ctx.outbox ?? {};
  const db = ctx.store.db;
  runner = new OutboxRunner({
    db,
    now: () => new Date(),
    policy: options.policy ?? DEFAULT_RETRY_POLICY,
    resolveTarget: (accountId, identityId) => resolveTarget(ctx, accountId, identityId),
    openSender: options.openSender ?? ((target) => openSmtpSender(target)),
    filer:
      options.filer ??
      createSentFiler({
        db,
        raw: rawStore(ctx),
        account: (accountId) => accountOf(ctx, accountId),
        openImap: async (account) =>
          openImapSession(account, (await readPasswords(ctx.secrets, account)).incoming, ctx.sync?.session ?? {}),
      }),
    owner: `${ctx.shell}:${process.pid}`,
    isAlive,
    onChange: (id, state) => ctx.bus.emit('outbox:changed', { id, state }),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  runners.set(ctx, runner);
  return runner;
}

/** Lets a running pass finish and stops the timer; nothing to do when no runner was made. */
export async function stopOutbox(ctx: AppContext): Promise<void> {
  await runners.get(ctx)?.stop();
}

export interface QueueOptions {
  /** Send-later time; null sends after the undo delay. */
  sendAt: string | null;
  /** Seconds the user can still cancel; the CLI has no undo and passes 0. */
  undoSeconds: number;
  /** What undo gives back instead of `draft` itself (drafts:send stores the whole draft). */
  draftJson?: string;
  /** Runs in the transaction that stores the message (drafts:send deletes the draft there). */
  alongside?: (tx: WritableDb) => void;
}

/** Builds the message once and writes it to the outbox before anything touches the network. */
export async function queueMessage(ctx: AppContext, draft: DraftContent, options: QueueOptions): Promise<OutboxItem> {
  const account = accountOf(ctx, draft.accountId);
  const identity = account.identities.find((i) => i.id === draft.identityId);
  if (!identity) throw new AppError('not_found', 'That sender identity does not exist on this account.');
  const now = new Date();
  const built = await buildRawMessage(draft, identity, now);
  const later = options.sendAt !== null;
  if (later && Number.isNaN(Date.parse(options.sendAt ?? ''))) {
    throw new AppError('invalid_input', 'The send-later time is not a valid date and time.');
  }
  const sendAt = later ? new Date(options.sendAt ?? '') : new Date(now.getTime() + options.undoSeconds * 1000);
  const id = randomUUID();
  insertOutboxItem(
    ctx.store.db,
    newOutboxItem(built, {
      id,
      accountId: account.id,
      identityId: identity.id,
      state: later || options.undoSeconds > 0 ? 'scheduled' : 'queued',
      draftJson: options.draftJson ?? JSON.stringify(draft),
      createdAt: now.toISOString(),
      sendAt: sendAt.toISOString(),
      sendLater: later,
    }),
    options.alongside,
  );
  const item = outboxItem(ctx, id);
  ctx.bus.emit('outbox:changed', { id, state: item.state });
  outboxRunner(ctx).kick();
  return item;
}

export function outboxItem(ctx: AppContext, id: string): OutboxItem {
  const row = getOutboxRow(ctx.store.db, id);
  if (!row) throw new AppError('not_found', 'That message is not in the outbox.');
  return toOutboxItem(row);
}

export function listOutbox(ctx: AppContext): OutboxItem[] {
  // A send cut off by a process that is gone is shown for what it is, even before a pass runs.
  recoverInterrupted(ctx.store.db, isAlive, new Date().toISOString());
  return listOutboxRows(ctx.store.db, new Date(Date.now() - KEEP_FILED_MS).toISOString()).map(toOutboxItem);
}

export function outboxDetails(ctx: AppContext, id: string): OutboxDetails {
  const row = getOutboxRow(ctx.store.db, id);
  if (!row) throw new AppError('not_found', 'That message is not in the outbox.');
  return toOutboxDetails(row, attemptRows(ctx.store.db, id));
}

export function cancelOutbox(ctx: AppContext, id: string): { draftId: string } {
  const draftId = cancelToDraft(ctx.store.db, id, new Date().toISOString());
  ctx.bus.emit('outbox:changed', { id, state: 'cancelled' });
  ctx.bus.emit('drafts:changed', { id: draftId, change: 'saved' });
  return { draftId };
}

export function retryOutbox(ctx: AppContext, id: string): OutboxItem {
  retryNow(ctx.store.db, id, new Date().toISOString());
  ctx.bus.emit('outbox:changed', { id, state: 'queued' });
  outboxRunner(ctx).kick();
  return outboxItem(ctx, id);
}

export function markOutboxSent(ctx: AppContext, id: string): OutboxItem {
  markSent(ctx.store.db, id, new Date().toISOString());
  ctx.bus.emit('outbox:changed', { id, state: 'sent' });
  outboxRunner(ctx).kick();
  return outboxItem(ctx, id);
}

export function flushOutbox(ctx: AppContext): Promise<PassSummary> {
  return outboxRunner(ctx).flush();
}
