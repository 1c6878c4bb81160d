import { Parser } from 'htmlparser2';

/** Where a style attribute waits (as text) until html-sanitize checks it. */
export const RAW_STYLE = 'data-lb-css';

const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'noscript']);
const DROPPED = new Set(['base', 'meta', 'link']);
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]); // prettier-ignore

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/**
 * Message HTML with what the browser would report as CSP violations on the app's page taken
 * out before DOMPurify parses it: even an inert DOMParser document checks inline styles,
 * handlers, <script>, <style> and <base> against the page's policy and reports each one. Event
 * handlers, scripts, <base>, <meta> and <link> go; style attributes are kept as text in
 * RAW_STYLE and <style> blocks are returned separately, both for html-sanitize to check. This is
 * not the sanitizer: DOMPurify still sanitizes everything this returns.
 */
export function inertMarkup(html: string): { html: string; styleSheets: string[] } {
  let out = '';
  const styleSheets: string[] = [];
  let dropDepth = 0;
  let styleText: string | null = null;
  // Inside <svg> or <math> a <style> is foreign content with other parsing rules: never kept.
  let foreignDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'svg' || name === 'math') foreignDepth += 1;
        if (dropDepth > 0 || DROPPED_WITH_CONTENT.has(name)) {
          dropDepth += 1;
          if (name === 'style' && dropDepth === 1 && foreignDepth === 0) styleText = '';
          return;
        }
        if (DROPPED.has(name)) return;
        let tag = `<${name}`;
        for (const [key, value] of Object.entries(attributes)) {
          if (key.startsWith('on') || !/^[a-z_:][-a-z0-9_:.]*$/.test(key)) continue;
          tag += ` ${key === 'style' ? RAW_STYLE : key}="${escapeAttribute(value)}"`;
        }
        out += `${tag}>`;
      },
      ontext(text) {
        if (styleText !== null) styleText += text;
        else if (dropDepth === 0) out += escapeText(text);
      },
      onclosetag(name, implied) {
        if ((name === 'svg' || name === 'math') && foreignDepth > 0) foreignDepth -= 1;
        if (dropDepth > 0) {
          dropDepth -= 1;
          if (dropDepth === 0 && styleText !== null) {
            styleSheets.push(styleText);
            styleText = null;
          }
          return;
        }
        if (DROPPED.has(name) || VOID.has(name) || implied) return;
        out += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { html: out, styleSheets };
}
