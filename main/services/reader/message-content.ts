import type { ChannelParsedInput } from '../../../shared/ipc/contract';
import type { Address } from '../../../shared/model/message';
import type { MessageAttachment, MessageBody, MessageContent } from '../../../shared/model/reader';
import type { ParsedAddress, ParsedMessage } from '../../mail/mime/types';
import type { AppContext } from '../context';
import { downloadBody } from '../download-body';
import { rawStore } from '../sync';
import { fitJson } from './json-budget';
import { readReaderRow, type ReaderRow } from './message-row';
import { readerParser } from './reader-parser';

/** Room in one 1 MiB browser-shell frame for the HTML, the text and everything else. */
const HTML_BUDGET = 560 * 1024;
const TEXT_BUDGET = 280 * 1024;

/**
 * A message for the reader. The raw bytes are parsed again (through the worker pool, so a hostile
 * message can cost a worker but never the app) because the store keeps text and envelope, not
 * the HTML. Bad mail never throws: what could not be read comes back in `warnings`.
 */
export async function getMessageContent(
  ctx: AppContext,
  input: ChannelParsedInput<'messages:get'>,
): Promise<MessageContent> {
  let row = readReaderRow(ctx.store.db, input.id);
  if (row.rawHash === null && input.download && (row.bodyState === 'none' || row.bodyState === 'too_large')) {
    await downloadBody(ctx, input.id);
    row = readReaderRow(ctx.store.db, input.id);
  }
  const raw = row.rawHash === null ? null : await rawStore(ctx).get(row.rawHash);
  if (raw === null) return contentOf(row, null, missingBody(row));
  const parsed = await readerParser(ctx).parse(new Uint8Array(raw));
  const html = parsed.html === null ? null : fitJson(parsed.html, HTML_BUDGET);
  const text = fitJson(parsed.text, TEXT_BUDGET);
  return contentOf(row, parsed, {
    state: 'local',
    html: html?.text ?? null,
    htmlTruncated: html?.cut ?? false,
    text: text.text,
  });
}

function missingBody(row: ReaderRow): MessageBody {
  if (row.bodyState === 'none' || row.bodyState === 'too_large') return { state: 'remote' };
  return {
    state: 'unavailable',
    reason: 'The stored copy of this message is missing. Remove the account and add it again to download it anew.',
  };
}

function addresses(list: readonly ParsedAddress[]): Address[] {
  return list.map((a) => ({ name: a.name, address: a.address }));
}

function contentOf(row: ReaderRow, parsed: ParsedMessage | null, body: MessageBody): MessageContent {
  const html = body.state === 'local' ? (body.html ?? '') : '';
  return {
    id: row.id,
    accountId: row.accountId,
    mailboxId: row.mailboxId,
    subject: parsed?.subject || row.subject,
    // The parsed headers are exact (name and address as written); the row is the list's copy.
    from: parsed?.from ? { name: parsed.from.name, address: parsed.from.address } : row.from,
    replyTo: parsed ? addresses(parsed.replyTo) : [],
    to: parsed ? addresses(parsed.to) : row.to,
    cc: parsed ? addresses(parsed.cc) : row.cc,
    date: row.date,
    unread: row.unread,
    body,
    attachments: (parsed?.attachments ?? []).map((part): MessageAttachment => ({
      partId: part.partId,
      filename: part.filename,
      mimeType: part.mimeType,
      size: part.size,
      contentId: part.contentId,
      inline: part.contentId !== null && referencesCid(html, part.contentId),
    })),
    warnings: parsed?.warnings ?? [],
  };
}

function referencesCid(html: string, contentId: string): boolean {
  return html.toLowerCase().includes(`cid:${contentId.toLowerCase()}`);
}
