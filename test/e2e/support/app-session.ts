import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { AppPage } from './app-page';
import { launchChromium, watchProblems, type PageProblems } from './browser';
import { assertBuilt } from './build-output';
import { startWebShellProcess, type WebShellProcess } from './web-shell-process';

export interface AppSession {
  profileDir: string;
  shell: WebShellProcess;
  browser: Browser;
  /** A fresh context and page per test. */
  context: BrowserContext;
  page: Page;
  app: AppPage;
  problems: PageProblems;
  /**
   * Stops the browser-shell process (SIGKILL by default: a crash, not a clean quit) and starts a
   * new one on the same profile. The token and port are new: go to `shell.url` again afterwards.
   */
  restartShell(signal?: NodeJS.Signals): Promise<void>;
}

export interface AppSessionOptions {
  /** Prefix of the temporary profile folder. */
  prefix: string;
  /** Environment of the `npm run web` process (secret backend, trusted CAs). */
  env: NodeJS.ProcessEnv;
  viewport?: { width: number; height: number };
}

/**
 * One browser-shell process and one Chromium per test file, a fresh page per test, and after each
 * test no console error, page error or CSP violation. Fields are filled in by the hooks.
 */
export function useAppSession(options: AppSessionOptions): AppSession {
  const session = {} as AppSession;
  const startShell = () => startWebShellProcess(['--port', '0', '--profile', session.profileDir], options.env);
  session.restartShell = async (signal = 'SIGKILL') => {
    await session.shell.stop(signal);
    session.shell = await startShell();
  };
  beforeAll(async () => {
    assertBuilt();
    session.profileDir = mkdtempSync(join(tmpdir(), options.prefix));
    session.shell = await startShell();
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    const code = await session.shell?.stop();
    if (session.profileDir) rmSync(session.profileDir, { recursive: true, force: true });
    // SIGTERM is how the user (Ctrl-C) stops it too: it must close cleanly, not crash.
    expect(code, session.shell?.stderr()).toBe(0);
  });
  beforeEach(async () => {
    session.context = await session.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 860 } });
    session.page = await session.context.newPage();
    session.problems = await watchProblems(session.context, session.page);
    session.app = new AppPage(session.page);
  });
  afterEach(async () => {
    await session.context.close();
    expect(session.problems.list).toEqual([]);
  });
  return session;
}
