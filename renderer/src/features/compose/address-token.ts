import type { Contact } from '../../../../shared/model/draft';

/** The entry being typed in an address list: where it starts and ends, and its text. */
export interface AddressToken {
  start: number;
  end: number;
  text: string;
}

/**
 * Finds the entry around the caret. Commas and semicolons separate entries only outside quotes
 * and angle brackets ("Doe, Jane" <jane@x.org> is one entry): the same rule the parser applies.
 */
export function tokenAt(value: string, caret: number): AddressToken {
  const separators: number[] = [];
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === '\\' && quoted) i += 1;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle = true;
    else if (!quoted && char === '>') angle = false;
    else if (!quoted && !angle && (char === ',' || char === ';')) separators.push(i);
  }
  const before = separators.filter((index) => index < caret);
  const start = before.length === 0 ? 0 : (before[before.length - 1] ?? -1) + 1;
  const end = separators.find((index) => index >= caret) ?? value.length;
  return { start, end, text: value.slice(start, end).trim() };
}

/** `Name <address>`, the name quoted when it holds characters the address syntax reserves. */
export function formatContact(contact: Pick<Contact, 'name' | 'address'>): string {
  const name = contact.name.trim();
  if (name === '' || name === contact.address) return contact.address;
  const safe = /^[\p{L}\p{N} !#$%&'*+\-/=?^_`{|}~]+$/u.test(name);
  return `${safe ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`} <${contact.address}>`;
}

/** The list with the entry at `token` replaced by the chosen contact, ready for the next one. */
export function replaceToken(value: string, token: AddressToken, contact: Pick<Contact, 'name' | 'address'>) {
  const head = value.slice(0, token.start).trimEnd();
  const tail = value.slice(token.end).replace(/^[,;]\s*/, '');
  const entry = formatContact(contact);
  const text = `${head === '' ? '' : `${head} `}${entry}, ${tail}`;
  return { value: text, caret: text.length - tail.length };
}
