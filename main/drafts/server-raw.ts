import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Identity } from '../../shared/model/account';
import type { DraftFields } from '../../shared/model/draft';
import { bodyOptions } from '../outbox/mime-body';
import type { AttachmentRow } from './draft-store';
import { draftAttachmentsAsContent } from './to-content';

/** Address fields as other clients should see them in the Drafts folder: what parses, as typed. */
function lenient(text: string): { name: string; address: string }[] {
  return addressparser(text, { flatten: true }).filter((a) => /^[^\s@]+@[^\s@]+$/.test(a.address));
}

/**
 * The copy of a draft kept in the account's IMAP Drafts folder: a normal message other clients
 * can open and continue, Bcc kept (it is the user's own copy), half-typed addresses left out
 * instead of failing, and a fresh Message-ID per version so the copy we replace is the one we wrote.
 */
export async function buildDraftCopy(
  fields: DraftFields,
  attachments: readonly (AttachmentRow & { bytes: Buffer })[],
  identity: Identity | null,
  now: Date,
): Promise<{ raw: Buffer; messageId: string }> {
  const messageId = `<${randomUUID()}@letterbox.draft>`;
  const rich = fields.format === 'rich' && fields.html !== null;
  const composer = new MailComposer({
    ...(identity ? { from: { name: identity.name, address: identity.address } } : {}),
    to: lenient(fields.to),
    cc: lenient(fields.cc),
    bcc: lenient(fields.bcc),
    subject: fields.subject,
    messageId,
    date: now,
    inReplyTo: fields.inReplyTo ?? undefined,
    references: fields.references.length > 0 ? fields.references : undefined,
    ...bodyOptions({
      text: rich ? '' : fields.text,
      html: rich ? fields.html : null,
      attachments: draftAttachmentsAsContent(attachments),
    }),
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: '\r\n',
    xMailer: false,
  });
  const node = composer.compile();
  node.keepBcc = true;
  return { raw: await node.build(), messageId };
}
