import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WIRE_MAX_PAYLOAD, WIRE_PATHS } from '../../shared/ipc/wire';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { loadBuildOutput, pageWithBridge, type BuildOutput } from './build-output';
import { serveIpcSocket } from './ipc-socket';
import {
  BASE_HEADERS,
  checkedHost,
  headerPolicy,
  newToken,
  originMatches,
  tokenFromUrl,
  tokenMatches,
} from './security';
import { sendText, serveStatic } from './static-files';

export interface WebShellOptions {
  dispatcher: Dispatcher;
  bus: EventBus;
  /** The production renderer build (out/renderer). */
  rendererDir: string;
  /** The bridge bundle (out/web/bridge.js). */
  bridgeFile: string;
  /** 0 or absent: any free port. */
  port?: number;
  host?: '127.0.0.1';
}

export interface WebShell {
  /** Open this to use the app; it carries the token. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const NO_TOKEN = 'This Letterbox page needs its access token: open the URL printed by npm run web.';

/**
 * The browser shell: serves the renderer build on loopback and carries `window.mail` over a
 * WebSocket to the same dispatcher Electron uses. Rejects with BuildOutputMissingError when the
 * build is missing, and with the listen error (EADDRINUSE) when the port is taken.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const build = await loadBuildOutput(options.rendererDir, options.bridgeFile);
  const token = newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: WIRE_MAX_PAYLOAD });
  sockets.on('connection', (socket) => serveIpcSocket(socket, options.dispatcher, options.bus));

  let port = 0;
  const server = createServer((request, response) => {
    handleRequest(request, response, { build, token, port, rendererDir: options.rendererDir });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, port, token);
    if (refusal !== null) {
      refuseUpgrade(socket, refusal.status, refusal.text);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

interface RequestContext {
  build: BuildOutput;
  token: string;
  port: number;
  rendererDir: string;
}

function handleRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext): void {
  const host = checkedHost(request, context.port);
  if (host === null) {
    sendText(response, 403, 'Letterbox only answers requests addressed to 127.0.0.1 or localhost.', BASE_HEADERS);
    return;
  }
  const headers = { ...BASE_HEADERS, 'Content-Security-Policy': headerPolicy(context.build.metaPolicy, host) };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Only GET and HEAD are served here.', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const headOnly = request.method === 'HEAD';
  const url = new URL(request.url ?? '/', `http://${host}`);

  if (url.pathname === '/' || url.pathname === '/index.html') {
    if (!tokenMatches(tokenFromUrl(url), context.token)) {
      sendText(response, 403, NO_TOKEN, headers);
      return;
    }
    const body = pageWithBridge(context.build.indexHtml, context.token);
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      // The page holds the token: keep it out of every cache.
      'Cache-Control': 'no-store',
    });
    response.end(headOnly ? undefined : body);
    return;
  }
  if (url.pathname === WIRE_PATHS.bridge) {
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Length': context.build.bridgeScript.length,
      'Cache-Control': 'no-cache',
    });
    response.end(headOnly ? undefined : context.build.bridgeScript);
    return;
  }
  // The raw path, not url.pathname: the URL parser would quietly resolve "..", hiding an attempt.
  const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
  serveStatic(context.rendererDir, rawPath, response, headers, headOnly).catch(() => {
    if (!response.headersSent) sendText(response, 500, 'Could not read that file.', headers);
    else response.destroy();
  });
}

function upgradeRefusal(
  request: IncomingMessage,
  port: number,
  token: string,
): { status: number; text: string } | null {
  const host = checkedHost(request, port);
  if (host === null) return { status: 403, text: 'Forbidden' };
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (url.pathname !== WIRE_PATHS.socket) return { status: 404, text: 'Not Found' };
  if (!tokenMatches(tokenFromUrl(url), token)) return { status: 401, text: 'Unauthorized' };
  if (!originMatches(request, host)) return { status: 403, text: 'Forbidden' };
  return null;
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
