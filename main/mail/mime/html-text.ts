// Readable text from HTML mail, for the search index and the snippet only (never for display).
// postal-mime has a converter, but it keeps <style> contents and inlines link targets, which
// would put CSS and tracking URLs into search results. This is a single forward scan, so
// hostile markup (unclosed tags, comments, scripts) costs linear time.

/** Elements whose content is never readable text. */
const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'object', 'iframe']);
/** Elements that start a new line in the rendered text. */
const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul'.split(
    ' ',
  ),
);
/** Cells sit side by side. */
const CELL = new Set(['td', 'th']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  zwnj: '',
  zwj: '',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  times: '×',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (match, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? match;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;

/** Index just past the `>` that closes the tag opened at `from`, honouring quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote = '';
  let previous = '';
  for (let i = from; i < html.length; i++) {
    const c = html[i] ?? '';
    if (quote) {
      if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && previous === '=') {
      // As in browsers, a quote only opens a value right after `=`; a stray one is just a character.
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') previous = c;
  }
  return html.length;
}

/** Where the content of a dropped element ends; a <head> also ends where <body> starts. */
function dropEnd(html: string, name: string, from: number): number {
  const close = name === 'head' ? /<\/head[\s/>]|<body[\s/>]/gi : new RegExp(`</${name}[\\s/>]`, 'gi');
  close.lastIndex = from;
  const found = close.exec(html);
  // Without an end tag everything after is dropped, as a browser would.
  return found ? tagEnd(html, found.index + 1) : html.length;
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      out.push(html.slice(pos));
      break;
    }
    out.push(html.slice(pos, lt));
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      pos = close < 0 ? html.length : close + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      pos = tagEnd(html, lt);
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(html);
    if (!tag) {
      out.push('<');
      pos = lt + 1;
      continue;
    }
    const closing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    pos = tagEnd(html, lt + tag[0].length);
    if (!closing && DROPPED.has(name) && html[pos - 2] !== '/') {
      pos = dropEnd(html, name, pos);
    } else if (BLOCK.has(name)) {
      out.push('\n');
    } else if (CELL.has(name)) {
      out.push(' ');
    }
  }
  // Each run of blanks becomes one space, and blanks next to a line break go. The patterns match
  // only runs that change: most of a text is single spaces, and replacing each of those with
  // itself was most of this function's time.
  return decodeEntities(out.join(''))
    .replace(/ [^\S\n]+|[^\S\n ][^\S\n]*/g, ' ')
    .replace(/ \n ?|\n /g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A signature separator, or the header of a quoted original in Outlook-style replies. */
const END_OF_NEW_TEXT = /^(-- ?|_{10,}|-{3,} ?Original Message ?-{3,}|-{3,} ?Forwarded message ?-{3,})$/i;
/** postal-mime frames the headers of an inlined forwarded message with rules of dashes. */
const POSTAL_RULE = /^-{10,}$/;
/** "On Tue, Ada wrote:" and its translations end with a colon right before a quote. */
const ATTRIBUTION = /:\s*$/;

/**
 * About `maxChars` characters of the new text of a message: quoted lines ("> …"), their
 * attribution line and everything after a signature separator are left out where they are easy
 * to spot. Falls back to the whole text when that leaves nothing (a reply that is all quote).
 */
export function makeSnippet(text: string, maxChars: number): string {
  const lines = text.split('\n', 2000);
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length && length < maxChars; i++) {
    const line = (lines[i] ?? '').trim();
    if (END_OF_NEW_TEXT.test(line)) break;
    if (line.startsWith('>') || POSTAL_RULE.test(line)) continue;
    if (ATTRIBUTION.test(line) && quoteFollows(lines, i + 1)) continue;
    if (line) {
      kept.push(line);
      length += line.length + 1;
    }
  }
  const collapsed = (kept.length ? kept.join(' ') : text).replace(/\s+/g, ' ').trim();
  return truncate(collapsed, maxChars);
}

function quoteFollows(lines: string[], from: number): boolean {
  for (let i = from; i < Math.min(lines.length, from + 3); i++) {
    const line = (lines[i] ?? '').trim();
    if (line) return line.startsWith('>');
  }
  return false;
}

/** Cuts to at most `maxChars` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const last = text.charCodeAt(maxChars - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
}
