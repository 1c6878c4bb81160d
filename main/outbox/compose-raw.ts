import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Identity } from '../../shared/model/account';
import type { DraftContent, MailAddress } from '../../shared/model/outbox';
import { AppError } from '../../shared/errors';
import { bodyOptions } from './mime-body';

export interface BuiltMessage {
  /** Sent byte-for-byte on every attempt and filed to Sent as is. */
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
  subject: string;
  toSummary: string;
}

function domainOf(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return /^[a-z0-9.-]+$/.test(domain) ? domain : 'letterbox.invalid';
}

/**
 * An internationalised domain in its ASCII (punycode) form, as the headers carry it (nodemailer
 * does that there): a server without SMTPUTF8 accepts only that in MAIL FROM and RCPT TO.
 */
export function asciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || /^[\x21-\x7e]*$/.test(domain)) return address;
  return `${address.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

/** Every recipient once (To, Cc and Bcc together), compared without case, in the order given. */
function envelopeRecipients(draft: DraftContent): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const { address: typed } of [...draft.to, ...draft.cc, ...draft.bcc]) {
    const address = asciiDomain(typed);
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push(address);
  }
  return recipients;
}

function summary(addresses: readonly MailAddress[]): string {
  return addresses.map((a) => a.name || a.address).join(', ');
}

const asHeaderAddress = (a: MailAddress) => ({ name: a.name, address: a.address });

/**
 * The message as it will go out, built once (DESIGN §6) with a stable Message-ID. Addresses are
 * passed as {name, address} objects so nodemailer encodes them instead of parsing text, and file
 * and URL access is off: a draft is data, never an instruction to read the disk or the network.
 * The body's shape (rich with a text alternative, or one flowed text part) is mime-body.ts's job.
 */
export async function buildRawMessage(draft: DraftContent, identity: Identity, now: Date): Promise<BuiltMessage> {
  const to = envelopeRecipients(draft);
  if (to.length === 0) throw new AppError('invalid_input', 'Add at least one recipient (To, Cc or Bcc).');
  const messageId = `<${randomUUID()}@${domainOf(identity.address)}>`;
  const composer = new MailComposer({
    from: { name: identity.name, address: identity.address },
    replyTo: identity.replyTo ?? undefined,
    to: draft.to.map(asHeaderAddress),
    cc: draft.cc.map(asHeaderAddress),
    // Bcc never becomes a header: those recipients are only in the envelope.
    subject: draft.subject,
    messageId,
    date: now,
    inReplyTo: draft.inReplyTo ?? undefined,
    references: draft.references.length > 0 ? draft.references : undefined,
    ...bodyOptions(draft),
    envelope: { from: asciiDomain(identity.address), to },
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: '\r\n',
    xMailer: false,
  });
  const raw = await composer.compile().build();
  return {
    raw,
    messageId,
    envelope: { from: asciiDomain(identity.address), to },
    subject: draft.subject.replace(/\s*[\r\n]+\s*/g, ' '),
    toSummary: summary([...draft.to, ...draft.cc, ...draft.bcc]),
  };
}
