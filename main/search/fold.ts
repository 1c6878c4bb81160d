/**
 * Text as the full-text index sees it. FTS5's `unicode61 remove_diacritics 2` tokenizer already
 * folds case and accents (é → e), but it keeps ß as ß and a run of CJK characters as one token,
 * so "strasse" would miss "Straße" and 日本語 would miss 日本語のメール. Both are fixed here, on
 * the index side (SQL functions the triggers call) and the query side alike:
 * - NFKC first, so full-width Latin and compatibility forms index like their plain letters;
 * - ß/ẞ → ss (the German convention, and what a keyboard without ß types);
 * - CJK runs → overlapping bigrams plus the run's last character, each a token of its own
 *   (the usual CJK indexing scheme: any substring of two or more characters becomes a phrase of
 *   consecutive bigrams, and one character a prefix query).
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\uff70]+/gu;
const CJK_ONE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\uff70]$/u;
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

function bigrams(run: string, withLast: boolean): string {
  const chars = [...run];
  if (chars.length === 1) return chars[0] ?? '';
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}`);
  if (withLast) pairs.push(chars.at(-1) ?? '');
  return pairs.join(' ');
}

function baseFold(value: string): string {
  return value.normalize('NFKC').replace(/[ßẞ]/g, 'ss');
}

/** What the index stores for a text column. */
export function indexText(value: string | null | undefined): string {
  if (!value) return '';
  // Most mail is ASCII: nothing to do, and this runs inside every message insert.
  if (!NON_ASCII.test(value)) return value;
  return baseFold(value).replace(CJK_RUN, (run) => ` ${bigrams(run, true)} `);
}

/** Names and addresses of a `to_json`/`cc_json` column ([{ name, address }]). */
export function indexAddresses(json: string | null | undefined): string {
  if (!json || json === '[]') return '';
  const list = parseArray(json);
  return indexText(
    list
      .map((entry) => (isRecord(entry) ? `${str(entry.name)} ${str(entry.address)}` : ''))
      .join(' ')
      .trim(),
  );
}

/** File names of an `attachments` column (the parser's ParsedAttachment list). */
export function indexFileNames(json: string | null | undefined): string {
  if (!json || json === '[]') return '';
  return indexText(
    parseArray(json)
      .map((entry) => (isRecord(entry) ? str(entry.filename) : ''))
      .filter((name) => name.length > 0)
      .join(' '),
  );
}

/**
 * One query term as an FTS5 phrase string (quoted, so no user text is ever FTS5 syntax). A CJK run
 * at the end of the term leaves out its last-character token (the stored text may go on after it);
 * a term ending in a single CJK character becomes a prefix query, which finds it as the first
 * half of a bigram or as the last character of a run. Null when the term has nothing to index.
 */
export function ftsPhrase(term: string, prefix: boolean): string | null {
  if (!/[\p{L}\p{N}]/u.test(term)) return null;
  const folded = baseFold(term);
  const runs = [...folded.matchAll(CJK_RUN)];
  const lastRun = runs.at(-1);
  const endsInRun = lastRun !== undefined && (lastRun.index ?? 0) + lastRun[0].length === folded.length;
  const text = folded.replace(CJK_RUN, (run, offset: number) => {
    const atEnd = offset + run.length === folded.length;
    return ` ${bigrams(run, !atEnd)} `;
  });
  const endsInOneChar = endsInRun && CJK_ONE.test(lastRun[0]);
  return `"${text.trim().replace(/"/g, '""')}"${prefix || endsInOneChar ? ' *' : ''}`;
}

/** Lowercased, accents and ß folded: what highlighting compares (see highlight.ts). */
export function foldChar(char: string): string {
  if (char.length === 1 && char.charCodeAt(0) < 0x80) return char.toLowerCase();
  if (char === 'ß' || char === 'ẞ') return 'ss';
  return char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function parseArray(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
