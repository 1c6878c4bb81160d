import type { Pop3Connection } from './connection';
import { Pop3ServerError } from './errors';
import {
  parseListing,
  parseListLine,
  parseStat,
  parseUidlLine,
  type Pop3Listing,
  type Pop3Stat,
  type Pop3UidlEntry,
} from './listing';
import { pipelined } from './pipeline';
import type { Pop3Capabilities } from './response';

/**
 * Commands in flight at once with PIPELINING. Small messages need many for the server always to
 * have work queued: 16 replies of a few KB are gone before the next commands arrive. The
 * connection sends commands in batches and keeps at least half of these queued at the server.
 * Memory is bounded by PIPELINE_BYTES when sizes are known (retrMany with LIST sizes, as sync
 * does), else by this many replies.
 */
export const DEFAULT_PIPELINE_WINDOW = 256;
/** Expected reply bytes (LIST sizes) in flight at most, besides the count window. */
export const PIPELINE_BYTES = 8 * 1024 * 1024;

export interface Pop3ClientOptions {
  /** From CAPA after login; PIPELINING there allows batches, else every command waits for its reply. */
  capabilities: Pop3Capabilities | null;
  pipelineWindow?: number;
}

export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function checkNumber(number: number): void {
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`Not a message number: ${number}`);
}

/**
 * The TRANSACTION-state commands of RFC 1939 on an authenticated connection. Every command has
 * the connection's timeout; `-ERR` rejects with Pop3ServerError carrying the server's text.
 */
export class Pop3Client {
  /** 1 without PIPELINING: strictly one command, then its reply. */
  readonly window: number;

  constructor(
    readonly connection: Pop3Connection,
    options: Pop3ClientOptions,
  ) {
    const pipelining = options.capabilities?.has('PIPELINING') ?? false;
    this.window = pipelining ? Math.max(1, options.pipelineWindow ?? DEFAULT_PIPELINE_WINDOW) : 1;
  }

  async stat(): Promise<Pop3Stat> {
    return parseStat((await this.connection.command('STAT')).text);
  }

  async list(): Promise<Pop3Listing[]> {
    return parseListing((await this.connection.multiline('LIST')).content.textLines(), parseListLine);
  }

  async listOne(number: number): Promise<Pop3Listing> {
    checkNumber(number);
    return parseListLine((await this.connection.command(`LIST ${number}`)).text);
  }

  /** All unique ids; null when the server has no UIDL (it answered `-ERR`). */
  async uidl(): Promise<Pop3UidlEntry[] | null> {
    try {
      return parseListing((await this.connection.multiline('UIDL')).content.textLines(), parseUidlLine);
    } catch (error) {
      if (error instanceof Pop3ServerError) return null;
      throw error;
    }
  }

  async uidlOne(number: number): Promise<Pop3UidlEntry> {
    checkNumber(number);
    return parseUidlLine((await this.connection.command(`UIDL ${number}`)).text);
  }

  /**
   * The message's exact bytes (dot-unstuffed, CRLF line ends). Past `maxBytes` the rest is read
   * and dropped and this rejects with Pop3TooLargeError, leaving the session usable.
   */
  async retr(number: number, maxBytes?: number): Promise<Buffer> {
    checkNumber(number);
    return (await this.connection.multiline(`RETR ${number}`, 'RETR', { maxBytes })).content.body();
  }

  /** The header block, the blank line, and the first `lines` body lines. */
  async top(number: number, lines: number, maxBytes?: number): Promise<Buffer> {
    checkNumber(number);
    if (!Number.isSafeInteger(lines) || lines < 0) throw new RangeError(`Not a line count: ${lines}`);
    return (await this.connection.multiline(`TOP ${number} ${lines}`, 'TOP', { maxBytes })).content.body();
  }

  /** Marks for deletion; the server deletes only at a QUIT it answers `+OK` (RFC 1939 §6). */
  async dele(number: number): Promise<void> {
    checkNumber(number);
    await this.connection.command(`DELE ${number}`);
  }

  async rset(): Promise<void> {
    await this.connection.command('RSET');
  }

  async noop(): Promise<void> {
    await this.connection.command('NOOP');
  }

  /** Resolves once the server said `+OK` to QUIT: only then are the DELEs of this session committed. */
  async quit(): Promise<void> {
    await this.connection.quit();
  }

  /**
   * RETR of many messages, pipelined when allowed; `handle` gets each outcome in order. With
   * `sizes` (from LIST), replies in flight are also kept under PIPELINE_BYTES, so a window of
   * big messages does not sit in memory at once.
   */
  retrMany(
    numbers: readonly number[],
    maxBytes: number | undefined,
    handle: (number: number, outcome: BatchOutcome<Buffer>) => Promise<void> | void,
    sizes?: ReadonlyMap<number, number>,
  ): Promise<void> {
    const budget = sizes && { weight: (i: number) => sizes.get(numbers[i] as number) ?? 0, max: PIPELINE_BYTES };
    return this.batch(numbers, (n) => this.retr(n, maxBytes), handle, budget);
  }

  topMany(
    numbers: readonly number[],
    lines: number,
    handle: (number: number, outcome: BatchOutcome<Buffer>) => Promise<void> | void,
  ): Promise<void> {
    return this.batch(numbers, (n) => this.top(n, lines), handle);
  }

  deleMany(
    numbers: readonly number[],
    handle: (number: number, outcome: BatchOutcome<void>) => Promise<void> | void,
  ): Promise<void> {
    return this.batch(numbers, (n) => this.dele(n), handle);
  }

  /** LIST and UIDL together (one round trip with PIPELINING). */
  async listAndUidl(): Promise<{ list: Pop3Listing[]; uidl: Pop3UidlEntry[] | null }> {
    if (this.window === 1) return { list: await this.list(), uidl: await this.uidl() };
    const [list, uidl] = await Promise.allSettled([this.list(), this.uidl()]);
    if (list.status === 'rejected') throw list.reason;
    if (uidl.status === 'rejected') throw uidl.reason;
    return { list: list.value, uidl: uidl.value };
  }

  private batch<T>(
    numbers: readonly number[],
    send: (number: number) => Promise<T>,
    handle: (number: number, outcome: BatchOutcome<T>) => Promise<void> | void,
    budget?: { weight(index: number): number; max: number },
  ): Promise<void> {
    return pipelined(
      numbers.length,
      this.window,
      (index) => send(numbers[index] as number),
      (index, outcome) => handle(numbers[index] as number, outcome),
      budget,
    );
  }
}
