/** A server reply taken apart: "550 5.1.1 <x@y>: no such user" → 550, "5.1.1", "<x@y>: no such user". */
export interface ParsedReply {
  code: number | null;
  enhanced: string | null;
  /** The text of every line without codes, lines joined by a space. */
  text: string;
}

const LINE = /^(\d{3})(?:[ -]|$)(?:([245]\.\d{1,3}\.\d{1,3})(?:\s+|$))?(.*)$/;

export function parseReply(reply: string): ParsedReply {
  const lines = reply.split(/\r?\n/).filter((line) => line.trim() !== '');
  let code: number | null = null;
  let enhanced: string | null = null;
  const texts: string[] = [];
  for (const line of lines) {
    const match = LINE.exec(line.trim());
    if (!match) {
      texts.push(line.trim());
      continue;
    }
    code ??= Number(match[1]);
    enhanced ??= match[2] ?? null;
    if (match[3]) texts.push(match[3].trim());
  }
  return { code, enhanced, text: texts.join(' ') };
}

// The forms final replies name the queue entry in, most specific first. Each captures the id.
const QUEUE_ID_FORMS: readonly RegExp[] = [
  /\bqueued as ([A-Za-z0-9][\w.@-]*)/i, // Postfix "Ok: queued as 4F3A2B1C", qmail, many others
  /\bid=([A-Za-z0-9][\w.@-]*)/i, // Exim "OK id=1abc-000123-AB"
  /\baccepted as #?([A-Za-z0-9][\w.@-]*)/i, // "Message accepted as #12" (the test harness), Mailgun-like
  /<([^<>\s]+)>/, // "250 2.6.0 <id@host> Queued mail for delivery" (Exchange), "Message accepted ... <id>"
  /^([A-Za-z0-9][\w.-]{5,}) Message accepted for delivery/i, // Sendmail "3AUH1a2b012345 Message accepted for delivery"
  /^OK\s+\d+\s+(\S+)\s+-\s+gsmtp/i, // Gmail "OK  1700000000 d9443c01a7336-1c9d... - gsmtp"
  /^Ok\s+([0-9a-f]{16,}-[\w-]+)$/i, // Amazon SES "Ok 0100018b9f...-000000"
];

/**
 * The queue id in a final 250 reply, or null. "OK: message queued", smtp-server's default reply,
 * names none. Not every server gives one; it is only shown to the user and never relied on.
 */
export function parseQueueId(reply: string): string | null {
  const { code, text } = parseReply(reply);
  if (code !== null && (code < 200 || code > 299)) return null;
  for (const form of QUEUE_ID_FORMS) {
    const id = form.exec(text)?.[1];
    if (id) return id;
  }
  return null;
}
