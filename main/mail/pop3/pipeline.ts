/**
 * Runs `count` commands with at most `window` in flight (RFC 2449 PIPELINING; window 1 is the
 * strictly sequential dialogue for servers without it). Replies arrive in command order, and
 * `handle` sees each one in that order, before the command `window` places later is sent, so
 * the window also bounds how many replies wait in memory.
 *
 * `send(i)` must write its command synchronously (Pop3Connection does) so the order on the wire
 * is the order of the calls. A failure of `handle` stops sending and is rethrown once every
 * command already sent has been answered; failed replies go to `handle` as errors.
 */
export async function pipelined<T>(
  count: number,
  window: number,
  send: (index: number) => Promise<T>,
  handle: (index: number, outcome: { ok: true; value: T } | { ok: false; error: unknown }) => Promise<void> | void,
  /** Also bounds the sum of `weight` (expected reply bytes) in flight; one command always may go. */
  budget?: { weight(index: number): number; max: number },
): Promise<void> {
  if (!Number.isInteger(window) || window < 1) throw new RangeError('window must be a positive integer');
  const inFlight: Promise<unknown>[] = [];
  const weights: number[] = [];
  const weight = (index: number): number => budget?.weight(index) ?? 0;
  const over = (index: number): boolean =>
    budget !== undefined && inFlight.length > 0 && weights.reduce((a, b) => a + b, 0) + weight(index) > budget.max;
  // A holder object: the handlers set it from callbacks, which flow analysis does not follow.
  const state: { failure: { error: unknown } | null } = { failure: null };
  for (let index = 0; index < count && !state.failure; index++) {
    while (inFlight.length >= window || over(index)) {
      weights.shift();
      await inFlight.shift();
    }
    if (state.failure) break;
    weights.push(weight(index));
    // Settled into a value at once, so a reply that fails while earlier ones are handled is never
    // an unhandled rejection.
    const reply = send(index).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const previous = inFlight.at(-1) ?? Promise.resolve();
    inFlight.push(
      Promise.all([reply, previous]).then(async ([outcome]) => {
        if (state.failure) return;
        try {
          await handle(index, outcome);
        } catch (error) {
          state.failure ??= { error };
        }
      }),
    );
  }
  await Promise.all(inFlight);
  if (state.failure) throw state.failure.error;
}
