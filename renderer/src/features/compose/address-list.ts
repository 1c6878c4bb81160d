import addressparser from 'nodemailer/lib/addressparser';
import { MailAddressSchema, type MailAddress } from '../../../../shared/model/outbox';

export interface ParsedAddresses {
  addresses: MailAddress[];
  /** The first entry that is not a usable address, in words; undefined when all are fine. */
  error?: string;
}

/** A whole email address and nothing else: what a display name must not be (see below). */
const LONE_ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/**
 * "Ada <ada@example.com>, "Lovelace, A" <al@example.org>, team: b@x.org;" → addresses, through
 * nodemailer's RFC 5322 parser (the same one main uses for the command line): never split on
 * commas by hand. Each entry is then checked with the contract's own schema, so what passes here
 * is what main accepts.
 */
export function parseAddresses(text: string): ParsedAddresses {
  const addresses: MailAddress[] = [];
  if (text.trim() === '') return { addresses };
  for (const entry of addressparser(text, { flatten: true })) {
    // "ada@x.org bob@y.org" parses as bob@y.org being Ada's display name: mail would silently miss Bob.
    if (entry.address !== '' && LONE_ADDRESS.test(entry.name)) {
      return { addresses, error: `Put a comma between ${entry.address} and ${entry.name}` };
    }
    const checked = MailAddressSchema.safeParse({ name: entry.name, address: entry.address });
    if (!checked.success) {
      const shown = entry.address || entry.name || text.trim();
      return { addresses, error: `“${shown}” is not an email address` };
    }
    addresses.push(checked.data);
  }
  return { addresses };
}
