import type { DraftFields } from '../../../../shared/model/draft';
import { parseAddresses, type ParsedAddresses } from './address-list';

export type AddressFieldName = 'to' | 'cc' | 'bcc';
export const ADDRESS_FIELDS: readonly { name: AddressFieldName; label: string }[] = [
  { name: 'to', label: 'To' },
  { name: 'cc', label: 'Cc' },
  { name: 'bcc', label: 'Bcc' },
];

export interface ComposeCheck {
  parsed: Record<AddressFieldName, ParsedAddresses>;
  recipients: number;
  /** Why Send is unavailable, in words; null when it can be sent. */
  blocked: string | null;
}

/** Why Send is unavailable (no account, a bad address, nobody to send to), or null. */
export function checkCompose(fields: Pick<DraftFields, 'to' | 'cc' | 'bcc' | 'identityId'>): ComposeCheck {
  const parsed = { to: parseAddresses(fields.to), cc: parseAddresses(fields.cc), bcc: parseAddresses(fields.bcc) };
  const recipients = ADDRESS_FIELDS.reduce((sum, field) => sum + parsed[field.name].addresses.length, 0);
  const invalid = ADDRESS_FIELDS.filter((field) => parsed[field.name].error !== undefined).map((field) => field.label);
  let blocked: string | null = null;
  if (fields.identityId === null) blocked = 'Add an account to send: this draft is kept until then.';
  else if (invalid.length > 0) blocked = `Correct the address in ${invalid.join(' and ')} to send.`;
  else if (recipients === 0) blocked = 'Add a recipient to send.';
  return { parsed, recipients, blocked };
}

/** The send-later time as main wants it (an ISO instant), or why it cannot be used. */
export function sendLaterTime(value: string, now = Date.now()): { iso: string } | { error: string } {
  const time = value === '' ? Number.NaN : new Date(value).getTime();
  if (Number.isNaN(time)) return { error: 'Choose a date and time' };
  if (time <= now) return { error: 'Choose a time in the future' };
  return { iso: new Date(time).toISOString() };
}

/** A datetime-local value for one hour from now, on the minute: a starting point to adjust. */
export function defaultSendLater(now = new Date()): string {
  const later = new Date(now.getTime() + 60 * 60_000);
  later.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`;
}
