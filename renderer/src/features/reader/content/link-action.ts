import { isSafeExternalUrl } from '../../../../../shared/security/external-url';

/** What clicking a link in a message does; decided before anything is opened. */
export type LinkAction =
  { kind: 'web'; url: string } | { kind: 'mailto'; url: string } | { kind: 'refused'; reason: string };

export function classifyLink(href: string): LinkAction {
  const url = href.trim();
  if (/^mailto:/i.test(url)) {
    return isSafeExternalUrl(url) ? { kind: 'mailto', url } : { kind: 'refused', reason: 'This mail link is empty.' };
  }
  if (/^https?:/i.test(url) && isSafeExternalUrl(url)) return { kind: 'web', url };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return {
    kind: 'refused',
    reason: scheme
      ? `Links of the kind "${scheme}:" are not opened from mail: they can start programs on this computer.`
      : 'This link has no web or mail address to open.',
  };
}
