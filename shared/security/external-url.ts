const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

// The WHATWG URL parser exists in every runtime we target (Node, Electron, Chromium), but shared/
// compiles without DOM or Node types, so name just the part we use.
interface ParsedUrl {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  pathname: string;
  search: string;
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/**
 * Whether a link may be handed to the operating system. Anything else (file:, javascript:,
 * custom app schemes, smb: …) is how clients have been turned into launchers for local programs.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: ParsedUrl;
  try {
    url = new WhatwgUrl(raw);
  } catch {
    return false;
  }
  if (!EXTERNAL_SCHEMES.has(url.protocol)) return false;
  if (url.protocol === 'mailto:') return url.pathname.length > 0 || url.search.length > 0;
  // Credentials in a web link are a classic way to disguise the real host.
  return url.hostname.length > 0 && url.username === '' && url.password === '';
}
