import { Pop3ServerError } from '../../mail/pop3/errors';
import type { Pop3SyncIssue } from './sync';

/** An error as the run reports it: its message, and the server's own line when it sent one. */
export function issueOf(error: unknown, kind: Pop3SyncIssue['kind'], uidl: string | null = null): Pop3SyncIssue {
  const message = error instanceof Error ? error.message : String(error);
  const serverText = error instanceof Pop3ServerError ? error.serverText : null;
  return { kind, uidl, message, serverText };
}
