import type { DraftAttachment } from '../../../../shared/model/draft';
import type { SendLimit } from '../../../../shared/model/send-limit';
import { sizeText } from './attachment-size';

/** Top-level headers: From, To, Subject, Date, Message-ID, MIME-Version and the multipart ones. */
const MESSAGE_HEADER_BYTES = 600;
/** Per MIME part: its boundary line and its Content-Type, -Transfer-Encoding, -Disposition and -ID. */
const PART_HEADER_BYTES = 220;
/** Base64 lines carry 76 characters plus CRLF. */
const LINE = 76;

/** When the server said nothing usable: what most providers accept (Gmail, Outlook.com). */
export const FALLBACK_LIMIT_BYTES = 25_000_000;

const utf8 = new TextEncoder();

/** Base64 of `bytes`: 4 characters per 3 bytes, in lines of 76 with CRLF. */
export function base64Size(bytes: number): number {
  const encoded = 4 * Math.ceil(bytes / 3);
  return encoded + 2 * Math.ceil(encoded / LINE);
}

/**
 * A text part as nodemailer encodes it: ASCII stays as it is (quoted-printable adds a soft
 * break per 76 characters), other bytes become =XX; text that is mostly not ASCII goes base64.
 */
function textPartSize(text: string): number {
  const bytes = utf8.encode(text);
  let high = 0;
  for (const byte of bytes) if (byte > 0x7e) high += 1;
  if (high > bytes.length / 3) return base64Size(bytes.length);
  const quoted = bytes.length + 2 * high;
  return quoted + 3 * Math.ceil(quoted / LINE);
}

export interface MessageParts {
  to: string;
  cc: string;
  subject: string;
  text: string;
  /** Null in plain-text mode: one text part only. */
  html: string | null;
  attachments: readonly Pick<DraftAttachment, 'size' | 'filename'>[];
}

/**
 * The size of the message as it will go to the server (MIME-encoded): headers, the text part and
 * (rich mode) the HTML part, and every attachment and inline image in base64, which is 4/3 of
 * the file. What the SMTP SIZE limit is compared with.
 */
export function estimateMessageSize(message: MessageParts): number {
  const headers = MESSAGE_HEADER_BYTES + utf8.encode(`${message.to}${message.cc}${message.subject}`).length;
  const body = textPartSize(message.text) + (message.html === null ? 0 : textPartSize(message.html));
  const parts = (message.html === null ? 1 : 2) + message.attachments.length;
  const files = message.attachments.reduce(
    (sum, attachment) => sum + base64Size(attachment.size) + utf8.encode(attachment.filename).length,
    0,
  );
  return headers + body + files + parts * PART_HEADER_BYTES;
}

/**
 * The warning shown while composing when the message is larger than the sending server takes,
 * in words; null when it fits. Without a limit from the server, the common 25 MB rule applies
 * and the words say the server's own limit is not known.
 */
export function sizeWarning(estimate: number, limit: SendLimit | null): string | null {
  const about = `This message is about ${sizeText(estimate)}`;
  const advice = 'It will probably be refused; share a link instead or remove an attachment.';
  if (limit?.state === 'advertised' && limit.limit !== null) {
    return estimate > limit.limit ? `${about}; ${limit.host} accepts up to ${sizeText(limit.limit)}. ${advice}` : null;
  }
  if (estimate <= FALLBACK_LIMIT_BYTES) return null;
  const unknown =
    limit === null
      ? 'the sending server’s limit is not known yet'
      : limit.state === 'unlimited'
        ? `${limit.host} did not say how large a message it accepts`
        : `the limit of ${limit.host} is not known yet (Letterbox learns it when it checks the account or sends)`;
  return `${about}; ${unknown}, and most servers refuse messages above ${sizeText(FALLBACK_LIMIT_BYTES)}. ${advice}`;
}
