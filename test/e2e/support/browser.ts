import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.LETTERBOX_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with everything that would phone home switched off. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium, or set LETTERBOX_CHROMIUM.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Everything a page said was wrong: console errors, uncaught exceptions and CSP violations
 * (reported by the page itself, since a blocked inline style never reaches the console as an
 * exception). Tests assert it stays empty.
 */
export interface PageProblems {
  list: string[];
}

export async function watchProblems(context: BrowserContext, page: Page): Promise<PageProblems> {
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`uncaught: ${error.message}`));
  await context.exposeBinding('__letterboxReportCsp', (_source, text: string) => problems.list.push(`csp: ${text}`));
  await context.addInitScript(() => {
    const report = (window as unknown as { __letterboxReportCsp: (text: string) => void }).__letterboxReportCsp;
    document.addEventListener('securitypolicyviolation', (event) =>
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  return problems;
}
