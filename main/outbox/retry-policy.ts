/** When to try again after a transient failure, and when to stop trying. */
export interface RetryPolicy {
  /** Delay before attempt `failedAttempts + 1`. */
  delayMs(failedAttempts: number): number;
  /** Counted from the first attempt: after this a transient failure becomes `failed`. */
  giveUpAfterMs: number;
}

/**
 * 1, 2, 4 … minutes, then hourly: quick enough for greylisting (which usually clears within
 * 5–15 minutes) and a dropped Wi-Fi, gentle on a server that is down, and giving up after a
 * day as mail servers themselves do with a bounce.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delayMs: (failedAttempts) => Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 60 * 60_000),
  giveUpAfterMs: 24 * 60 * 60_000,
};

/** Filing into Sent is retried on its own schedule and never causes a resend. */
export const FILING_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000];
export const FILING_MAX_ATTEMPTS = 12;

export function filingDelayMs(failedAttempts: number): number {
  return FILING_RETRY_DELAYS_MS[Math.min(failedAttempts - 1, FILING_RETRY_DELAYS_MS.length - 1)] ?? 3_600_000;
}
