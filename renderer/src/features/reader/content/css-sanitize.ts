/**
 * CSS from a message made inert: nothing in it may load anything the user did not allow, and
 * nothing old browsers would execute survives. `resolveUrl` decides each url(): a data: URL to
 * use, or null to drop it. Pure string work, so it is tested without a DOM.
 */
export type UrlResolver = (url: string) => string | null;

// Old IE script hooks and a Mozilla binding: never meaningful in mail, always hostile.
const EXECUTABLE = /expression\s*\(|behaviou?r\s*:|-moz-binding|javascript\s*:|vbscript\s*:/i;
// image-set("x.png" 1x) loads its strings without url(); src() is CSS Values 4's url().
const IMPLICIT_LOADERS = /(?:-webkit-)?image-set\s*\(|\bsrc\s*\(/gi;
const URL_FUNCTION = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)'"\s]*))\s*\)/gi;

/**
 * CSS escapes (`\75 rl(`, `u\rl(`) could spell url( or expression( past every check below, so
 * they are decoded first: the checks then see exactly the text the browser will parse.
 */
function withoutEscapes(css: string): string {
  return css.replace(/\\(?:([0-9a-f]{1,6})\s?|(\n)|([^\n]))/gi, (_m, hex?: string, newline?: string, char?: string) => {
    if (newline) return '';
    if (char) return char;
    const code = parseInt(hex ?? '0', 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

/** image-set(…) and src(…) with everything inside them replaced by `none`. */
function withoutImplicitLoaders(css: string): string {
  let out = '';
  let at = 0;
  for (const match of css.matchAll(IMPLICIT_LOADERS)) {
    if (match.index < at) continue;
    out += `${css.slice(at, match.index)}none`;
    let depth = 1;
    let quote: string | null = null;
    let i = match.index + match[0].length;
    for (; i < css.length && depth > 0; i += 1) {
      const c = css[i];
      if (quote !== null) quote = c === quote ? null : quote;
      else if (c === '"' || c === "'") quote = c;
      else if (c === '(') depth += 1;
      else if (c === ')') depth -= 1;
    }
    at = i;
  }
  return out + css.slice(at);
}

function rewriteUrls(css: string, resolveUrl: UrlResolver): string {
  return withoutImplicitLoaders(css).replace(URL_FUNCTION, (_match, dq?: string, sq?: string, bare?: string) => {
    const resolved = resolveUrl((dq ?? sq ?? bare ?? '').trim());
    return resolved === null ? 'none' : `url("${resolved.replace(/["\\\n\r]/g, '')}")`;
  });
}

/** A style attribute's declarations; '' when it holds anything executable. */
export function sanitizeInlineCss(css: string, resolveUrl: UrlResolver): string {
  const plain = withoutEscapes(css);
  if (EXECUTABLE.test(plain)) return '';
  return rewriteUrls(plain, resolveUrl);
}

/**
 * A <style> block: @import and @charset rules removed, every url() resolved or dropped; '' when
 * it holds anything executable. Markup has no place in CSS: any `<` goes.
 */
export function sanitizeStyleSheet(css: string, resolveUrl: UrlResolver): string {
  const plain = withoutEscapes(css)
    .replace(/</g, '')
    .replace(/@import[^;]*;?/gi, '')
    .replace(/@charset[^;]*;?/gi, '')
    .replace(/@namespace[^;]*;?/gi, '');
  if (EXECUTABLE.test(plain)) return '';
  return rewriteUrls(plain, resolveUrl);
}

/** Every url() a piece of CSS names, for the "remote content blocked" count. */
export function cssUrls(css: string): string[] {
  return [...withoutEscapes(css).matchAll(URL_FUNCTION)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim());
}
