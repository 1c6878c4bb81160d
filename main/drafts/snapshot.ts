import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DraftFieldsSchema, type DraftFields } from '../../shared/model/draft';
import { DraftContentSchema, type DraftContent } from '../../shared/model/outbox';
import type { WritableDb } from '../store/driver';
import { formatAddressList } from './addresses';
import { getDraftRow, insertAttachment, insertDraft } from './draft-store';

/**
 * What outbox.draft_json holds for a message sent from a draft: the DraftContent the message was
 * built from (attachment bytes included) plus `letterboxDraft`, the draft as it was — its id, the
 * fields exactly as typed, and which attachment was inline — so undo-send restores it whole.
 * A message queued without a draft (the CLI's send) has plain DraftContent and is turned into
 * draft fields on the way back.
 */
const SnapshotSchema = z.object({
  id: z.string().min(1),
  createdAt: z.string(),
  fields: DraftFieldsSchema,
  attachments: z.array(z.object({ id: z.string().min(1), inline: z.boolean() })),
});
export type DraftSnapshot = z.infer<typeof SnapshotSchema>;

export function outboxDraftJson(content: DraftContent, snapshot: DraftSnapshot): string {
  return JSON.stringify({ ...content, letterboxDraft: snapshot });
}

/** Fields for a message that had no draft: addresses written back as text a person would type. */
export function fieldsFromContent(content: DraftContent): DraftFields {
  return DraftFieldsSchema.parse({
    accountId: content.accountId,
    identityId: content.identityId,
    to: formatAddressList(content.to),
    cc: formatAddressList(content.cc),
    bcc: formatAddressList(content.bcc),
    subject: content.subject,
    format: content.html === null ? 'plain' : 'rich',
    html: content.html,
    text: content.text,
    inReplyTo: content.inReplyTo,
    references: content.references,
  });
}

/**
 * Writes the draft an outbox row came from back into `drafts` (inside the caller's transaction)
 * and returns its id: the original id when it is free, so the UI can reopen the same draft.
 */
export function restoreDraft(tx: WritableDb, draftJson: string, fallbackCreatedAt: string, now: string): string {
  const raw = JSON.parse(draftJson) as unknown;
  const content = DraftContentSchema.parse(raw);
  const snapshot = SnapshotSchema.safeParse(
    typeof raw === 'object' && raw !== null && 'letterboxDraft' in raw ? raw.letterboxDraft : undefined,
  );
  const saved = snapshot.success ? snapshot.data : null;
  const id = saved && !getDraftRow(tx, saved.id) ? saved.id : randomUUID();
  insertDraft(tx, {
    id,
    fields: saved?.fields ?? fieldsFromContent(content),
    createdAt: saved?.createdAt ?? fallbackCreatedAt,
    updatedAt: now,
  });
  content.attachments.forEach((attachment, index) => {
    const meta = saved?.attachments[index];
    insertAttachment(
      tx,
      {
        ...(meta ? { id: meta.id } : {}),
        draftId: id,
        filename: attachment.filename,
        contentType: attachment.contentType ?? 'application/octet-stream',
        inline: meta?.inline ?? attachment.contentId !== null,
        contentId: attachment.contentId,
        bytes: Buffer.from(attachment.contentBase64, 'base64'),
      },
      now,
    );
  });
  return id;
}
