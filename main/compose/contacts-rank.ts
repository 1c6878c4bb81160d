import type { Contact } from '../../shared/model/draft';

/** One time an address was seen: in a message received, or one the user sent. */
export interface AddressUse {
  name: string;
  address: string;
  at: string | null;
  /** Writing to someone says more about who they are to the user than receiving a copy. */
  sent: boolean;
}

/** Half-life of a use's weight: what happened a month ago counts half as much as today. */
const HALF_LIFE_DAYS = 30;
const SENT_WEIGHT = 2;

function weight(use: AddressUse, now: number): number {
  const at = use.at ? Date.parse(use.at) : Number.NaN;
  const ageDays = Number.isNaN(at) ? 365 : Math.max(0, (now - at) / 86_400_000);
  return (use.sent ? SENT_WEIGHT : 1) * 0.5 ** (ageDays / HALF_LIFE_DAYS);
}

function matchRank(contact: Contact, query: string): number {
  if (!query) return 1;
  const address = contact.address.toLowerCase();
  const words = contact.name.toLowerCase().split(/[\s,.'"()-]+/);
  if (address.startsWith(query) || words.some((w) => w.startsWith(query))) return 2;
  return address.includes(query) || contact.name.toLowerCase().includes(query) ? 1 : 0;
}

/**
 * Address autocomplete: uses grouped by address (without case), the latest non-empty name kept,
 * ranked by prefix match first (typing "gr" means Grace before "Ingrid"), then by the sum of
 * recency-weighted uses (frequency and recency in one number), then by address.
 */
export function rankContacts(uses: readonly AddressUse[], query: string, limit: number, now: Date): Contact[] {
  const q = query.trim().toLowerCase();
  const grouped = new Map<string, { contact: Contact; score: number; namedAt: string }>();
  for (const use of uses) {
    const key = use.address.trim().toLowerCase();
    if (!key.includes('@')) continue;
    const entry = grouped.get(key) ?? {
      contact: { name: '', address: use.address.trim(), count: 0, lastUsedAt: null },
      score: 0,
      namedAt: '',
    };
    entry.contact.count += 1;
    entry.score += weight(use, now.getTime());
    if (use.at && (!entry.contact.lastUsedAt || use.at > entry.contact.lastUsedAt)) entry.contact.lastUsedAt = use.at;
    if (use.name.trim() && (use.at ?? '') >= entry.namedAt) {
      entry.contact.name = use.name.trim();
      entry.namedAt = use.at ?? '';
    }
    grouped.set(key, entry);
  }
  return [...grouped.values()]
    .map((entry) => ({ ...entry, match: matchRank(entry.contact, q) }))
    .filter((entry) => entry.match > 0)
    .sort((a, b) => b.match - a.match || b.score - a.score || a.contact.address.localeCompare(b.contact.address))
    .slice(0, limit)
    .map((entry) => entry.contact);
}
