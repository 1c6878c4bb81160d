import { useEffect, useMemo, useRef } from 'react';
import { frameDocument } from './content/frame-document';
import { applyFrameStyles } from './content/frame-styles';
import type { SanitizedHtml } from './content/html-sanitize';

interface MessageFrameProps {
  content: SanitizedHtml;
  /** A link was activated (click, Enter); `warning` when its text shows another address. */
  onLink: (href: string, warning: string | null) => void;
}

/**
 * The sanitized HTML in a sandboxed srcdoc frame. sandbox="allow-same-origin" and nothing else:
 * - no allow-scripts, so nothing in the message ever runs (and allow-same-origin without
 *   allow-scripts cannot be used by the message to lift its own sandbox);
 * - allow-same-origin only so this (parent) code can reach the frame's document: to apply the
 *   message's styles through CSSOM (the srcdoc inherits the app's CSP, which blocks inline
 *   styles, and CSSOM is not subject to it), size the frame to its content, and catch link
 *   activations to check them before anything opens;
 * - no allow-popups, allow-top-navigation or allow-forms: a link the handler somehow missed can
 *   only try to navigate the frame itself, which the inherited frame-src policy refuses.
 */
export function MessageFrame({ content, onLink }: MessageFrameProps) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const srcDoc = useMemo(() => frameDocument(content.body), [content.body]);
  const onLinkRef = useRef(onLink);
  const sheetsRef = useRef(content.styleSheets);
  useEffect(() => {
    onLinkRef.current = onLink;
    sheetsRef.current = content.styleSheets;
  });

  useEffect(() => {
    const frame = frameRef.current;
    if (frame === null) return;
    let observer: ResizeObserver | null = null;
    const prepare = () => {
      const doc = frame.contentDocument;
      const win = frame.contentWindow;
      if (doc === null || win === null || doc.body === null) return;
      applyFrameStyles(doc, win, sheetsRef.current);
      const onActivate = (event: Event) => {
        const target = event.target as Element | null;
        const link = typeof target?.closest === 'function' ? target.closest('a[href]') : null;
        if (link === null) return;
        event.preventDefault();
        const href = link.getAttribute('href') ?? '';
        if (href.startsWith('#')) {
          scrollToAnchor(doc, href.slice(1));
          return;
        }
        // Set by html-sanitize after DOMPurify removed every data-* attribute the message had.
        const warning = link.hasAttribute('data-lb-mismatch') ? link.getAttribute('title') : null;
        if (event.type === 'click' || (event as MouseEvent).button === 1) {
          onLinkRef.current(href, warning);
        }
      };
      doc.addEventListener('click', onActivate, true);
      doc.addEventListener('auxclick', onActivate, true);
      const resize = () => {
        frame.style.height = `${Math.max(doc.documentElement.scrollHeight, 40)}px`;
      };
      observer?.disconnect();
      observer = new ResizeObserver(resize);
      observer.observe(doc.documentElement);
      doc.addEventListener('load', resize, true);
      resize();
    };
    frame.addEventListener('load', prepare);
    // The load may already have happened before this effect ran.
    if (frame.contentDocument?.readyState === 'complete' && frame.contentDocument.body?.hasChildNodes()) prepare();
    return () => {
      frame.removeEventListener('load', prepare);
      observer?.disconnect();
    };
  }, [srcDoc]);

  return (
    <iframe
      ref={frameRef}
      className="reader-frame"
      title="Message body"
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
    />
  );
}

/** A jump within the message (a newsletter's contents); DOMPurify prefixed the target's id or name. */
function scrollToAnchor(doc: Document, fragment: string): void {
  let name = fragment;
  try {
    name = decodeURIComponent(fragment);
  } catch {
    // A malformed escape: look the fragment up as written.
  }
  const target =
    doc.getElementById(`user-content-${name}`) ??
    doc.getElementsByName(`user-content-${name}`)[0] ??
    doc.getElementById(name);
  target?.scrollIntoView();
}
