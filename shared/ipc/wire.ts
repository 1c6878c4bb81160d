import { isErrorCode } from '../errors';
import type { Envelope } from './envelope';

/**
 * The browser shell's WebSocket protocol: JSON text frames carrying the same envelopes as
 * Electron IPC. Hand-written guards instead of zod so the browser bridge stays a few KB; the
 * dispatcher behind the server validates channel and input against the contract anyway.
 */

/** URL paths the shell server owns next to the renderer's static files. */
export const WIRE_PATHS = {
  socket: '/__letterbox/ipc',
  bridge: '/__letterbox/bridge.js',
} as const;

/** Largest frame either side accepts; generous for list pages, small enough to bound memory. */
export const WIRE_MAX_PAYLOAD = 1024 * 1024;

export interface InvokeMessage {
  type: 'invoke';
  /** Chosen by the client, echoed in the result; unique among that client's pending calls. */
  id: number;
  channel: string;
  input: unknown;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  envelope: Envelope<unknown>;
}

export interface EventMessage {
  type: 'event';
  event: string;
  payload: unknown;
}

export type ClientMessage = InvokeMessage;
export type ServerMessage = ResultMessage | EventMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Parses one client frame; `null` for anything that is not a well-formed invoke. */
export function parseClientMessage(text: string): ClientMessage | null {
  const value = parseJson(text);
  if (!isRecord(value) || value.type !== 'invoke' || !isId(value.id) || typeof value.channel !== 'string') {
    return null;
  }
  return { type: 'invoke', id: value.id, channel: value.channel, input: value.input };
}

/** The id of a frame that was not a valid invoke, when one can be recovered, so the caller gets an answer. */
export function recoverInvokeId(text: string): number | null {
  const value = parseJson(text);
  return isRecord(value) && isId(value.id) ? value.id : null;
}

/** Parses one server frame; `null` for anything unexpected (the bridge drops it). */
export function parseServerMessage(text: string): ServerMessage | null {
  const value = parseJson(text);
  if (!isRecord(value)) return null;
  if (value.type === 'event' && typeof value.event === 'string') {
    return { type: 'event', event: value.event, payload: value.payload };
  }
  if (value.type === 'result' && isId(value.id) && isEnvelope(value.envelope)) {
    return { type: 'result', id: value.id, envelope: value.envelope };
  }
  return null;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return (
    value.ok === false &&
    isRecord(value.error) &&
    isErrorCode(value.error.code) &&
    typeof value.error.message === 'string'
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
