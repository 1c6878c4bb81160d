import { fieldsFromContent } from '../../drafts/snapshot';
import { insertAttachment } from '../../drafts/draft-store';
import { DraftContentSchema } from '../../../shared/model/outbox';
import type { WritableDb } from '../driver';
import type { Migration } from './types';

/**
 * Drafts of their own (issue 7). `drafts.draft_json` now holds the compose fields (DraftFields);
 * rows written by the outbox's undo-send before this version held the outbox's DraftContent with
 * attachments inline, and are converted here (fields as text, attachments into their table). Attachment bytes live in `draft_attachments`, next to the draft, so a
 * draft with its files is written in one transaction and survives a killed process.
 *
 * `version` counts changes: autosave bumps it, and send refuses a draft whose version moved while
 * its message was being built. The `server_*` columns remember the copy in the account's IMAP
 * Drafts folder (UIDVALIDITY + UID and the version it holds) so it can be replaced, not duplicated.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'drafts',
  up(db) {
    db.exec(`
      ALTER TABLE drafts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE drafts ADD COLUMN server_mailbox_id TEXT;
      ALTER TABLE drafts ADD COLUMN server_uidvalidity INTEGER;
      ALTER TABLE drafts ADD COLUMN server_uid INTEGER;
      ALTER TABLE drafts ADD COLUMN server_message_id TEXT;
      ALTER TABLE drafts ADD COLUMN server_version INTEGER;

      CREATE TABLE draft_attachments (
        id            TEXT PRIMARY KEY,
        draft_id      TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        filename      TEXT NOT NULL,
        content_type  TEXT NOT NULL,
        inline        INTEGER NOT NULL DEFAULT 0 CHECK (inline IN (0,1)),
        content_id    TEXT,
        size          INTEGER NOT NULL,
        bytes         BLOB NOT NULL,
        created_at    TEXT NOT NULL
      );
      CREATE INDEX draft_attachments_by_draft ON draft_attachments (draft_id, position);

      -- Server copies of drafts that were sent or deleted here, still to be removed from the
      -- Drafts folder (only if they are still the copy we wrote).
      CREATE TABLE draft_server_removals (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id    TEXT NOT NULL,
        mailbox_id    TEXT NOT NULL,
        uidvalidity   INTEGER NOT NULL,
        uid           INTEGER NOT NULL,
        message_id    TEXT NOT NULL
      );
    `);
    convertOutboxDrafts(db);
  },
};

function convertOutboxDrafts(db: WritableDb): void {
  const rows = db.all<{ id: string; draft_json: string; updated_at: string }>(
    `SELECT id, draft_json, updated_at FROM drafts WHERE json_extract(draft_json, '$.format') IS NULL`,
  );
  for (const row of rows) {
    const content = DraftContentSchema.safeParse(JSON.parse(row.draft_json));
    if (!content.success) continue;
    db.run('UPDATE drafts SET draft_json = ? WHERE id = ?', [JSON.stringify(fieldsFromContent(content.data)), row.id]);
    for (const attachment of content.data.attachments) {
      insertAttachment(
        db,
        {
          draftId: row.id,
          filename: attachment.filename,
          contentType: attachment.contentType ?? 'application/octet-stream',
          inline: false,
          contentId: null,
          bytes: Buffer.from(attachment.contentBase64, 'base64'),
        },
        row.updated_at,
      );
    }
  }
}
