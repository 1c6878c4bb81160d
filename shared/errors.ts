/**
 * Error codes that cross the IPC boundary. Messages are written for the user: what happened and
 * what to do. Anything unexpected becomes `internal`.
 */
export const ERROR_CODES = [
  'unknown_channel',
  'invalid_input',
  'not_found',
  'internal',
  'profile_unwritable',
  'store_too_new',
  'store_unavailable',
  'secrets_unavailable',
  'disconnected',
  /** The thing exists but is in a state that does not allow this (a message already sent). */
  'conflict',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
