import { randomUUID } from 'node:crypto';
import { parseMessage } from '../mail/mime/parse-message';
import type { WritableDb } from '../store/driver';
import type { RawStore } from '../sync/ports';
import { ensureLocalFolders } from '../sync/pop3/store';
import { bracketed, threadKey } from '../sync/thread-key';

export interface LocalFilingDeps {
  db: WritableDb;
  raw: Pick<RawStore, 'add'>;
}

/**
 * POP3 accounts have no server Sent folder: the sent bytes become a read message in the local
 * one, parsed like received mail so it lists, threads and searches the same way. Filing the same
 * message twice (a retry after a crash between insert and bookkeeping) keeps one copy.
 */
export async function fileLocally(
  deps: LocalFilingDeps,
  accountId: string,
  raw: Buffer,
  sentAt: string,
): Promise<void> {
  ensureLocalFolders(deps.db, accountId);
  const parsed = await parseMessage(raw);
  const messageId = bracketed(parsed.messageId);
  const inReplyTo = bracketed(parsed.inReplyTo);
  const references = parsed.references.map(bracketed).filter((id): id is string => id !== null);
  deps.db.transaction((tx) => {
    const sent = tx.get<{ id: string }>(`SELECT id FROM mailboxes WHERE account_id = ? AND path = 'Sent'`, [accountId]);
    if (!sent) throw new Error('The local Sent folder could not be created');
    const already = tx.get('SELECT 1 FROM messages WHERE mailbox_id = ? AND message_id = ?', [sent.id, messageId]);
    if (already) return;
    const rawHash = deps.raw.add(tx, raw);
    tx.run(
      `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, snippet, unread,
          has_attachments, thread_id, size, received_at, message_id, in_reply_to, refs, to_json, cc_json,
          body_state, raw_hash, body_text, attachments)
       VALUES (:id, :accountId, :mailboxId, :subject, :fromName, :fromAddress, :date, :snippet, 0,
          :hasAttachments, :threadId, :size, :at, :messageId, :inReplyTo, :refs, :to, :cc,
          'stored', :rawHash, :text, :attachments)`,
      {
        id: randomUUID(),
        accountId,
        mailboxId: sent.id,
        subject: parsed.subject,
        fromName: parsed.from?.name ?? null,
        fromAddress: parsed.from?.address ?? null,
        date: parsed.date ?? sentAt,
        snippet: parsed.snippet,
        hasAttachments: parsed.hasAttachments ? 1 : 0,
        threadId: threadKey({ serverThreadId: null, messageId, inReplyTo, references }),
        size: raw.length,
        at: sentAt,
        messageId,
        inReplyTo,
        refs: JSON.stringify(references),
        to: JSON.stringify(parsed.to),
        cc: JSON.stringify(parsed.cc),
        rawHash,
        text: parsed.text,
        attachments: JSON.stringify(parsed.attachments),
      },
    );
  });
}
