import { FRAME_BASE_CSS } from './frame-document';
import { PARKED_STYLE } from './html-sanitize';

type FrameWindow = Window & { CSSStyleSheet: typeof CSSStyleSheet };

/**
 * The frame's base look, the message's sanitized <style> blocks and its parked style attributes,
 * all through CSSOM: the srcdoc inherits the app's CSP, which (rightly) refuses inline styles,
 * and CSSOM is not subject to it. Call it from the parent once the frame has loaded.
 */
export function applyFrameStyles(doc: Document, win: Window, styleSheets: readonly string[]): void {
  const frameWindow = win as FrameWindow;
  doc.adoptedStyleSheets = [FRAME_BASE_CSS, ...styleSheets].map((css) => {
    const sheet = new frameWindow.CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });
  for (const element of doc.querySelectorAll<HTMLElement>(`[${PARKED_STYLE}]`)) {
    element.style.cssText = element.getAttribute(PARKED_STYLE) ?? '';
  }
}
