/** A property of a thrown value, whatever it is (libraries throw Errors with extra fields, or worse). */
export function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** A string field of a thrown value, trimmed; null when missing or blank. */
export function textField(error: unknown, name: string): string | null {
  const value = field(error, name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Node's code; nodemailer keeps it in `originalCode` and puts its own (ESOCKET, EDNS) in `code`. */
export function errorCode(error: unknown): string | null {
  return textField(error, 'originalCode') ?? textField(error, 'code') ?? textField(field(error, 'cause'), 'code');
}
