import { Parser } from 'htmlparser2';
import { escapeHtml } from './html-escape';

/**
 * The editor's HTML as it may leave the machine: an allow-list of formatting tags and attributes,
 * rebuilt from htmlparser2's events (the parser html-to-text already uses; DOMPurify needs a DOM,
 * which main does not have). Scripts, event handlers, forms, frames and anything unknown are
 * dropped; links keep only http, https and mailto; images only cid: (our inline parts) and
 * http(s). `<style>` blocks survive so juice can inline them, and nothing here fetches anything.
 */
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div',
  'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'u', 'ul', 'style',
]); // prettier-ignore

/** Dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'template', 'title', 'svg',
  'math', 'form', 'textarea', 'select', 'button', 'xmp', 'noembed', 'noframes', 'head',
]); // prettier-ignore

const VOID_TAGS = new Set(['br', 'hr', 'img', 'col', 'wbr']);

const ALLOWED_ATTRIBUTES = new Set([
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'class', 'color', 'colspan', 'dir', 'face',
  'height', 'lang', 'rowspan', 'size', 'span', 'start', 'style', 'title', 'type', 'valign', 'width',
]); // prettier-ignore

const LINK = /^(https?:|mailto:|#)/i;
const IMAGE = /^(cid:|https?:)/i;
/** CSS that could run code or pull something in when a (very old) client renders it. */
const DANGEROUS_CSS = /expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import/i;

function safeAttributes(tag: string, attribs: Record<string, string>): string {
  let out = '';
  for (const [name, value] of Object.entries(attribs)) {
    const key = name.toLowerCase();
    // Control characters and whitespace can hide a scheme ("java\nscript:"); compare without them.
    const compact = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('');
    const ok =
      (key === 'href' && tag === 'a' && LINK.test(compact)) ||
      (key === 'src' && tag === 'img' && IMAGE.test(compact)) ||
      (key === 'style' && !DANGEROUS_CSS.test(value)) ||
      (key !== 'style' && ALLOWED_ATTRIBUTES.has(key));
    if (ok) out += ` ${key}="${escapeHtml(value)}"`;
  }
  if (tag === 'a' && 'href' in attribs) out += ' rel="noopener noreferrer"';
  return out;
}

export function sanitizeHtml(html: string): string {
  let out = '';
  /** >0 while inside a dropped element: its text and children go too. */
  let dropDepth = 0;
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (dropDepth > 0 || DROP_WITH_CONTENT.has(name)) {
          if (!VOID_TAGS.has(name)) dropDepth += 1;
          return;
        }
        if (!ALLOWED_TAGS.has(name)) return;
        if (name === 'style') inStyle = true;
        out += `<${name}${name === 'style' ? '' : safeAttributes(name, attribs)}>`;
      },
      ontext(text) {
        if (dropDepth > 0) return;
        // Style text is CSS, not markup: only a closing tag could break out of it.
        out += inStyle ? (DANGEROUS_CSS.test(text) ? '' : text.replace(/<\//g, '<\\/')) : escapeHtml(text);
      },
      onclosetag(name) {
        if (dropDepth > 0) {
          if (!VOID_TAGS.has(name)) dropDepth -= 1;
          return;
        }
        if (!ALLOWED_TAGS.has(name) || VOID_TAGS.has(name)) return;
        if (name === 'style') inStyle = false;
        out += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
