import { convert } from 'html-to-text';
import juice from 'juice';
import type Mail from 'nodemailer/lib/mailer';
import { toFlowed } from '../compose/flowed';
import { sanitizeHtml } from '../compose/sanitize-html';
import type { DraftContent } from '../../shared/model/outbox';

/** The body and attachment options MailComposer takes, decided by the draft's mode. */
export type BodyOptions = Pick<Mail.Options, 'text' | 'html' | 'alternatives' | 'attachments'>;

/**
 * The text alternative of a rich message: links kept as "text [url]", inline images left out.
 * html-to-text trims the signature delimiter "-- " (RFC 3676 §4.3) to "--" and leaves the blank
 * lines of its paragraph after it; readers fold the signature away only with the exact line.
 */
export function htmlToPlain(html: string): string {
  const text = convert(html, {
    wordwrap: 76,
    selectors: [
      { selector: 'a', options: { hideLinkIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
  return text.replace(/^-- ?\n(?:[ \t]*\n)*/gm, '-- \n');
}

/**
 * Rich mode (html set): the editor's HTML through the allow-list, its <style> rules inlined by
 * juice (mail clients drop <style> blocks), a text/plain alternative from html-to-text unless the
 * caller wrote one, and inline images as multipart/related parts referenced by `cid:`.
 * Plain mode (html null): exactly one text/plain part, format=flowed.
 */
export function bodyOptions(draft: Pick<DraftContent, 'text' | 'html' | 'attachments'>): BodyOptions {
  const attachments: Mail.Attachment[] = draft.attachments.map((attachment) => ({
    filename: attachment.filename.replace(/[\r\n]+/g, ' '),
    contentType: attachment.contentType ?? undefined,
    content: Buffer.from(attachment.contentBase64, 'base64'),
    ...(attachment.contentId && draft.html !== null ? { cid: attachment.contentId } : {}),
    // A forwarded message is an attachment; MailComposer would show message/* parts inline.
    ...(/^message\//i.test(attachment.contentType ?? '') ? { contentDisposition: 'attachment' as const } : {}),
  }));
  if (draft.html === null) {
    return {
      // One part whose Content-Type says format=flowed; MailComposer's `text` cannot carry it.
      alternatives: [{ contentType: 'text/plain; charset=utf-8; format=flowed', content: toFlowed(draft.text) }],
      attachments,
    };
  }
  const html = juice(sanitizeHtml(draft.html), { removeStyleTags: true, preserveMediaQueries: false });
  const text = draft.text.trim() === '' ? htmlToPlain(html) : draft.text;
  return { text, html, attachments };
}
