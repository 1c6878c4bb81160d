import { describe, expect, it } from 'vitest';
import { pipelined } from '../../../main/mail/pop3/pipeline';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('pipelined batches', () => {
  it('keeps at most `window` commands in flight and hands replies over in command order', async () => {
    const replies = Array.from({ length: 6 }, () => deferred<string>());
    const sent: number[] = [];
    const handled: number[] = [];
    let maxOutstanding = 0;
    const run = pipelined(
      6,
      3,
      (i) => {
        sent.push(i);
        maxOutstanding = Math.max(maxOutstanding, sent.length - handled.length);
        return (replies[i] as Deferred<string>).promise;
      },
      (i, outcome) => {
        expect(outcome).toEqual({ ok: true, value: `r${i}` });
        handled.push(i);
      },
    );
    await tick();
    expect(sent).toEqual([0, 1, 2]);
    // Replies resolve out of order; handling still follows command order.
    replies[2]?.resolve('r2');
    replies[1]?.resolve('r1');
    await tick();
    expect(handled).toEqual([]);
    replies[0]?.resolve('r0');
    await tick();
    expect(handled).toEqual([0, 1, 2]);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [i, reply] of replies.entries()) if (i > 2) reply.resolve(`r${i}`);
    await run;
    expect(handled).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxOutstanding).toBe(3);
  });

  it('window 1 is strictly sequential: each command waits for the previous reply to be handled', async () => {
    const events: string[] = [];
    await pipelined(
      3,
      1,
      async (i) => {
        events.push(`send ${i}`);
        await tick();
        return i;
      },
      (i) => void events.push(`handle ${i}`),
    );
    expect(events).toEqual(['send 0', 'handle 0', 'send 1', 'handle 1', 'send 2', 'handle 2']);
  });

  it('passes failed replies to the handler and stops sending when the handler throws', async () => {
    const sent: number[] = [];
    const seen: boolean[] = [];
    const run = pipelined(
      10,
      2,
      (i) => {
        sent.push(i);
        return i === 1 ? Promise.reject(new Error('-ERR one')) : Promise.resolve(i);
      },
      (i, outcome) => {
        seen.push(outcome.ok);
        if (i === 3) throw new Error('disk full');
      },
    );
    await expect(run).rejects.toThrow('disk full');
    expect(seen).toEqual([true, false, true, true]);
    expect(Math.max(...sent)).toBeLessThanOrEqual(4);
  });
});

describe('pipelined batches with a byte budget', () => {
  it('keeps the expected reply bytes in flight under the budget, but always lets one command go', async () => {
    const weights = [5, 5, 20, 1, 1, 1];
    const sent: number[] = [];
    const handled: number[] = [];
    let maxWeight = 0;
    await pipelined(
      weights.length,
      10,
      async (i) => {
        sent.push(i);
        const inFlight = sent.filter((j) => !handled.includes(j));
        const weight = inFlight.reduce((sum, j) => sum + (weights[j] ?? 0), 0);
        // A single command heavier than the budget alone is fine; otherwise stay within 10.
        if (inFlight.length > 1) maxWeight = Math.max(maxWeight, weight);
        await tick();
        return i;
      },
      (i) => void handled.push(i),
      { weight: (i) => weights[i] ?? 0, max: 10 },
    );
    expect(handled).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxWeight).toBeLessThanOrEqual(10);
    expect(maxWeight).toBeGreaterThan(0);
  });
});
