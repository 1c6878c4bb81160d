/**
 * Phishing's oldest trick: a link whose text shows one address and whose target is another.
 * Flags a link when its visible text reads as a web address or e-mail address and the target
 * goes somewhere else (another host, or a website instead of that mailbox). Text that is not an
 * address ("Click here") is never flagged: there is nothing to contradict.
 */
export interface LinkMismatch {
  /** What the text shows: a host or an e-mail address. */
  shown: string;
  /** Where the link really goes: a host, an e-mail address, or the scheme. */
  actual: string;
}

const EMAIL = /^(?:mailto:)?([^\s@<>()]+@[^\s@<>()]+\.[^\s@<>().]{2,})$/i;
// A bare host or URL: "example.com", "www.bank.com/login", "https://bank.com".
const URL_LIKE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^\s/@:]+@)?[^\s/?#:@]+\.[a-z\u00a1-\uffff]{2,}\.?(?::\d+)?(?:[/?#]\S*)?$/iu;

function hostOf(raw: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    return normalizeHost(url.hostname);
  } catch {
    return null;
  }
}

function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

function targetOf(href: string): { kind: 'mail'; address: string } | { kind: 'web'; host: string } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') {
    const address = decodeURIComponent(url.pathname.split(',')[0] ?? '')
      .trim()
      .toLowerCase();
    return { kind: 'mail', address };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'web', host: normalizeHost(url.hostname) };
  return null;
}

export function linkMismatch(text: string, href: string): LinkMismatch | null {
  const shown = text.replace(/\s+/g, ' ').trim().replace(/^<|>$/g, '');
  if (shown === '' || shown.length > 2048) return null;
  const target = targetOf(href.trim());
  const actual = (t: NonNullable<typeof target>) => (t.kind === 'mail' ? t.address : t.host);
  const email = EMAIL.exec(shown);
  if (email?.[1]) {
    const address = email[1].toLowerCase();
    if (target?.kind === 'mail' && target.address === address) return null;
    return { shown: address, actual: target ? actual(target) : schemeOf(href) };
  }
  if (!URL_LIKE.test(shown)) return null;
  const shownHost = hostOf(shown);
  if (shownHost === null) return null;
  if (target?.kind === 'web' && target.host === shownHost) return null;
  return { shown: shownHost, actual: target ? actual(target) : schemeOf(href) };
}

function schemeOf(href: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(href.trim())?.[1]?.toLowerCase().concat(':') ?? href.slice(0, 60);
}
