/**
 * One sync pass per account at a time, whoever starts it: a pass the user asked for (sync:run)
 * and the live watcher's passes write the same folders' state, and two at once would download the
 * same messages twice and race on a UIDVALIDITY reset. A pass that asks while another runs waits
 * for it, then runs on the state it left (usually finding nothing to do).
 */
export interface AccountLock {
  run<T>(accountId: string, pass: () => Promise<T>): Promise<T>;
}

export function createAccountLock(): AccountLock {
  const tails = new Map<string, Promise<void>>();
  return {
    run(accountId, pass) {
      const previous = tails.get(accountId) ?? Promise.resolve();
      const result = previous.then(pass);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(accountId, tail);
      void tail.then(() => {
        if (tails.get(accountId) === tail) tails.delete(accountId);
      });
      return result;
    },
  };
}
