/**
 * Vitest globalSetup for the `integration` and `e2e` projects: CA + Dovecot + SMTP, started once
 * per vitest process, handed to tests as `inject('mailServers')` (see mail-servers.ts).
 *
 * Vitest 4 runs a globalSetup file once per *project* that has test files in the run (each
 * project loads it through its own module runner), so two projects naming this file call setup()
 * twice. A root-level `globalSetup` would run once, but always, even for `--project unit` or a
 * single unit file. Instead the projects name this file and the servers are shared through
 * `globalThis` (one realm for all module runners in vitest's main process) with a reference
 * count: started by the first project that needs them, stopped after the last one's teardown.
 */
import type { TestProject } from 'vitest/node';
import { onAbruptExit } from './exit-guard';
import { startMailHarness, type MailHarness } from './harness';
import './mail-servers';

interface Shared {
  harness: Promise<MailHarness>;
  users: number;
  removeExitGuard: () => void;
}

const holder = globalThis as { __letterboxMailHarness?: Shared };

function acquire(): Shared {
  let shared = holder.__letterboxMailHarness;
  if (!shared) {
    const harness = startMailHarness();
    let started: MailHarness | undefined;
    const removeExitGuard = onAbruptExit(() => started?.stopNow());
    shared = { harness, users: 0, removeExitGuard };
    holder.__letterboxMailHarness = shared;
    harness.then(
      (value) => (started = value),
      () => {
        // Let the next project see the failure afresh rather than a cached rejected promise.
        removeExitGuard();
        holder.__letterboxMailHarness = undefined;
      },
    );
  }
  shared.users += 1;
  return shared;
}

async function release(shared: Shared): Promise<void> {
  shared.users -= 1;
  if (shared.users > 0) return;
  holder.__letterboxMailHarness = undefined;
  try {
    await (await shared.harness).stop();
  } finally {
    shared.removeExitGuard();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = acquire();
  let harness: MailHarness;
  try {
    harness = await shared.harness;
  } catch (error) {
    shared.users -= 1;
    throw error;
  }
  project.provide('mailServers', harness.info);
  return () => release(shared);
}
