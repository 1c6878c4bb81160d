import { AppError } from '../../shared/errors';

export interface MailtoFields {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  inReplyTo: string | null;
}

function decode(part: string): string {
  try {
    // RFC 6068: percent-encoded UTF-8; "+" is a plus sign, not a space.
    return decodeURIComponent(part);
  } catch {
    throw new AppError('invalid_input', 'This mailto: link is damaged (a broken %-escape).');
  }
}

/**
 * A mailto: URL (RFC 6068) → the compose fields it prefills. The addresses before "?" and in
 * to= are joined with the To field; cc, bcc, subject, body and In-Reply-To are taken, everything
 * else is ignored — attach/attachment above all: a link must not be able to pick a local file —
 * and nothing is ever sent from a link.
 */
export function parseMailto(url: string): MailtoFields {
  if (!/^mailto:/i.test(url)) throw new AppError('invalid_input', 'Not a mailto: link.');
  const rest = url.slice('mailto:'.length);
  const question = rest.indexOf('?');
  const path = question < 0 ? rest : rest.slice(0, question);
  const query = question < 0 ? '' : (rest.slice(question + 1).split('#')[0] ?? '');
  const lists: Record<'to' | 'cc' | 'bcc', string[]> = { to: [], cc: [], bcc: [] };
  if (path) lists.to.push(decode(path));
  const fields: MailtoFields = { to: '', cc: '', bcc: '', subject: '', body: '', inReplyTo: null };
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals)).toLowerCase();
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    if (name === 'to' || name === 'cc' || name === 'bcc') {
      if (value.trim()) lists[name].push(value);
    } else if (name === 'subject' && !fields.subject) {
      fields.subject = value.replace(/[\r\n]+/g, ' ');
    } else if (name === 'body' && !fields.body) {
      fields.body = value.replace(/\r\n?/g, '\n');
    } else if (name === 'in-reply-to' && /^<[^<>\s]+>$/.test(value.trim())) {
      fields.inReplyTo = value.trim();
    }
  }
  const join = (values: string[]) =>
    values
      .map((v) => v.replace(/[\r\n]+/g, ' ').trim())
      .filter(Boolean)
      .join(', ');
  return { ...fields, to: join(lists.to), cc: join(lists.cc), bcc: join(lists.bcc) };
}
