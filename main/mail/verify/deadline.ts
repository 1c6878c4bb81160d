export type StopReason = 'timeout' | 'cancelled';

/** Thrown into a verification that ran out of time or was cancelled. */
export class StoppedError extends Error {
  constructor(readonly reason: StopReason) {
    super(reason === 'timeout' ? 'timed out' : 'cancelled');
  }
}

/**
 * One time budget for a whole verification plus the caller's AbortSignal. When either ends it,
 * the registered cleanups run (closing sockets and clients, so nothing keeps talking to the
 * server) and every `race` rejects at once with StoppedError.
 */
export class Deadline {
  private stopped: StopReason | null = null;
  private readonly cleanups: (() => void)[] = [];
  private readonly waiters: ((error: StoppedError) => void)[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly endsAt: number;
  private readonly onAbort = (): void => this.stop('cancelled');

  constructor(
    readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.endsAt = Date.now() + timeoutMs;
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted) this.stop('cancelled');
  }

  get reason(): StopReason | null {
    return this.stopped;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  /** Runs `cleanup` when the deadline stops the verification (at once if it already has). */
  onStop(cleanup: () => void): void {
    if (this.stopped) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** `work`, unless the deadline stops first; `work`'s later rejection is then ignored. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.stopped) {
      work.catch(() => undefined);
      return Promise.reject(new StoppedError(this.stopped));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiters.push(reject);
      work.then(resolve, reject);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  private stop(reason: StopReason): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.dispose();
    const error = new StoppedError(reason);
    for (const reject of this.waiters.splice(0)) reject(error);
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // A cleanup that fails (a socket already gone) must not keep the others from running.
      }
    }
  }
}
