import { randomUUID } from 'node:crypto';
import { detectMimeType } from 'nodemailer/lib/mime-funcs';
import { AppError } from '../../shared/errors';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract';
import {
  ATTACH_CHUNK_BYTES,
  DRAFT_ATTACHMENT_MAX_BYTES,
  type Draft,
  type DraftAttachment,
  type DraftFields,
  type DraftSummary,
} from '../../shared/model/draft';
import type { OutboxItem } from '../../shared/model/outbox';
import {
  appendAttachmentBytes,
  attachmentCounts,
  attachmentRow,
  attachmentRows,
  attachmentSlice,
  attachmentsWithBytes,
  deleteDraftRow,
  getDraftRow,
  insertAttachment,
  insertDraft,
  listDraftRows,
  parseFields,
  removeAttachment,
  toAttachment,
  touchDraft,
  updateDraftFields,
} from '../drafts/draft-store';
import { outboxDraftJson } from '../drafts/snapshot';
import { draftToContent } from '../drafts/to-content';
import { htmlToPlain } from '../outbox/mime-body';
import type { AppContext } from './context';
import { scheduleDraftSync } from './draft-sync-scheduler';
import { queueMessage } from './outbox';

const SNIPPET_CHARS = 140;

function notFound(): AppError {
  return new AppError('not_found', 'That draft no longer exists (it was sent or deleted).');
}

function accountOfDraft(ctx: AppContext, id: string): string | null {
  const row = getDraftRow(ctx.store.db, id);
  return row ? parseFields(row).accountId : null;
}

function snippet(fields: DraftFields): string {
  const text = fields.text.trim() !== '' || fields.html === null ? fields.text : htmlToPlain(fields.html);
  return text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_CHARS);
}

export function listDrafts(ctx: AppContext): DraftSummary[] {
  const db = ctx.store.db;
  const counts = attachmentCounts(db);
  return listDraftRows(db).map((row) => {
    const fields = parseFields(row);
    return {
      id: row.id,
      accountId: fields.accountId,
      subject: fields.subject,
      to: fields.to,
      snippet: snippet(fields),
      attachmentCount: counts.get(row.id) ?? 0,
      updatedAt: row.updated_at,
      serverError: row.server_error,
    };
  });
}

