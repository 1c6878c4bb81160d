/**
 * format=flowed (RFC 3676) for plain-text mail: long paragraphs are cut into lines of at most
 * FLOWED_WIDTH characters that end in a space (a soft break the reader's client rejoins), hard
 * breaks have no trailing space, and lines that start with a space, ">" or "From " are
 * space-stuffed so they are not read as a flowed marker, a quote or an mbox separator.
 */
export const FLOWED_WIDTH = 76;

const SIGNATURE_SEPARATOR = '-- ';

function stuff(line: string): string {
  return line.startsWith(' ') || line.startsWith('>') || line.startsWith('From ') ? ` ${line}` : line;
}

/** Cuts after spaces so each piece but the last ends in one (the soft break). Long words stay whole. */
function wrap(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width - 1);
    if (cut <= 0) {
      cut = rest.indexOf(' ', width);
      if (cut < 0) break;
    }
    pieces.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  pieces.push(rest);
  return pieces;
}

/** One typed line (a hard break after it) → its flowed lines, keeping its quote depth on each. */
function flowLine(line: string): string[] {
  const quote = /^>+/.exec(line)?.[0] ?? '';
  // Our own quoting writes "> "; the space after the markers belongs to the quote, not the text.
  const body = quote ? line.slice(quote.length).replace(/^ /, '') : line;
  if (body === SIGNATURE_SEPARATOR) return [quote ? `${quote} ${body}` : body];
  const trimmed = body.replace(/[ \t]+$/, '');
  const prefix = quote ? `${quote} ` : '';
  const width = Math.max(20, FLOWED_WIDTH - prefix.length);
  return wrap(trimmed, width).map((piece) => (quote ? prefix + piece : stuff(piece)));
}

/** The text as a format=flowed body (CRLF line ends are added by the MIME builder). */
export function toFlowed(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').flatMap(flowLine).join('\n');
}

/** The reader's side, for tests and for quoting a flowed original: soft breaks rejoined, stuffing removed. */
export function fromFlowed(body: string): string {
  const out: string[] = [];
  let pending: string | null = null;
  let pendingQuote = '';
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const quote = /^>+/.exec(raw)?.[0] ?? '';
    let line = raw.slice(quote.length);
    if (line.startsWith(' ')) line = line.slice(1);
    const soft = line.endsWith(' ') && line !== SIGNATURE_SEPARATOR;
    if (pending !== null && quote !== pendingQuote) {
      out.push(pendingQuote ? `${pendingQuote} ${pending}` : pending);
      pending = null;
    }
    pending = (pending ?? '') + line;
    pendingQuote = quote;
    if (!soft) {
      out.push(quote ? `${quote} ${pending}` : pending);
      pending = null;
    }
  }
  if (pending !== null) out.push(pendingQuote ? `${pendingQuote} ${pending}` : pending);
  return out.join('\n');
}
