import addressparser from 'nodemailer/lib/addressparser';
import { AppError } from '../../shared/errors';
import { MailAddressSchema, type MailAddress } from '../../shared/model/outbox';

export type AddressField = 'To' | 'Cc' | 'Bcc';

/**
 * What was typed in an address field → addresses, through a real RFC 5322 parser: a comma inside
 * a quoted name (`"Doe, Jane" <jane@example.com>`) is part of the name, and groups are flattened.
 * An entry that is not one address is an invalid_input error naming it, so the user can fix it.
 */
export function parseAddressText(text: string, field: AddressField): MailAddress[] {
  if (text.trim() === '') return [];
  const addresses: MailAddress[] = [];
  for (const entry of addressparser(text, { flatten: true })) {
    if (!entry.address && !entry.name) continue;
    const checked = MailAddressSchema.safeParse({ name: entry.name, address: entry.address });
    if (!checked.success) {
      const shown = entry.address || entry.name;
      throw new AppError('invalid_input', `${field}: "${shown}" is not an email address.`);
    }
    addresses.push(checked.data);
  }
  return addresses;
}

/** A display name that needs quoting in a header (RFC 5322 specials or leading/trailing space). */
const NEEDS_QUOTES = /[()<>[\]:;@\\,."]/;

/** One address as a person would type it, and as parseAddressText reads it back unchanged. */
export function formatAddress({ name, address }: MailAddress): string {
  if (!name) return address;
  const shown = NEEDS_QUOTES.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${shown} <${address}>`;
}

export function formatAddressList(addresses: readonly MailAddress[]): string {
  return addresses.map(formatAddress).join(', ');
}
