/**
 * A name from a message (an attachment's filename) as a safe name for one file in one folder:
 * no path separators, no control or invisible characters, no leading dots (hidden files, `..`),
 * no Windows device names or characters Windows refuses, at most MAX_BYTES of UTF-8, and the
 * extension kept so the file still opens with the right program. Never empty.
 */
export const MAX_FILE_NAME_BYTES = 200;
const FALLBACK = 'attachment';

// C0, DEL, C1 controls; bidi overrides and isolates (U+202E makes "gpj.exe" read as "exe.jpg");
// zero-width and other invisible format characters; line and paragraph separators.
// Matching control characters and combining marks is the point of this class.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/gu;
// Characters Windows refuses (separators are gone by the time this applies).
const UNSAFE = /[:*?"<>|]/gu;
// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (with superscript digits too) are devices on Windows,
// whatever the extension: "nul.txt" opens the null device.
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³])$/iu;
const MAX_EXTENSION_CHARS = 16;

export function sanitizeFileName(raw: string | null | undefined, maxBytes = MAX_FILE_NAME_BYTES): string {
  // NFKC turns full-width and other compatibility forms (／, ．) into the plain characters the
  // rules below then catch. Path segments that only climb or repeat ('', '.', '..') are dropped.
  let name = (raw ?? '')
    .normalize('NFKC')
    .replace(/[\t\n\r\v\f]+/gu, ' ')
    .replace(INVISIBLE, '')
    .split(/[/\\\u2044\u2215\u29f8\u29f9]/u)
    .filter((segment) => !/^[.\s]*$/u.test(segment))
    .join('_')
    .replace(UNSAFE, '_');
  name = name.replace(/\s+/gu, ' ').trim();
  // Leading dots hide the file (and ".." climbs); trailing dots and spaces vanish on Windows.
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  if (name === '') return FALLBACK;
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && name.length - dot - 1 <= MAX_EXTENSION_CHARS;
  let stem = hasExtension ? name.slice(0, dot) : name;
  const extension = hasExtension ? name.slice(dot) : '';
  const deviceName = stem.split('.')[0] ?? '';
  if (RESERVED.test(deviceName.trim())) stem = `_${stem}`;
  stem = cutToBytes(stem, Math.max(1, maxBytes - utf8Length(extension))).replace(/[.\s]+$/u, '');
  return `${stem === '' ? FALLBACK : stem}${extension}`;
}

/** "name (2).ext" for the n-th alternative when "name.ext" is taken. */
export function numberedFileName(name: string, n: number, maxBytes = MAX_FILE_NAME_BYTES): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  const suffix = ` (${n})`;
  return `${cutToBytes(stem, Math.max(1, maxBytes - utf8Length(suffix + extension)))}${suffix}${extension}`;
}

// shared/ has neither TextEncoder's DOM nor Node's types: count UTF-8 bytes per code point.
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The longest prefix of whole code points that fits in `maxBytes` of UTF-8. */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
