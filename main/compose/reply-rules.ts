import type { Identity } from '../../shared/model/account';
import type { MailAddress } from '../../shared/model/outbox';

/** What the reply rules need to know about the message being answered. */
export interface SourceHeaders {
  messageId: string | null;
  references: readonly string[];
  from: MailAddress | null;
  replyTo: readonly MailAddress[];
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  /** Delivered-To / X-Original-To: where the mail actually arrived (Bcc, aliases, lists). */
  deliveredTo: readonly string[];
}

export interface ReplyRecipients {
  to: MailAddress[];
  cc: MailAddress[];
}

const key = (address: string) => address.trim().toLowerCase();

function uniqueExcept(addresses: readonly MailAddress[], exclude: Set<string>): MailAddress[] {
  const out: MailAddress[] = [];
  for (const address of addresses) {
    const k = key(address.address);
    if (exclude.has(k)) continue;
    exclude.add(k);
    out.push(address);
  }
  return out;
}

/**
 * Who a reply goes to. Reply-To wins over From. When the original came from the user (a message
 * in Sent), replying means writing to its recipients again, as every client does. Reply-all adds
 * the original To and Cc, without the user's own addresses (every identity of every account) and
 * without duplicates; if that leaves To empty, the Cc list moves up.
 */
export function replyRecipients(source: SourceHeaders, all: boolean, own: ReadonlySet<string>): ReplyRecipients {
  const fromSelf = source.from !== null && own.has(key(source.from.address));
  const primary = source.replyTo.length > 0 ? source.replyTo : source.from ? [source.from] : [];
  const exclude = new Set(own);
  if (fromSelf) {
    const to = uniqueExcept(source.to, exclude);
    return { to, cc: all ? uniqueExcept(source.cc, exclude) : [] };
  }
  // The sender stays even when it is one of ours (writing to oneself), but only once.
  const to = uniqueExcept(primary, new Set<string>());
  for (const address of to) exclude.add(key(address.address));
  if (!all) return { to, cc: [] };
  to.push(...uniqueExcept(source.to, exclude));
  const cc = uniqueExcept(source.cc, exclude);
  return to.length > 0 ? { to, cc } : { to: cc, cc: [] };
}

/** RFC 5322 §3.6.4 asks for the parent's References plus its Message-ID; long chains keep the root and the newest. */
export const MAX_REFERENCES = 20;

export function threadingHeaders(source: SourceHeaders): { inReplyTo: string | null; references: string[] } {
  const chain: string[] = [];
  for (const id of [...source.references, ...(source.messageId ? [source.messageId] : [])]) {
    const trimmed = id.trim();
    if (trimmed && !chain.includes(trimmed)) chain.push(trimmed);
  }
  const references = chain.length > MAX_REFERENCES ? [chain[0] ?? '', ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { inReplyTo: source.messageId?.trim() || null, references };
}

/**
 * The identity to answer from: the one the original was addressed to (To, then Cc, then the
 * delivery address, which catches Bcc and aliases), else the account's first.
 */
export function chooseIdentity(source: SourceHeaders, identities: readonly Identity[]): Identity | null {
  const candidates = [...source.to.map((a) => a.address), ...source.cc.map((a) => a.address), ...source.deliveredTo];
  for (const candidate of candidates) {
    const found = identities.find((identity) => key(identity.address) === key(candidate));
    if (found) return found;
  }
  return identities[0] ?? null;
}
