type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

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
  handle: (index: number, outcome: Outcome<T>) => Promise<void> | void,
  /** Also bounds the sum of `weight` (expected reply bytes) in flight; one command always may go. */
  budget?: { weight(index: number): number; max: number },
): Promise<void> {
  if (!Number.isInteger(window) || window < 1) throw new RangeError('window must be a positive integer');
  // Sent and not yet handled, oldest first. One loop hands them over in order and refills the
  // window after each: a few promises per command, which matters at thousands of small RETRs.
  const inFlight: { reply: Promise<Outcome<T>>; weight: number }[] = [];
  let weighed = 0;
  let next = 0;
  let failure: { error: unknown } | null = null;
  const fill = (): void => {
    while (next < count && inFlight.length < window) {
      const weight = budget?.weight(next) ?? 0;
      if (budget && inFlight.length > 0 && weighed + weight > budget.max) return;
      // Settled into a value at once, so a reply that fails while earlier ones are handled is
      // never an unhandled rejection.
      const reply = send(next).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      inFlight.push({ reply, weight });
      weighed += weight;
      next += 1;
    }
  };
  fill();
  for (let index = 0; inFlight.length > 0; index++) {
    const oldest = inFlight.shift() as (typeof inFlight)[number];
    weighed -= oldest.weight;
    const outcome = await oldest.reply;
    if (failure) continue;
    try {
      // A handler that returns nothing costs no extra turn (thousands of replies).
      const handled = handle(index, outcome);
      if (handled) await handled;
    } catch (error) {
      failure = { error };
      continue;
    }
    fill();
  }
  if (failure) throw failure.error;
}
