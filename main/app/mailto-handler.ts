import { app } from 'electron';
import { MailtoInbox, secondInstancePlan, startupPlan } from '../compose/mailto-links';

export interface MailtoHandler {
  /** Where links go once the window can open compose; those that came earlier go first. */
  ready(deliver: (url: string) => void): void;
  /** A second start of the app: its links, and whether to bring the window forward. */
  secondInstance(argv: readonly string[]): { focusWindow: boolean };
}

/**
 * Letterbox as the system's mail app, wired to Electron; the decisions are in
 * main/compose/mailto-links.ts (unit-tested). Null when another instance runs: that one gets this
 * command line from Electron, and this one should quit.
 */
export function createMailtoHandler(argv: readonly string[]): MailtoHandler | null {
  const plan = startupPlan(app.requestSingleInstanceLock(), argv);
  if (plan.kind === 'quit') return null;
  const inbox = new MailtoInbox();
  for (const link of plan.links) inbox.take(link);
  // Registration can fail (sandboxed Linux packages): links from mail still work in the app.
  if (!app.isDefaultProtocolClient('mailto')) app.setAsDefaultProtocolClient('mailto');
  app.on('open-url', (event, url) => {
    event.preventDefault();
    inbox.take(url);
  });
  return {
    ready: (deliver) => inbox.ready(deliver),
    secondInstance(secondArgv) {
      const { focusWindow, links } = secondInstancePlan(secondArgv);
      for (const link of links) inbox.take(link);
      return { focusWindow };
    },
  };
}
