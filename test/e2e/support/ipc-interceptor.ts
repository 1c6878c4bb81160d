import type { Page, WebSocketRoute } from 'playwright-core';
import type { Envelope } from '../../../shared/ipc/envelope';
import { parseClientMessage, type InvokeMessage, type ServerMessage } from '../../../shared/ipc/wire';

export interface IpcInterceptor {
  /** Every invoke the page sent, in order. */
  readonly seen: InvokeMessage[];
  /** How many times the page opened its IPC socket (more than once: it reconnected). */
  connections(): number;
  /** Sends an invoke that was held back on to the real server. */
  release(channel: string): void;
  /** Pushes a server message to the page as if main had sent it. */
  push(message: ServerMessage): void;
}

/**
 * What to do with one invoke: let it through, keep it until release(), answer it here, or drop
 * the page's connection as if main had gone away.
 */
export type Decision = { pass: true } | { hold: true } | { answer: Envelope<unknown> } | { drop: true };

/**
 * Sits between the page and the real shell server (Playwright's WebSocket routing), so a test can
 * hold a call to see the loading state, or fail one to see the error state. Everything else goes
 * through to the real dispatcher untouched. Must be installed before the page loads.
 */
export async function interceptIpc(page: Page, decide: (invoke: InvokeMessage) => Decision): Promise<IpcInterceptor> {
  const seen: InvokeMessage[] = [];
  const held: { channel: string; frame: string }[] = [];
  let route: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
  let connections = 0;

  await page.routeWebSocket(/\/__letterbox\/ipc\?/, (ws) => {
    const server = ws.connectToServer();
    route = { page: ws, server };
    connections += 1;
    ws.onMessage((frame) => {
      const text = typeof frame === 'string' ? frame : frame.toString('utf8');
      const invoke = parseClientMessage(text);
      if (invoke === null) return server.send(text);
      seen.push(invoke);
      const decision = decide(invoke);
      if ('hold' in decision) held.push({ channel: invoke.channel, frame: text });
      else if ('answer' in decision)
        ws.send(JSON.stringify({ type: 'result', id: invoke.id, envelope: decision.answer }));
      else if ('drop' in decision) void ws.close({ code: 1012, reason: 'test dropped the connection' });
      else server.send(text);
    });
  });

  const connected = () => {
    if (route === null) throw new Error('the page has not opened its IPC socket yet');
    return route;
  };
  return {
    seen,
    connections: () => connections,
    release(channel) {
      const index = held.findIndex((call) => call.channel === channel);
      const [call] = index === -1 ? [] : held.splice(index, 1);
      if (call === undefined) throw new Error(`no held ${channel} call to release`);
      connected().server.send(call.frame);
    },
    push(message) {
      connected().page.send(JSON.stringify(message));
    },
  };
}
