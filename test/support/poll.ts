import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  what: string;
  /** Checked before each attempt: a reason to stop waiting at once (e.g. the server exited). */
  abort?: () => Error | undefined;
}

/**
 * Calls `attempt` until it returns a value other than undefined (or stops throwing) and returns
 * that value. On timeout the last error is attached, since it usually says why.
 */
export async function pollUntil<T>(attempt: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const abort = options.abort?.();
    if (abort) throw abort;
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${reason}`, {
        cause: lastError,
      });
    }
    await sleep(options.intervalMs ?? 25);
  }
}
