import PostalMime, { type Address } from 'postal-mime';
import { AppError } from '../../shared/errors';
import { MailAddressSchema, type MailAddress } from '../../shared/model/outbox';
import type { ReadableDb } from '../store/driver';
import type { QuotedMessage } from './quote';
import type { SourceHeaders } from './reply-rules';

/** A stored message as reply and forward need it. */
export interface SourceMessage extends SourceHeaders, QuotedMessage {
  id: string;
  accountId: string;
  /** The RFC 822 bytes (forward as attachment), null when only headers were downloaded. */
  raw: Buffer | null;
}

interface Row {
  id: string;
  account_id: string;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  date: string;
  to_json: string;
  cc_json: string;
  message_id: string | null;
  refs: string;
  body_text: string | null;
  snippet: string;
  raw_hash: string | null;
}

function mailboxes(list: readonly Address[] | Address | undefined): MailAddress[] {
  const flat = (Array.isArray(list) ? list : list ? [list] : []).flatMap((a: Address) => (a.group ? a.group : [a]));
  return flat.flatMap((a) => {
    const parsed = MailAddressSchema.safeParse({ name: a.name, address: a.address });
    return parsed.success ? [parsed.data] : [];
  });
}

function storedList(json: string): MailAddress[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? mailboxes(value as Address[]) : [];
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/** Message-IDs as `<id@host>`, whether they were stored with their brackets or without. */
function messageIds(values: readonly unknown[]): string[] {
  return values
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.match(MESSAGE_ID) ?? (v.trim() ? [`<${v.trim()}>`] : []));
}

/**
 * Reads the message row, and its raw bytes when they were downloaded: Reply-To, Delivered-To and
 * the plain text are only in the raw message (the row keeps the envelope the list shows). Without
 * raw bytes the reply still works from the row, quoting its stored text.
 */
export async function loadSourceMessage(
  db: ReadableDb,
  id: string,
  readRaw: (hash: string) => Promise<Buffer | null>,
): Promise<SourceMessage> {
  const row = db.get<Row>(
    `SELECT id, account_id, subject, from_name, from_address, date, to_json, cc_json, message_id, refs, body_text,
            snippet, raw_hash FROM messages WHERE id = ?`,
    [id],
  );
  if (!row) throw new AppError('not_found', 'That message is no longer in the store.');
  const raw = row.raw_hash ? await readRaw(row.raw_hash) : null;
  const parsed = raw ? await PostalMime.parse(raw) : null;
  const from = row.from_address ? mailboxes([{ name: row.from_name ?? '', address: row.from_address }]) : [];
  const deliveredTo = (parsed?.headers ?? [])
    .filter((h) => h.key === 'delivered-to' || h.key === 'x-original-to')
    .flatMap((h) => mailboxes([{ name: '', address: h.value.trim() }]).map((a) => a.address));
  const stored = messageIds(JSON.parse(row.refs) as unknown[]);
  return {
    id: row.id,
    accountId: row.account_id,
    subject: row.subject,
    date: row.date,
    from: from[0] ?? null,
    replyTo: mailboxes(parsed?.replyTo),
    to: storedList(row.to_json),
    cc: storedList(row.cc_json),
    deliveredTo,
    messageId: row.message_id ? (messageIds([row.message_id])[0] ?? null) : (parsed?.messageId ?? null),
    references: stored.length > 0 ? stored : messageIds([parsed?.references ?? '']),
    text: parsed?.text ?? row.body_text ?? row.snippet,
    raw,
  };
}
