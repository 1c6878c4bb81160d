import type { Security } from '../../../../shared/model/account';
import { UsageError } from '../../args';

const IMPLICIT_PORTS = new Set([993, 995, 465]);
const DEFAULT_PORTS = {
  imap: { implicit: 993, starttls: 143 },
  pop3: { implicit: 995, starttls: 110 },
  smtp: { implicit: 465, starttls: 587 },
} as const;

/** `HOST[:PORT]` plus an optional `--…-security`; the port decides the security when none is given. */
export function parseServerFlag(
  flag: string,
  value: string,
  security: string | undefined,
  protocol: keyof typeof DEFAULT_PORTS,
): { host: string; port: number; security: Security } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match?.[1]) throw new UsageError(`${flag} takes HOST or HOST:PORT, not "${value}"`);
  const chosen = parseSecurity(flag, security);
  const explicitPort = match[2] === undefined ? null : Number(match[2]);
  if (explicitPort !== null && (explicitPort < 1 || explicitPort > 65_535))
    throw new UsageError(`${flag}: no port ${explicitPort}`);
  const resolved: Security =
    chosen ?? (explicitPort === null || IMPLICIT_PORTS.has(explicitPort) ? 'implicit' : 'starttls');
  const port = explicitPort ?? DEFAULT_PORTS[protocol][resolved === 'implicit' ? 'implicit' : 'starttls'];
  return { host: match[1], port, security: resolved };
}

export function parseSecurity(flag: string, value: string | undefined): Security | undefined {
  if (value === undefined) return undefined;
  if (value === 'implicit' || value === 'starttls') return value;
  // Plaintext is possible in the app after an explicit warning, not by a flag typed in passing.
  throw new UsageError(`${flag} security must be implicit or starttls, not "${value}"`);
}

/** Accepts `AB:CD:…`, `abcd…` or `sha256/AB:CD…`, returning Node's fingerprint256 form. */
export function normalizeFingerprint(value: string): string {
  const hex = value
    .replace(/^sha-?256[:/]?/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
  if (hex.length !== 64)
    throw new UsageError(`--trust-fingerprint needs a SHA-256 fingerprint (64 hex digits), not "${value}"`);
  return hex.match(/../g)?.join(':') ?? hex;
}
