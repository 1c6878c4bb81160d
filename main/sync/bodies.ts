import type { ImapFlow } from 'imapflow';
import type { WritableDb } from '../store/driver';
import type { MessageParser, RawStore } from './ports';
import { bracketed, threadKey } from './thread-key';

export interface BodySyncInput {
  db: WritableDb;
  client: ImapFlow;
  mailboxId: string;
  path: string;
  parser: MessageParser;
  raw: RawStore;
  /** Bodies of messages dated within this many days; null = all. */
  windowDays: number | null;
  /** Larger messages are marked 'too_large' and fetched only when opened. */
  maxBytes: number;
  /** Messages per FETCH: a few, so one huge folder does not hold megabytes in memory. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

interface Candidate {
  id: string;
  uid: number;
  size: number | null;
  server_thread_id: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
}

/**
 * Downloads, stores and parses bodies newest first. Raw bytes go to the raw store before the row
 * points at them (a crash leaves an orphan blob, never a row pointing nowhere). A message the
 * parser rejects keeps its raw bytes and is marked 'failed' so it is not retried every pass.
 */
export async function syncMailboxBodies(input: BodySyncInput): Promise<number> {
  const since =
    input.windowDays === null
      ? null
      : new Date((input.now ?? new Date()).getTime() - input.windowDays * 86_400_000).toISOString();
  const candidates = input.db.all<Candidate>(
    `SELECT id, uid, size, server_thread_id, message_id, in_reply_to, refs FROM messages
      WHERE mailbox_id = :mailboxId AND body_state = 'none' AND uid IS NOT NULL
        AND (:since IS NULL OR date >= :since)
      ORDER BY date DESC, uid DESC`,
    { mailboxId: input.mailboxId, since },
  );
  if (candidates.length === 0) return 0;
  const tooLarge = candidates.filter((c) => (c.size ?? 0) > input.maxBytes);
  input.db.transaction((tx) => {
    for (const c of tooLarge) tx.run(`UPDATE messages SET body_state = 'too_large' WHERE id = ?`, [c.id]);
  });
  const todo = candidates.filter((c) => (c.size ?? 0) <= input.maxBytes);
  await input.client.mailboxOpen(input.path, { readOnly: true });
  const size = input.batchSize ?? 25;
  let stored = 0;
  input.onProgress?.(0, todo.length);
  for (let i = 0; i < todo.length; i += size) {
    const batch = todo.slice(i, i + size);
    const byUid = new Map(batch.map((c) => [c.uid, c]));
    const fetched = await input.client.fetchAll(
      batch.map((c) => c.uid).join(','),
      { uid: true, source: true },
      { uid: true },
    );
    // The batch's blobs are written and parsed side by side (parser workers, fsyncs); each row is
    // updated as soon as its own blob is durable.
    const work = fetched.flatMap((message) => {
      const candidate = byUid.get(message.uid);
      return candidate && message.source ? [storeBody(input, candidate, message.source)] : [];
    });
    await Promise.all(work);
    stored += work.length;
    input.onProgress?.(Math.min(i + size, todo.length), todo.length);
  }
  return stored;
}

async function storeBody(input: BodySyncInput, candidate: Candidate, source: Buffer): Promise<void> {
  const hash = await input.raw.put(source);
  let parsed;
  try {
    parsed = await input.parser.parse(source);
  } catch {
    input.db.run(`UPDATE messages SET body_state = 'failed', raw_hash = ? WHERE id = ?`, [hash, candidate.id]);
    return;
  }
  // Headers from the envelope win; the parser fills what the envelope lacked (References).
  const refs = JSON.parse(candidate.refs) as string[];
  const references =
    refs.length > 0 ? refs : parsed.references.map(bracketed).filter((id): id is string => id !== null);
  const messageId = candidate.message_id ?? bracketed(parsed.messageId);
  const inReplyTo = candidate.in_reply_to ?? bracketed(parsed.inReplyTo);
  input.db.run(
    `UPDATE messages SET body_state = 'stored', raw_hash = :hash, body_text = :text, snippet = :snippet,
        attachments = :attachments, has_attachments = :hasAttachments, message_id = :messageId,
        in_reply_to = :inReplyTo, refs = :refs, thread_id = :threadId
      WHERE id = :id`,
    {
      id: candidate.id,
      hash,
      text: parsed.text,
      snippet: parsed.snippet,
      attachments: JSON.stringify(parsed.attachments),
      hasAttachments: parsed.hasAttachments ? 1 : 0,
      messageId,
      inReplyTo,
      refs: JSON.stringify(references),
      threadId: threadKey({ serverThreadId: candidate.server_thread_id, messageId, inReplyTo, references }),
    },
  );
}
