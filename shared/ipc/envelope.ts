import type { ErrorInfo } from '../errors';

/**
 * What every invoke resolves to. Errors travel as data rather than as thrown exceptions because
 * Electron's IPC and contextBridge strip custom fields (the code) from thrown errors.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
