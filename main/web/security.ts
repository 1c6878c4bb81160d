import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The browser shell's guards. Anything on this machine can reach a loopback port, including web
 * pages in the user's browser, so every request proves it came from the page we served: the
 * per-run token, our own Host (DNS rebinding), and for the socket our own Origin.
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time, and hashing first means a wrong length is not a shortcut either. */
export function tokenMatches(candidate: string | null, token: string): boolean {
  if (candidate === null) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(token));
}

/** The hosts a browser may legitimately use for this server; a rebinding attack sends its own name. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The request's Host if it is one of ours, else null. */
export function checkedHost(request: IncomingMessage, port: number): string | null {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host) ? host : null;
}

/** A page served from this server sends exactly its own origin when it opens the socket. */
export function originMatches(request: IncomingMessage, host: string): boolean {
  return request.headers.origin === `http://${host}`;
}

export function tokenFromUrl(url: URL): string | null {
  return url.searchParams.get('token');
}

/**
 * The renderer's own policy (from its index.html meta, so the two cannot drift) plus what only a
 * header can say: the socket's address and frame-ancestors, which browsers ignore in a meta.
 */
export function headerPolicy(metaPolicy: string, host: string): string {
  const directives = metaPolicy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^(connect-src|frame-ancestors)\b/.test(directive));
  directives.push(`connect-src 'self' ws://${host}`, "frame-ancestors 'none'");
  return directives.join('; ');
}

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i;

export function metaPolicyOf(html: string): string | null {
  return META_CSP.exec(html)?.[1]?.replace(/\s+/g, ' ').trim() ?? null;
}

/** Sent with every response. */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;
