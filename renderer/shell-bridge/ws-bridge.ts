/**
 * Browser-shell bridge: defines `window.mail` over a WebSocket to main/web/server.ts, so the
 * renderer build runs unchanged in plain Chromium. Built on its own as a classic IIFE script
 * that the server puts before the app's module script, so `window.mail` exists before any app
 * code runs — exactly as the Electron preload guarantees.
 */
import type { ErrorInfo } from '../../shared/errors';
import type { MailApi } from '../../shared/ipc/api';
import { isChannelName, isEventName, type ChannelName, type EventName } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput, EventPayload } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';
import { parseServerMessage, WIRE_PATHS, type InvokeMessage } from '../../shared/ipc/wire';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

const DISCONNECTED: ErrorInfo = {
  code: 'disconnected',
  message: 'Lost the connection to Letterbox. It is reconnecting; try again in a moment.',
};

// Opened without the server's page (a saved copy, a hand-typed URL): say what to do instead.
const NO_TOKEN: ErrorInfo = {
  code: 'disconnected',
  message: 'This page was not opened from the address printed by npm run web; open that address.',
};

type Resolve = (envelope: Envelope<unknown>) => void;

/** Calls made while no socket is open; sent on the next open, failed on the next close. */
const queued: { message: InvokeMessage; resolve: Resolve }[] = [];
/** Calls sent on the current socket and waiting for their result. */
const pending = new Map<number, Resolve>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let retryMs = RETRY_MIN_MS;

// The server writes the per-run token into the page it serves; the page URL has it too, but
// the meta keeps the bridge independent of how the page was reached (history, reloads).
const token = document.querySelector('meta[name="letterbox-token"]')?.getAttribute('content') ?? '';

function connect(): void {
  const url = `ws://${location.host}${WIRE_PATHS.socket}?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url);
  socket = ws;
  ws.addEventListener('open', () => {
    retryMs = RETRY_MIN_MS;
    for (const call of queued.splice(0)) transmit(ws, call.message, call.resolve);
  });
  ws.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    const message = parseServerMessage(event.data);
    if (message?.type === 'result') {
      pending.get(message.id)?.(message.envelope);
      pending.delete(message.id);
    } else if (message?.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  // 'close' follows 'error' too, so one handler covers a refused connection and a dropped one.
  ws.addEventListener('close', () => {
    socket = null;
    failAll();
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  });
}

function transmit(ws: WebSocket, message: InvokeMessage, resolve: Resolve): void {
  pending.set(message.id, resolve);
  ws.send(JSON.stringify(message));
}

function failAll(): void {
  const failed = [...pending.values(), ...queued.splice(0).map((call) => call.resolve)];
  pending.clear();
  for (const resolve of failed) resolve({ ok: false, error: DISCONNECTED });
}

function send(channel: ChannelName, input: unknown): Promise<Envelope<unknown>> {
  if (token === '') return Promise.resolve({ ok: false, error: NO_TOKEN });
  return new Promise((resolve) => {
    const message: InvokeMessage = { type: 'invoke', id: nextId++, channel, input };
    if (socket?.readyState === WebSocket.OPEN) transmit(socket, message, resolve);
    else queued.push({ message, resolve });
  });
}

const mail = {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
    // Same allow-list as the Electron preload: anything else never leaves the page.
    if (!isChannelName(channel)) {
      const message = `Unknown request "${String(channel).slice(0, 80)}".`;
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message } });
    }
    // The server answers with the contract's output for this channel (main validates outputs).
    return send(channel, input) as Promise<Envelope<ChannelOutput<C>>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (!isEventName(event)) return () => undefined;
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    // Main validated the payload against the contract before the bus forwarded it.
    const wrapped = (payload: unknown) => listener(payload as EventPayload<E>);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
} satisfies MailApi;

Object.defineProperty(window, 'mail', { value: Object.freeze(mail), enumerable: true });
if (token !== '') connect();
