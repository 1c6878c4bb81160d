import type { OutboxState } from '../../shared/model/outbox';
import type { WritableDb } from '../store/driver';
import { dueFilingRows, dueOutboxRows, getRaw, nextWakeAt, type OutboxRow } from './outbox-store';
import type { FilingSession, ResolvedTarget, SenderPort, SentFilerPort, SmtpTargetPort } from './ports';
import { filingDelayMs, FILING_MAX_ATTEMPTS, type RetryPolicy } from './retry-policy';
import { clearWaits, deferQueued, resolveFailure } from './runner-support';
import { claimForSending, finishAttempt, finishFiling, recoverInterrupted } from './transitions';

export interface OutboxRunnerDeps {
  db: WritableDb;
  now: () => Date;
  policy: RetryPolicy;
  /** The SMTP server, login and connection key for a message's account and identity. */
  resolveTarget(accountId: string, identityId: string): Promise<ResolvedTarget>;
  openSender(target: SmtpTargetPort): SenderPort;
  filer: SentFilerPort;
  /** This process, as stored in a sending message's lease. */
  owner: string;
  isAlive(owner: string): boolean;
  onChange(id: string, state: OutboxState): void;
  /** How long a claim holds before another process may call the attempt interrupted. */
  leaseMs?: number;
  /** Upper bound between passes, so messages queued by another process (the CLI) are noticed. */
  pollMs?: number;
}

export interface PassSummary {
  attempted: number;
  sent: number;
  filed: number;
  recovered: number;
}

/**
 * Drives the outbox: each pass recovers interrupted sends, sends what is due (one connection per
 * server, in queue order, servers side by side) and files what was sent. Between passes it sleeps
 * until the next moment something is due. Passes never overlap; a kick during one runs another.
 */
