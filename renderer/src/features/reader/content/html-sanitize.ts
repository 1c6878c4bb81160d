import DOMPurify from 'dompurify';
import { sanitizeInlineCss, sanitizeStyleSheet, type UrlResolver } from './css-sanitize';
import { inertMarkup, RAW_STYLE } from './inert-markup';
import { linkMismatch } from './link-mismatch';

export interface SanitizeOptions {
  /** Remote URL → data: URL fetched by main once the user allowed remote content; null while blocked. */
  remote: ReadonlyMap<string, string> | null;
  /** Content-ID (lowercase, no brackets) → data: URL of the inline part. */
  cid: ReadonlyMap<string, string>;
}

export interface SanitizedHtml {
  /** Body markup: no script, no handler, no form, nothing that loads; styles parked in data-lb-style. */
  body: string;
  /** The message's <style> blocks, made inert; applied through CSSOM (see MessageFrame). */
  styleSheets: string[];
  /** Remote resources the message asks for (loaded only from `remote`). */
  remoteUrls: string[];
  /** Links whose text shows another address than their target. */
  mismatches: { shown: string; actual: string }[];
}

/** The attribute a sanitized style waits in until MessageFrame applies it through CSSOM. */
export const PARKED_STYLE = 'data-lb-style';

const FORBID_TAGS = [
  'script', 'style', 'base', 'meta', 'link', 'form', 'input', 'button', 'select', 'option', 'textarea',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe', 'svg', 'math',
  'audio', 'video', 'source', 'track', 'picture', 'template', 'slot', 'noscript', 'dialog', 'canvas', 'title',
]; // prettier-ignore
const FORBID_ATTR = [
  'srcset', 'sizes', 'poster', 'action', 'formaction', 'ping', 'target', 'download', 'autofocus', 'tabindex',
  'contenteditable', 'popover', 'popovertarget', 'xmlns', 'xlink:href', 'usemap', 'is', 'nonce',
]; // prettier-ignore
// DOMPurify tests every attribute that is not "URI safe" against this, so it must pass plain
// values ("100", "center") as its default does; of the values with a scheme only web, mail and
// cid: pass. What a link or image then really does is decided below and when it is clicked.
const ALLOWED_URI = /^(?:(?:https?|mailto|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;
const URL_ATTRIBUTES = ['src', 'background'] as const;

function isRemote(url: string): boolean {
  return /^(?:https?:)?\/\//i.test(url.trim());
}

function absolute(url: string): string {
  return url.trim().startsWith('//') ? `https:${url.trim()}` : url.trim();
}

/**
 * HTML from a message as something safe to show: DOMPurify with a tight configuration, then a
 * pass over the result that resolves every resource (cid: → the inline part, remote → blocked
 * or main's fetched copy, anything else dropped), parks styles for CSSOM and marks links whose
 * text and target disagree. The frame it is shown in adds its own CSP and sandbox on top.
 */
export function sanitizeMessageHtml(html: string, options: SanitizeOptions): SanitizedHtml {
  const remoteUrls = new Set<string>();
  const resolve: UrlResolver = (raw) => {
    const url = raw.trim();
    if (/^cid:/i.test(url)) return options.cid.get(cidOf(url)) ?? null;
    if (SAFE_DATA_IMAGE.test(url)) return url;
    if (isRemote(url)) {
      remoteUrls.add(absolute(url));
      return options.remote?.get(absolute(url)) ?? null;
    }
    return null;
  };

  const inert = inertMarkup(html);
  const root = DOMPurify.sanitize(inert.html, {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: [RAW_STYLE],
    ADD_URI_SAFE_ATTR: [RAW_STYLE],
    ALLOW_UNKNOWN_PROTOCOLS: false,
    SANITIZE_NAMED_PROPS: true,
  });

  // Resolving also counts: every remote url() the sanitized CSS keeps lands in remoteUrls.
  const styleSheets = inert.styleSheets.map((css) => sanitizeStyleSheet(css, resolve));
  const body = root.querySelector('body') ?? root;
  for (const element of [body, ...body.querySelectorAll('*')]) {
    parkStyle(element, resolve);
    for (const name of URL_ATTRIBUTES) resolveAttribute(element, name, resolve);
  }
  const mismatches = markLinks(body);
  // The body element's own look (bgcolor, style) moves to a wrapper: only its children are kept.
  const wrapper = body.ownerDocument.createElement('div');
  wrapper.className = 'lb-message';
  for (const name of ['bgcolor', PARKED_STYLE]) {
    const value = body.getAttribute(name);
    if (value !== null) wrapper.setAttribute(name, value);
  }
  wrapper.append(...body.childNodes);
  return { body: wrapper.outerHTML, styleSheets, remoteUrls: [...remoteUrls], mismatches };
}

function cidOf(url: string): string {
  const raw = url.slice(4).trim().replace(/^<|>$/g, '');
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

function parkStyle(element: Element, resolve: UrlResolver): void {
  const css = element.getAttribute(RAW_STYLE);
  if (css === null) return;
  element.removeAttribute(RAW_STYLE);
  const safe = sanitizeInlineCss(css, resolve);
  if (safe.trim() !== '') element.setAttribute(PARKED_STYLE, safe);
}

function resolveAttribute(element: Element, name: string, resolve: UrlResolver): void {
  const value = element.getAttribute(name);
  if (value === null) return;
  const resolved = resolve(value);
  if (resolved === null) {
    element.removeAttribute(name);
    if (isRemote(value)) element.setAttribute('data-lb-blocked', '');
  } else {
    element.setAttribute(name, resolved);
  }
}

function markLinks(body: Element): { shown: string; actual: string }[] {
  const found: { shown: string; actual: string }[] = [];
  for (const link of body.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    link.setAttribute('rel', 'noopener noreferrer');
    const mismatch = linkMismatch(link.textContent, href);
    if (!mismatch) continue;
    found.push(mismatch);
    link.setAttribute('data-lb-mismatch', '');
    link.setAttribute('title', `Careful: this link shows ${mismatch.shown} but goes to ${mismatch.actual}`);
    const marker = link.ownerDocument.createElement('span');
    marker.className = 'lb-mismatch';
    marker.setAttribute('role', 'note');
    marker.textContent = `⚠ goes to ${mismatch.actual}`;
    link.after(marker);
  }
  return found;
}
