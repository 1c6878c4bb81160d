import type { TextSegment } from '../../shared/model/search';
import { foldChar } from './fold';
import type { HighlightTerm } from './query/compile';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;
/** Bodies are searched for a match this far; a hit further in falls back to the stored snippet. */
const SCAN_CHARS = 64 * 1024;
const BEFORE = 60;
const WINDOW = 220;

interface Needle {
  text: string;
  /** CJK needles match anywhere; others at a word start, and to a word end unless a prefix. */
  anywhere: boolean;
  prefix: boolean;
}

/** The folded words of the terms that apply to a field. */
export function needlesFor(terms: readonly HighlightTerm[], fields: readonly string[]): Needle[] {
  const needles: Needle[] = [];
  for (const term of terms) {
    if (!fields.includes(term.field)) continue;
    const folded = [...term.value].map(foldChar).join('');
    const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
    words.forEach((word, i) => {
      const prefix = term.prefix && i === words.length - 1;
      // A word mixing CJK and Latin is split the same way as the index splits it.
      for (const piece of word.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/u)) {
        if (piece) needles.push({ text: piece, anywhere: CJK.test(piece), prefix });
      }
    });
  }
  return needles;
}

/** `text` lowercased with accents and ß folded, and where each folded character came from. */
function fold(text: string): { folded: string; origin: number[] | null } {
  if (!NON_ASCII.test(text)) return { folded: text.toLowerCase(), origin: null };
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = foldChar(char);
    for (let k = 0; k < f.length; k++) origin.push(index);
    folded += f;
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

/** Ranges [start, end) of `text` where a needle matches, sorted and merged. */
export function matchRanges(text: string, needles: readonly Needle[]): [number, number][] {
  if (needles.length === 0 || text.length === 0) return [];
  const { folded, origin } = fold(text);
  const at = (i: number) => (origin ? (origin[i] ?? text.length) : i);
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    for (let from = folded.indexOf(needle.text); from >= 0; from = folded.indexOf(needle.text, from + 1)) {
      const end = from + needle.text.length;
      if (!needle.anywhere) {
        if (from > 0 && WORD_CHAR.test(folded.charAt(from - 1))) continue;
        if (!needle.prefix && end < folded.length && WORD_CHAR.test(folded.charAt(end))) continue;
      }
      let stop = end;
      if (needle.prefix) while (stop < folded.length && WORD_CHAR.test(folded.charAt(stop))) stop++;
      ranges.push([at(from), at(stop)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Text cut into plain and matching segments: data for the renderer, never markup. */
export function segments(text: string, ranges: readonly [number, number][], from = 0, to = text.length): TextSegment[] {
  const out: TextSegment[] = [];
  let cursor = from;
  const push = (end: number, match: boolean) => {
    if (end > cursor) out.push({ text: text.slice(cursor, end), match });
    cursor = Math.max(cursor, end);
  };
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    push(Math.max(start, from), false);
    push(Math.min(end, to), true);
  }
  push(to, false);
  return out;
}

/**
 * The snippet shown under a result: a window of the body around its first match, or the stored
 * snippet (with whatever matches it has) when the body has none or is not downloaded.
 */
export function snippetSegments(body: string | null, stored: string, needles: readonly Needle[]): TextSegment[] {
  const scanned = body ? body.slice(0, SCAN_CHARS) : '';
  const ranges = matchRanges(scanned, needles);
  const first = ranges[0];
  if (!first) return tidy(segments(stored, matchRanges(stored, needles)));
  let start = Math.max(0, first[0] - BEFORE);
  if (start > 0) {
    const space = scanned.indexOf(' ', start);
    if (space >= 0 && space < first[0]) start = space + 1;
  }
  let end = Math.min(scanned.length, start + WINDOW);
  if (end < scanned.length) {
    const space = scanned.lastIndexOf(' ', end);
    if (space > first[1]) end = space;
  }
  const cut = segments(scanned, ranges, start, end);
  if (start > 0) cut.unshift({ text: '…', match: false });
  if (end < (body?.length ?? 0)) cut.push({ text: '…', match: false });
  return tidy(cut);
}

/** Whitespace collapsed inside segments (line breaks in a one-line snippet), empty ones dropped. */
function tidy(list: TextSegment[]): TextSegment[] {
  return list
    .map((segment) => ({ text: segment.text.replace(/\s+/g, ' '), match: segment.match }))
    .filter((segment) => segment.text.length > 0);
}