export class OutboxRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PassSummary> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: OutboxRunnerDeps) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Run a pass now (or right after the current one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pass().catch(() => undefined);
  }

  /** "Send now": nothing waits for its retry time or its undo delay (send-later stays put). */
  flush(): Promise<PassSummary> {
    clearWaits(this.deps.db, this.deps.now().toISOString());
    return this.pass();
  }

  /** Resolves once no pass is running (tests, CLI). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  pass(): Promise<PassSummary> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const run = this.runPass().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      } else this.schedule();
    });
    this.running = run;
    return run;
  }

  private async runPass(): Promise<PassSummary> {
    const { db } = this.deps;
    const now = this.deps.now().toISOString();
    const recovered = recoverInterrupted(db, (owner) => this.deps.isAlive(owner), now);
    for (const id of recovered) this.deps.onChange(id, 'uncertain');
    const groups = await this.group(dueOutboxRows(db, now));
    const results = await Promise.all(groups.map((group) => this.sendGroup(group)));
    const filed = await this.fileSent();
    return {
      attempted: results.reduce((sum, r) => sum + r.attempted, 0),
      sent: results.reduce((sum, r) => sum + r.sent, 0),
      filed,
      recovered: recovered.length,
    };
  }

  private async group(rows: OutboxRow[]): Promise<{ target: ResolvedTarget | Error; rows: OutboxRow[] }[]> {
    const groups = new Map<string, { target: ResolvedTarget | Error; rows: OutboxRow[] }>();
    // One lookup per identity and pass: it reads the password from the keychain or vault.
    const resolved = new Map<string, ResolvedTarget | Error>();
    for (const row of rows) {
      const identityKey = `${row.account_id}\n${row.identity_id}`;
      let target = resolved.get(identityKey);
      if (!target) {
        try {
          target = await this.deps.resolveTarget(row.account_id, row.identity_id);
        } catch (error) {
          target = error instanceof Error ? error : new Error(String(error));
        }
        resolved.set(identityKey, target);
      }
      const key = target instanceof Error ? `error:${row.id}` : target.key;
      const group = groups.get(key) ?? { target, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  private async sendGroup(group: {
    target: ResolvedTarget | Error;
    rows: OutboxRow[];
  }): Promise<{ attempted: number; sent: number }> {
    const { db, policy } = this.deps;
    let attempted = 0;
    let sent = 0;
    const sender = group.target instanceof Error ? null : this.deps.openSender(group.target.target);
    try {
      for (const row of group.rows) {
        if (this.stopped) break;
        const now = this.deps.now();
        const lease = {
          owner: this.deps.owner,
          until: new Date(now.getTime() + (this.deps.leaseMs ?? 600_000)).toISOString(),
        };
        const attempt = claimForSending(db, row.id, lease, now.toISOString());
        if (attempt === null) continue; // taken by another process, or cancelled meanwhile
        this.deps.onChange(row.id, 'sending');
        attempted++;
        const raw = getRaw(db, row.id);
        const { result, detail } =
          sender && raw
            ? await sender
                .send({ from: row.envelope_from, to: JSON.parse(row.envelope_to) as string[] }, raw)
                .then(({ outcome, attempt: record }) => ({
                  result: outcome,
                  detail: { ...record, failure: 'failure' in outcome ? outcome.failure : null },
                }))
            : resolveFailure(group.target instanceof Error ? group.target : new Error('The message bytes are missing'));
        const state = finishAttempt(db, { id: row.id, attempt, result, detail, now: this.deps.now(), policy });
        this.deps.onChange(row.id, state);
        if (state === 'sent') sent++;
        // The server is unreachable or refused the login: the rest of this group would fail the
        // same way, so it waits for the same retry time instead of each spending an attempt.
        if (result.kind === 'transient' && ['connect', 'tls', 'greeting', 'auth'].includes(result.failure.phase)) {
          const waiting = group.rows.slice(group.rows.indexOf(row) + 1).map((r) => r.id);
          const next = db.get<{ at: string | null }>('SELECT next_attempt_at AS at FROM outbox WHERE id = ?', [row.id]);
          if (next?.at) for (const id of deferQueued(db, waiting, next.at)) this.deps.onChange(id, 'queued');
          break;
        }
      }
    } finally {
      await sender?.close().catch(() => undefined);
    }
    return { attempted, sent };
  }

  private async fileSent(): Promise<number> {
    const due = dueFilingRows(this.deps.db, this.deps.now().toISOString());
    const byAccount = new Map<string, OutboxRow[]>();
    for (const row of due) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row]);
    let filed = 0;
    for (const [accountId, rows] of byAccount) filed += await this.fileAccount(accountId, rows);
    return filed;
  }

  private async fileAccount(accountId: string, rows: OutboxRow[]): Promise<number> {
    let session: FilingSession | null = null;
    let filed = 0;
    try {
      session = await this.deps.filer.open(accountId);
      for (const row of rows) {
        if (this.stopped) break;
        const raw = getRaw(this.deps.db, row.id);
        if (!raw) continue;
        try {
          const how = await session.file({ raw, messageId: row.message_id, sentAt: row.sent_at ?? row.updated_at });
          finishFiling(this.deps.db, row.id, { kind: how }, this.deps.now().toISOString());
          filed++;
          this.deps.onChange(row.id, 'filed');
        } catch (error) {
          this.filingFailed(row, error);
        }
      }
    } catch (error) {
      // Could not reach the account's Sent folder at all: every waiting copy tries again later.
      for (const row of rows) this.filingFailed(row, error);
    } finally {
      await session?.close().catch(() => undefined);
    }
    return filed;
  }

  private filingFailed(row: OutboxRow, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = row.filing_attempts + 1;
    const now = this.deps.now();
    finishFiling(
      this.deps.db,
      row.id,
      attempts >= FILING_MAX_ATTEMPTS
        ? { kind: 'failed', error: message }
        : { kind: 'retry', error: message, nextAt: new Date(now.getTime() + filingDelayMs(attempts)).toISOString() },
      now.toISOString(),
    );
    this.deps.onChange(row.id, 'sent');
  }

  private schedule(): void {
    if (this.stopped) return;
    const at = nextWakeAt(this.deps.db);
    const poll = this.deps.pollMs ?? 30_000;
    const wait = at === null ? poll : Math.min(poll, Math.max(0, Date.parse(at) - this.deps.now().getTime()));
    this.timer = setTimeout(() => this.kick(), wait + 10);
    this.timer.unref();
  }
}
