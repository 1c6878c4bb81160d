const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `cleanup` (synchronous: nothing async survives these paths) when the process exits or is
 * told to stop. Vitest answers SIGINT/SIGTERM with process.exit() and skips globalSetup
 * teardowns, so without this a Ctrl-C or a CI timeout would leave Dovecot running.
 * Returns a function that removes the handlers (call it after a normal teardown).
 */
export function onAbruptExit(cleanup: () => void): () => void {
  let ran = false;
  const runOnce = (): void => {
    if (ran) return;
    ran = true;
    cleanup();
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    runOnce();
    // A listener replaces Node's default "terminate" action. If no one else (vitest) is
    // listening any more, restore that action and re-raise so the process still ends.
    if (process.listenerCount(sig) === 1) {
      remove();
      process.kill(process.pid, sig);
    }
  };
  const remove = (): void => {
    process.off('exit', runOnce);
    for (const sig of SIGNALS) process.off(sig, onSignal);
  };
  process.on('exit', runOnce);
  for (const sig of SIGNALS) process.on(sig, onSignal);
  return remove;
}
