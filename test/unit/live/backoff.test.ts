import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../main/sync/live/backoff';

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the step', () => {
    const low = [1, 2, 3, 4].map((n) => backoffDelay(n, { baseMs: 1_000, random: () => 0 }));
    const high = [1, 2, 3, 4].map((n) => backoffDelay(n, { baseMs: 1_000, random: () => 1 }));
    expect(low).toEqual([500, 1_000, 2_000, 4_000]);
    expect(high).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the cap (5 minutes by default), however many attempts failed', () => {
    expect(backoffDelay(50, { random: () => 1 })).toBe(300_000);
    expect(backoffDelay(1_000, { baseMs: 10, capMs: 60, random: () => 0.5 })).toBe(45);
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
