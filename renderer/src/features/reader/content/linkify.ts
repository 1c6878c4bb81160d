/** Plain text split into text and the web and mail addresses in it, for a reader that never parses HTML. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINK = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"]+|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
// Sentence punctuation after an address belongs to the sentence.
const TRAILING = /[.,;:!?'"»)\]}>]+$/;

function trimTrailing(candidate: string): string {
  let out = candidate.replace(TRAILING, '');
  // "(see https://en.wikipedia.org/wiki/Foo_(bar))": keep a closing parenthesis that closes one in the URL.
  const opens = (candidate.match(/\(/g) ?? []).length;
  while (opens > (out.match(/\)/g) ?? []).length && candidate.length > out.length && candidate[out.length] === ')') {
    out += ')';
  }
  return out;
}

function hrefOf(text: string): string {
  if (/^(?:https?:\/\/|mailto:)/i.test(text)) return text;
  if (/^www\./i.test(text)) return `http://${text}`;
  return `mailto:${text}`;
}

export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    const link = trimTrailing(match[0]);
    if (link.length < 5) continue;
    if (start > at) pieces.push({ kind: 'text', text: text.slice(at, start) });
    pieces.push({ kind: 'link', text: link, href: hrefOf(link) });
    at = start + link.length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}
