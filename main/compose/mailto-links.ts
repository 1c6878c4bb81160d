/**
 * How mailto: links reach the running app, without Electron (main/app/mailto-handler.ts only wires
 * these decisions to Electron's events). A link comes as `open-url` (macOS), on the command line of
 * the first instance, or on the command line of a second one, which Electron forwards to the
 * first as `second-instance` while the second quits. Links may come before the window can open
 * compose on them; they wait, in order. A link only ever opens a prefilled draft.
 */

/** The longest link taken, as compose:mailto takes (shared/ipc/contract.ts). */
export const MAX_MAILTO_LENGTH = 100_000;

const MAILTO = /^mailto:/i;

/** The mailto: link in one command-line argument or open-url value; null for anything else. */
export function mailtoLinkOf(value: string): string | null {
  const link = value.trim();
  return MAILTO.test(link) && link.length <= MAX_MAILTO_LENGTH ? link : null;
}

/**
 * The links on a command line. The rest (the executable, the app's folder, Chromium switches
 * such as --no-sandbox, files) is not a link and is left alone.
 */
export function mailtoLinksIn(argv: readonly string[]): string[] {
  return argv.map(mailtoLinkOf).filter((link): link is string => link !== null);
}

export type StartupPlan =
  /** Another instance runs: Electron hands it this command line; this one only quits. */
  | { kind: 'quit' }
  /** The first instance: it runs and opens compose on the links it was started with. */
  | { kind: 'run'; links: string[] };

export function startupPlan(gotSingleInstanceLock: boolean, argv: readonly string[]): StartupPlan {
  return gotSingleInstanceLock ? { kind: 'run', links: mailtoLinksIn(argv) } : { kind: 'quit' };
}

/** What the running instance does for a second start: bring its window forward, take the links. */
export function secondInstancePlan(argv: readonly string[]): { focusWindow: true; links: string[] } {
  return { focusWindow: true, links: mailtoLinksIn(argv) };
}

/** Links that come before there is anywhere to deliver them wait, in order, and go once. */
export class MailtoInbox {
  private deliver: ((link: string) => void) | null = null;
  private readonly waiting: string[] = [];

  /** Takes an argument or open-url value; false when it is not a mailto: link. */
  take(value: string): boolean {
    const link = mailtoLinkOf(value);
    if (link === null) return false;
    if (this.deliver) this.deliver(link);
    else this.waiting.push(link);
    return true;
  }

  /** From now on links go to `deliver`, those that waited first. */
  ready(deliver: (link: string) => void): void {
    this.deliver = deliver;
    for (const link of this.waiting.splice(0)) deliver(link);
  }
}
