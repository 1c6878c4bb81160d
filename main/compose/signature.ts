import type { Identity } from '../../shared/model/account';
import type { ComposeKind } from '../../shared/model/draft';
import { escapeHtml, textToHtml } from './html-escape';
import type { BodyBlock } from './quote';

/** The RFC 3676 §4.3 delimiter line that lets readers fold a signature away. */
export const SIGNATURE_DELIMITER = '-- ';

/**
 * The signature for this kind of message: replies and forwards use the reply signature when the
 * identity has one. The HTML variant is used in rich mode when set; otherwise the plain one is
 * escaped. Null when the identity has none.
 */
export function signatureFor(identity: Identity, kind: ComposeKind): BodyBlock | null {
  // A reply signature of its own (plain or HTML) replaces both variants of the new-message one.
  const own = kind !== 'new' && (identity.replySignature !== null || identity.replySignatureHtml !== null);
  const text = ((own ? identity.replySignature : identity.signature) ?? '').replace(/\r\n?/g, '\n');
  const html = own ? identity.replySignatureHtml : identity.signatureHtml;
  if (text.trim() === '' && !html) return null;
  // Signatures saved with their own delimiter (the old single field often has one) are not doubled.
  const body = text.startsWith(`${SIGNATURE_DELIMITER}\n`) ? text.slice(SIGNATURE_DELIMITER.length + 1) : text;
  return {
    text: `${SIGNATURE_DELIMITER}\n${body}`,
    // Sanitized again with the rest of the body when the message is built.
    html: `<div class="signature">${escapeHtml(SIGNATURE_DELIMITER)}<br>${html ?? textToHtml(body)}</div>`,
  };
}

/**
 * The starting body: the opening text (an empty line to write in, or a mailto: body), then signature and quote in the order the user
 * chose (`above`: signature before the quote, as in top-posting; `below`: after it).
 */
export function assembleBody(
  signature: BodyBlock | null,
  quoted: BodyBlock | null,
  placement: 'above' | 'below',
  opening: BodyBlock | null = null,
): BodyBlock {
  const blocks = placement === 'above' ? [signature, quoted] : [quoted, signature];
  const present = blocks.filter((b): b is BodyBlock => b !== null);
  return {
    text: [opening?.text ?? '', ...present.map((b) => b.text)].join('\n\n'),
    html: `${opening?.html ?? '<p></p>'}${present.map((b) => b.html).join('')}`,
  };
}
