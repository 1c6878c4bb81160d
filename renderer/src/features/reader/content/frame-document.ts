/**
 * The frame's own policy, on top of the app's (which a srcdoc frame inherits and which already
 * allows nothing remote): images only as data: URLs (inline parts and main's copies of allowed
 * remote images), no script, no forms, no base URL, no plugins, no navigation targets.
 */
export const FRAME_CSP = [
  "default-src 'none'",
  'img-src data:',
  'font-src data:',
  "style-src 'none'",
  "script-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** The srcdoc for a sanitized body (see html-sanitize.ts): nothing in it is taken from the message but the body. */
export function frameDocument(body: string): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    `</head><body>${body}</body></html>`,
  ].join('');
}

/** The frame's own look, applied through CSSOM like the message's styles. */
export const FRAME_BASE_CSS = `
  html { color-scheme: light; }
  body { margin: 0; padding: 12px; font: 14px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff;
    overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  img[data-lb-blocked] { display: inline-block; min-width: 16px; min-height: 16px; outline: 1px dashed #999; }
  a { color: #0b57d0; }
  a[data-lb-mismatch] { outline: 2px solid #b3261e; outline-offset: 1px; }
  .lb-mismatch { display: inline-block; margin-left: 4px; padding: 0 4px; border-radius: 3px; font-size: 12px;
    color: #fff; background: #b3261e; }
  pre { white-space: pre-wrap; }
`;
