/** The parts of an address autoconfig works with; the domain lower-cased (DNS is case-blind). */
export interface AddressParts {
  email: string;
  localPart: string;
  domain: string;
}

// A host name as the account model accepts it (letters, digits, hyphens, dots), 253 chars at most.
const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Splits at the last @ (a quoted local part may contain one); null when it is not an address. */
export function splitAddress(input: string): AddressParts | null {
  const email = input.trim();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1 || /\s/.test(email)) return null;
  const domain = email
    .slice(at + 1)
    .replace(/\.$/, '')
    .toLowerCase();
  if (!isHostName(domain) || !domain.includes('.')) return null;
  return { email, localPart: email.slice(0, at), domain };
}

export function isHostName(host: string): boolean {
  return HOST.test(host);
}

/** A DNS answer's host name without the root dot, lower-cased. */
export function normalizeHost(host: string): string {
  return host.replace(/\.$/, '').toLowerCase();
}

const PLACEHOLDER = /%([A-Z]+)%/g;

/**
 * Replaces the Mozilla autoconfig placeholders (%EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%).
 * Returns null when the template uses any other placeholder (e.g. %REALNAME%), which we cannot
 * fill in and must not pass on literally as a login name or host.
 */
export function fillPlaceholders(template: string, parts: AddressParts): string | null {
  let unknown = false;
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'EMAILADDRESS') return parts.email;
    if (name === 'EMAILLOCALPART') return parts.localPart;
    if (name === 'EMAILDOMAIN') return parts.domain;
    unknown = true;
    return whole;
  });
  return unknown ? null : filled;
}

/** True when `host` is `suffix` or a name under it (label boundary, so "evilgoogle.com" ≠ "google.com"). */
export function hostHasSuffix(host: string, suffix: string): boolean {
  const name = normalizeHost(host);
  return name === suffix || name.endsWith(`.${suffix}`);
}
