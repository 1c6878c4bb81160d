import { randomUUID } from 'node:crypto';
import { DraftFieldsSchema, type DraftAttachment, type DraftFields } from '../../shared/model/draft';
import type { ReadableDb, WritableDb } from '../store/driver';

/**
 * SQL for `drafts` and `draft_attachments` (migrations 4 and 6). Writers take a WritableDb so a
 * caller can put several steps in one transaction (send: outbox row in, draft out).
 */
export interface DraftRow {
  id: string;
  draft_json: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AttachmentRow {
  id: string;
  draft_id: string;
  filename: string;
  content_type: string;
  inline: number;
  content_id: string | null;
  size: number;
}

export interface NewAttachment {
  id?: string;
  draftId: string;
  filename: string;
  contentType: string;
  inline: boolean;
  contentId: string | null;
  bytes: Buffer;
}

const ROW = 'id, draft_json, created_at, updated_at, version';
const ATTACHMENT = 'id, draft_id, filename, content_type, inline, content_id, size';

export function parseFields(row: DraftRow): DraftFields {
  return DraftFieldsSchema.parse(JSON.parse(row.draft_json));
}

export function insertDraft(
  db: WritableDb,
  draft: { id: string; fields: DraftFields; createdAt: string; updatedAt: string },
): void {
  db.run(
    `INSERT INTO drafts (id, account_id, identity_id, draft_json, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, 1)`,
    [
      draft.id,
      draft.fields.accountId,
      draft.fields.identityId,
      JSON.stringify(draft.fields),
      draft.createdAt,
      draft.updatedAt,
    ],
  );
}

/** Replaces the fields; false when the draft is gone (sent or deleted meanwhile). */
export function updateDraftFields(db: WritableDb, id: string, fields: DraftFields, now: string): boolean {
  const { changes } = db.run(
    `UPDATE drafts SET account_id = ?, identity_id = ?, draft_json = ?, updated_at = ?, version = version + 1
     WHERE id = ?`,
    [fields.accountId, fields.identityId, JSON.stringify(fields), now, id],
  );
  return changes > 0;
}

/** A change to the attachments is a change to the draft (autosave order, send's version check). */
export function touchDraft(db: WritableDb, id: string, now: string): void {
  db.run('UPDATE drafts SET updated_at = ?, version = version + 1 WHERE id = ?', [now, id]);
}

export function getDraftRow(db: ReadableDb, id: string): DraftRow | undefined {
  return db.get<DraftRow>(`SELECT ${ROW} FROM drafts WHERE id = ?`, [id]);
}

export function listDraftRows(db: ReadableDb): (DraftRow & { server_error: string | null })[] {
  return db.all(`SELECT ${ROW}, server_error FROM drafts ORDER BY updated_at DESC, id`);
}

export function deleteDraftRow(db: WritableDb, id: string): boolean {
  // Its copy in the IMAP Drafts folder is removed at the next draft sync.
  db.run(
    `INSERT INTO draft_server_removals (account_id, mailbox_id, uidvalidity, uid, message_id)
     SELECT account_id, server_mailbox_id, server_uidvalidity, server_uid, server_message_id FROM drafts
     WHERE id = ? AND server_uid IS NOT NULL AND account_id IS NOT NULL`,
    [id],
  );
  // Attachments go with it (ON DELETE CASCADE).
  return db.run('DELETE FROM drafts WHERE id = ?', [id]).changes > 0;
}

export function toAttachment(row: AttachmentRow): DraftAttachment {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    inline: row.inline === 1,
    contentId: row.content_id,
  };
}

export function attachmentRows(db: ReadableDb, draftId: string): AttachmentRow[] {
  return db.all<AttachmentRow>(`SELECT ${ATTACHMENT} FROM draft_attachments WHERE draft_id = ? ORDER BY position, id`, [
    draftId,
  ]);
}

export function attachmentRow(db: ReadableDb, draftId: string, id: string): AttachmentRow | undefined {
  return db.get<AttachmentRow>(`SELECT ${ATTACHMENT} FROM draft_attachments WHERE draft_id = ? AND id = ?`, [
    draftId,
    id,
  ]);
}

export function attachmentCounts(db: ReadableDb): Map<string, number> {
  const rows = db.all<{ draft_id: string; n: number }>(
    'SELECT draft_id, COUNT(*) AS n FROM draft_attachments GROUP BY draft_id',
  );
  return new Map(rows.map((r) => [r.draft_id, r.n]));
}

export function insertAttachment(db: WritableDb, attachment: NewAttachment, now: string): AttachmentRow {
  const id = attachment.id ?? randomUUID();
  const position =
    (db.get<{ p: number | null }>('SELECT MAX(position) AS p FROM draft_attachments WHERE draft_id = ?', [
      attachment.draftId,
    ])?.p ?? 0) + 1;
  db.run(
    `INSERT INTO draft_attachments (id, draft_id, position, filename, content_type, inline, content_id, size, bytes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      attachment.draftId,
      position,
      attachment.filename,
      attachment.contentType,
      attachment.inline ? 1 : 0,
      attachment.contentId,
      attachment.bytes.length,
      attachment.bytes,
      now,
    ],
  );
  return {
    id,
    draft_id: attachment.draftId,
    filename: attachment.filename,
    content_type: attachment.contentType,
    inline: attachment.inline ? 1 : 0,
    content_id: attachment.contentId,
    size: attachment.bytes.length,
  };
}

/** Adds the next chunk of an upload (SQLite's || would turn a BLOB into text, so Node joins them). */
export function appendAttachmentBytes(db: WritableDb, draftId: string, id: string, chunk: Buffer): number {
  const current = db.get<{ bytes: Buffer }>('SELECT bytes FROM draft_attachments WHERE draft_id = ? AND id = ?', [
    draftId,
    id,
  ]);
  if (!current) return -1;
  const bytes = Buffer.concat([current.bytes, chunk]);
  db.run('UPDATE draft_attachments SET bytes = ?, size = ? WHERE id = ?', [bytes, bytes.length, id]);
  return bytes.length;
}

export function removeAttachment(db: WritableDb, draftId: string, id: string): boolean {
  return db.run('DELETE FROM draft_attachments WHERE draft_id = ? AND id = ?', [draftId, id]).changes > 0;
}

/** A slice of the bytes, cut by SQLite so a large file is never read whole for one chunk. */
export function attachmentSlice(db: ReadableDb, draftId: string, id: string, offset: number, length: number): Buffer {
  const row = db.get<{ chunk: Buffer | null }>(
    'SELECT substr(bytes, ?, ?) AS chunk FROM draft_attachments WHERE draft_id = ? AND id = ?',
    [offset + 1, length, draftId, id],
  );
  return row?.chunk ?? Buffer.alloc(0);
}

/** Every attachment with its bytes, in order: what send and the IMAP copy need. */
export function attachmentsWithBytes(db: ReadableDb, draftId: string): (AttachmentRow & { bytes: Buffer })[] {
  return db.all<AttachmentRow & { bytes: Buffer }>(
    `SELECT ${ATTACHMENT}, bytes FROM draft_attachments WHERE draft_id = ? ORDER BY position, id`,
    [draftId],
  );
}
