import type { SpecialUse } from '../../shared/model/mailbox';

const BY_FLAG: Record<string, SpecialUse> = {
  '\\sent': 'sent',
  '\\drafts': 'drafts',
  '\\trash': 'trash',
  '\\junk': 'junk',
  '\\archive': 'archive',
  '\\all': 'archive',
};

// Names the big providers and clients use when the server sets no SPECIAL-USE flag. Compared on
// the last path segment, case-insensitively ("INBOX.Sent", "[Gmail]/Sent Mail").
const BY_NAME: Record<string, SpecialUse> = {
  sent: 'sent',
  'sent items': 'sent',
  'sent mail': 'sent',
  'sent messages': 'sent',
  drafts: 'drafts',
  draft: 'drafts',
  trash: 'trash',
  'deleted items': 'trash',
  'deleted messages': 'trash',
  bin: 'trash',
  junk: 'junk',
  spam: 'junk',
  'junk e-mail': 'junk',
  'junk email': 'junk',
  archive: 'archive',
  archives: 'archive',
  'all mail': 'archive',
};

export interface FolderFacts {
  path: string;
  /** Last segment of the path (the display name). */
  name: string;
  /** LIST flags as the server sent them (`\Sent`, `\HasChildren`, …). */
  flags: readonly string[];
}

/**
 * INBOX by path (RFC 3501: case-insensitive), then the server's SPECIAL-USE flag, then the name.
 * imapflow already guesses from names, but only for its own list; this keeps the rule in one
 * tested place and independent of the library.
 */
export function specialUseOf(folder: FolderFacts): SpecialUse | null {
  if (folder.path.toUpperCase() === 'INBOX') return 'inbox';
  for (const flag of folder.flags) {
    const use = BY_FLAG[flag.toLowerCase()];
    if (use) return use;
  }
  return BY_NAME[folder.name.trim().toLowerCase()] ?? null;
}

/**
 * One folder per special use: when two claim the same (a flagged "Sent" and an unflagged
 * "Sent Items"), the flagged one wins, else the first by path. Returns path → use.
 */
export function assignSpecialUses(folders: readonly FolderFacts[]): Map<string, SpecialUse> {
  const chosen = new Map<SpecialUse, { path: string; flagged: boolean }>();
  const sorted = [...folders].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const folder of sorted) {
    const use = specialUseOf(folder);
    if (!use) continue;
    const flagged = use === 'inbox' || folder.flags.some((flag) => BY_FLAG[flag.toLowerCase()] === use);
    const current = chosen.get(use);
    if (!current || (flagged && !current.flagged)) chosen.set(use, { path: folder.path, flagged });
  }
  return new Map([...chosen].map(([use, { path }]) => [path, use]));
}