export function getDraft(ctx: AppContext, id: string): Draft {
  const row = getDraftRow(ctx.store.db, id);
  if (!row) throw notFound();
  return {
    ...parseFields(row),
    id: row.id,
    attachments: attachmentRows(ctx.store.db, id).map(toAttachment),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Creates (id null) or replaces a draft's fields in one transaction; attachments are kept. */
export function saveDraft(ctx: AppContext, id: string | null, fields: DraftFields): { id: string; updatedAt: string } {
  const now = new Date().toISOString();
  const draftId = id ?? randomUUID();
  ctx.store.db.transaction((tx) => {
    if (id === null) insertDraft(tx, { id: draftId, fields, createdAt: now, updatedAt: now });
    else if (!updateDraftFields(tx, id, fields, now)) throw notFound();
  });
  ctx.bus.emit('drafts:changed', { id: draftId, change: 'saved' });
  scheduleDraftSync(ctx, fields.accountId);
  return { id: draftId, updatedAt: now };
}

export function deleteDraft(ctx: AppContext, id: string): { deleted: boolean } {
  const accountId = accountOfDraft(ctx, id);
  const deleted = ctx.store.db.transaction((tx) => deleteDraftRow(tx, id));
  if (deleted) ctx.bus.emit('drafts:changed', { id, change: 'deleted' });
  scheduleDraftSync(ctx, accountId);
  return { deleted };
}

function tooLarge(filename: string): AppError {
  return new AppError(
    'invalid_input',
    `"${filename}" is larger than ${DRAFT_ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB, the most one attachment can be.`,
  );
}

/** One file, or the next chunk of one (`appendTo`), stored with the draft in one transaction. */
export function attachToDraft(ctx: AppContext, input: ChannelParsedInput<'drafts:attach'>): DraftAttachment {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const contentType = input.contentType ?? detectMimeType(input.filename);
  if (input.inline && !contentType.startsWith('image/')) {
    throw new AppError('invalid_input', `"${input.filename}" is not an image, so it cannot be shown in the text.`);
  }
  const now = new Date().toISOString();
  const row = ctx.store.db.transaction((tx) => {
    if (!getDraftRow(tx, input.draftId)) throw notFound();
    touchDraft(tx, input.draftId, now);
    if (input.appendTo === null) {
      return insertAttachment(
        tx,
        {
          draftId: input.draftId,
          filename: input.filename,
          contentType,
          inline: input.inline,
          // The HTML refers to an inline image as cid:<this>; unique, and meaningless outside the message.
          contentId: input.inline ? `${randomUUID()}@letterbox` : null,
          bytes,
        },
        now,
      );
    }
    const existing = attachmentRow(tx, input.draftId, input.appendTo);
    if (!existing) throw new AppError('not_found', 'That attachment is no longer on the draft.');
    if (existing.size + bytes.length > DRAFT_ATTACHMENT_MAX_BYTES) throw tooLarge(existing.filename);
    const size = appendAttachmentBytes(tx, input.draftId, input.appendTo, bytes);
    return { ...existing, size };
  });
  ctx.bus.emit('drafts:changed', { id: input.draftId, change: 'saved' });
  scheduleDraftSync(ctx, accountOfDraft(ctx, input.draftId));
  return toAttachment(row);
}

export function detachFromDraft(ctx: AppContext, draftId: string, attachmentId: string): { removed: boolean } {
  const now = new Date().toISOString();
  const removed = ctx.store.db.transaction((tx) => {
    const gone = removeAttachment(tx, draftId, attachmentId);
    if (gone) touchDraft(tx, draftId, now);
    return gone;
  });
  if (removed) ctx.bus.emit('drafts:changed', { id: draftId, change: 'saved' });
  scheduleDraftSync(ctx, accountOfDraft(ctx, draftId));
  return { removed };
}

export function attachmentData(
  ctx: AppContext,
  input: ChannelParsedInput<'drafts:attachmentData'>,
): ChannelOutput<'drafts:attachmentData'> {
  const row = attachmentRow(ctx.store.db, input.draftId, input.attachmentId);
  if (!row) throw new AppError('not_found', 'That attachment is no longer on the draft.');
  const chunk = attachmentSlice(ctx.store.db, input.draftId, input.attachmentId, input.offset, ATTACH_CHUNK_BYTES);
  const end = input.offset + chunk.length;
  return {
    contentType: row.content_type,
    contentBase64: chunk.toString('base64'),
    size: row.size,
    nextOffset: end < row.size ? end : null,
  };
}

/**
 * Send: the message is built from the draft as saved, then stored in the outbox and the draft
 * removed in one transaction. If the draft changed while the message was being built (an autosave
 * racing the click), nothing is queued and the user is asked to send again.
 */
export async function sendDraft(ctx: AppContext, id: string, sendAt: string | null): Promise<OutboxItem> {
  const db = ctx.store.db;
  const row = getDraftRow(db, id);
  if (!row) throw notFound();
  const fields = parseFields(row);
  const attachments = attachmentsWithBytes(db, id);
  const content = draftToContent(fields, attachments, ctx.settings.get('accounts'));
  const draftJson = outboxDraftJson(content, {
    id,
    createdAt: row.created_at,
    fields,
    attachments: attachments.map((a) => ({ id: a.id, inline: a.inline === 1 })),
  });
  const item = await queueMessage(ctx, content, {
    sendAt,
    undoSeconds: ctx.settings.get('prefs').undoSendSeconds,
    draftJson,
    alongside: (tx) => {
      const now = getDraftRow(tx, id);
      if (!now) throw notFound();
      if (now.version !== row.version) {
        throw new AppError('conflict', 'The draft changed while it was being sent; it was kept. Send it again.');
      }
      deleteDraftRow(tx, id);
    },
  });
  ctx.bus.emit('drafts:changed', { id, change: 'sent' });
  scheduleDraftSync(ctx, fields.accountId);
  return item;
}
