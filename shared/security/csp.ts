/**
 * The app window's Content-Security-Policy. No inline script or style, no plugins, no framing,
 * nothing fetched from the network: mail content is shown later in its own sandboxed iframe with
 * its own, stricter policy. renderer/index.html carries the same policy as a meta tag (a unit test
 * keeps them equal) so it holds even where no header is set.
 */
export const APP_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
};

export function buildCsp(overrides: Readonly<Record<string, string>> = {}): string {
  const merged = { ...APP_CSP_DIRECTIVES, ...overrides };
  return Object.entries(merged)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
