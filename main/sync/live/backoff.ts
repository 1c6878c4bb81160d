export interface BackoffOptions {
  /** First retry waits about this long. */
  baseMs?: number;
  /** No wait is ever longer (a server back after an outage is noticed within this). */
  capMs?: number;
  /** Injected so tests get fixed delays. */
  random?: () => number;
}

export const DEFAULT_BACKOFF_BASE_MS = 1_000;
export const DEFAULT_BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with "equal jitter": half the exponential step fixed, half random. The
 * random half spreads reconnects of many clients after a server restart; the fixed half keeps a
 * retry from landing immediately after a failure.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const cap = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
  const random = options.random ?? Math.random;
  const step = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
