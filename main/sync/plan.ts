import type { SyncStrategy } from '../../shared/model/sync';

/** What the store remembers about a folder from the last pass. */
export interface StoredFolderState {
  uidvalidity: number | null;
  uidnext: number | null;
  /** Decimal string: MODSEQ may exceed 2^53. */
  highestmodseq: string | null;
  /** Rows in the store for this folder. */
  localCount: number;
}

/** What SELECT reported just now. */
export interface ServerFolderState {
  uidvalidity: number;
  uidnext: number;
  highestmodseq: string | null;
  exists: number;
  /** CONDSTORE (or QRESYNC) is enabled on this connection. */
  condstore: boolean;
}

/**
 * DESIGN §5, in order. A folder never synced (no stored UIDVALIDITY) is a reseed too: same work,
 * an empty cache. "unchanged" needs HIGHESTMODSEQ equal when both sides have one, and always
 * UIDNEXT and the count equal, so a server without CONDSTORE still skips idle folders.
 */
export function planFolderSync(stored: StoredFolderState, server: ServerFolderState): SyncStrategy {
  if (stored.uidvalidity === null || stored.uidvalidity !== server.uidvalidity) return 'reseed';
  const modseqKnown = server.condstore && server.highestmodseq !== null && stored.highestmodseq !== null;
  const sameCounts = stored.uidnext === server.uidnext && stored.localCount === server.exists;
  if (sameCounts && (!modseqKnown || stored.highestmodseq === server.highestmodseq)) {
    // Without MODSEQ, flag changes are invisible in SELECT; only a full diff finds them.
    return modseqKnown ? 'unchanged' : 'full';
  }
  if (modseqKnown) return 'condstore';
  const grew = server.exists - stored.localCount;
  if (stored.uidnext !== null && server.uidnext > stored.uidnext && grew === server.uidnext - stored.uidnext) {
    return 'append';
  }
  return 'full';
}
