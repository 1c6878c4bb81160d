import { AppError } from '../../shared/errors';
import type { Account } from '../../shared/model/account';
import type { DraftFields } from '../../shared/model/draft';
import type { DraftContent, OutgoingAttachment } from '../../shared/model/outbox';
import { parseAddressText } from './addresses';
import type { AttachmentRow } from './draft-store';

/**
 * A draft → what the outbox builds a message from. The account defaults to the first one and the
 * identity to the account's first, since a draft may have been started before either existed.
 * Rich drafts pass an empty text, so the text alternative is made from the HTML as it is now.
 */
export function draftToContent(
  fields: DraftFields,
  attachments: readonly (AttachmentRow & { bytes: Buffer })[],
  accounts: readonly Account[],
): DraftContent {
  const account = fields.accountId === null ? accounts[0] : accounts.find((a) => a.id === fields.accountId);
  if (!account) {
    throw new AppError(
      fields.accountId === null ? 'invalid_input' : 'not_found',
      fields.accountId === null
        ? 'Set up an account to send this message; the draft is kept.'
        : 'The account this draft was written from no longer exists; choose another sender.',
    );
  }
  const identity =
    account.identities.find((i) => i.id === fields.identityId) ??
    (fields.identityId === null ? account.identities[0] : undefined);
  if (!identity) throw new AppError('not_found', 'The sender identity of this draft no longer exists; choose another.');
  const rich = fields.format === 'rich' && fields.html !== null;
  return {
    accountId: account.id,
    identityId: identity.id,
    to: parseAddressText(fields.to, 'To'),
    cc: parseAddressText(fields.cc, 'Cc'),
    bcc: parseAddressText(fields.bcc, 'Bcc'),
    subject: fields.subject,
    text: rich ? '' : fields.text,
    html: rich ? fields.html : null,
    attachments: draftAttachmentsAsContent(attachments),
    inReplyTo: fields.inReplyTo,
    references: fields.references,
  };
}

export function draftAttachmentsAsContent(
  attachments: readonly (AttachmentRow & { bytes: Buffer })[],
): OutgoingAttachment[] {
  return attachments.map((a) => ({
    filename: a.filename,
    contentType: a.content_type,
    contentBase64: a.bytes.toString('base64'),
    contentId: a.inline === 1 ? a.content_id : null,
  }));
}
