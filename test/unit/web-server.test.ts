import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher, type Handlers } from '../../main/ipc/dispatcher';
import { createEventBus, type EventBus } from '../../main/ipc/event-bus';
import { BuildOutputMissingError } from '../../main/web/build-output';
import { startWebShell, type WebShell } from '../../main/web/server';
import { channelExamples } from '../../shared/ipc/examples';
import { parseServerMessage, WIRE_MAX_PAYLOAD, type ServerMessage } from '../../shared/ipc/wire';

const CSP = "default-src 'none'; script-src 'self'; connect-src 'self'";
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}" />
<script type="module" src="./assets/app.js"></script></head><body></body></html>`;

const handlers = Object.fromEntries(
  Object.entries(channelExamples).map(([channel, example]) => [channel, () => example.output]),
) as unknown as Handlers;

const bus = createEventBus();
/** The bus as the server sees it, counting live subscriptions so a leak on disconnect shows. */
let subscribers = 0;
const countingBus: EventBus = {
  emit: (event, payload) => bus.emit(event, payload),
  subscribe(listener) {
    subscribers += 1;
    const unsubscribe = bus.subscribe(listener);
    return () => {
      subscribers -= 1;
      unsubscribe();
    };
  },
};
let work: string;
let shell: WebShell;
let base: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'letterbox-web-'));
  const rendererDir = join(work, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  writeFileSync(join(work, 'secret.txt'), 'outside the build\n');
  writeFileSync(join(work, 'bridge.js'), 'window.mail = {};\n');
  shell = await startWebShell({
    dispatcher: createDispatcher(handlers),
    bus: countingBus,
    rendererDir,
    bridgeFile: join(work, 'bridge.js'),
  });
  base = `http://127.0.0.1:${shell.port}`;
});

afterAll(async () => {
  await shell?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch would normalise "../" and refuses to set Host. */
function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the IPC socket, or resolves with the HTTP status the upgrade was refused with. */
function connect(options: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket | number> {
  const token = options.token ?? shell.token;
  const headers = options.host === undefined ? {} : { host: options.host };
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/__letterbox/ipc?token=${token}`, {
    origin: options.origin ?? base,
    headers,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

async function open(): Promise<WebSocket> {
  const ws = await connect();
  if (typeof ws === 'number') throw new Error(`socket refused with ${ws}`);
  return ws;
}

function nextMessage(ws: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    ws.once('message', (data: Buffer) => {
      const message = parseServerMessage(data.toString('utf8'));
      if (message === null) reject(new Error(`unparseable frame: ${data.toString('utf8')}`));
      else resolve(message);
    });
  });
}

async function invoke(ws: WebSocket, frame: unknown): Promise<ServerMessage> {
  const reply = nextMessage(ws);
  ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return reply;
}

describe('web shell HTTP', () => {
  it('serves the page only with the token, with the bridge and token before the app script', async () => {
    for (const path of ['/', '/?token=wrong', `/?token=${shell.token}x`, '/index.html']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(403);
      expect(reply.body).toMatch(/open the URL printed by npm run web/);
    }
    const page = await get(`/?token=${shell.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const bridgeAt = page.body.indexOf('<script src="/__letterbox/bridge.js"></script>');
    const tokenAt = page.body.indexOf(`<meta name="letterbox-token" content="${shell.token}" />`);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(tokenAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(page.body.indexOf('./assets/app.js'));
  });

  it('sends the meta policy plus the socket address and frame-ancestors as a header', async () => {
    const page = await get(`/?token=${shell.token}`);
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self'; connect-src 'self' ws://127.0.0.1:${shell.port}; frame-ancestors 'none'`,
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    for (const host of [`evil.example:${shell.port}`, '127.0.0.1', `127.0.0.1:${shell.port + 1}`]) {
      expect((await get(`/?token=${shell.token}`, { host })).status, host).toBe(403);
    }
    expect((await get(`/?token=${shell.token}`, { host: `localhost:${shell.port}` })).status).toBe(200);
  });

  it('serves build files with their content type and nothing outside the build', async () => {
    const asset = await get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/__letterbox/bridge.js')).body).toBe('window.mail = {};\n');
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets',
      '/nope.js',
      '/%E0%A4%A',
    ]) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the build');
    }
  });

  it('fails to start, saying what to do, when the build is missing', async () => {
    const missing = startWebShell({
      dispatcher: createDispatcher(handlers),
      bus,
      rendererDir: join(work, 'no-such-build'),
      bridgeFile: join(work, 'bridge.js'),
    });
    await expect(missing).rejects.toBeInstanceOf(BuildOutputMissingError);
    await expect(missing).rejects.toThrow(/run npm run build first/);
  });
});

describe('web shell IPC socket', () => {
  it('checks token, Origin and Host before upgrading', async () => {
    expect(await connect({ token: 'wrong' })).toBe(401);
    expect(await connect({ origin: 'http://evil.example' })).toBe(403);
    expect(await connect({ origin: `http://127.0.0.1:${shell.port + 1}` })).toBe(403);
    expect(await connect({ host: `evil.example:${shell.port}`, origin: `http://evil.example:${shell.port}` })).toBe(
      403,
    );
  });

  it('round-trips an invoke through the dispatcher', async () => {
    const ws = await open();
    const reply = await invoke(ws, { type: 'invoke', id: 7, channel: 'accounts:list', input: {} });
    expect(reply).toEqual({
      type: 'result',
      id: 7,
      envelope: { ok: true, value: channelExamples['accounts:list'].output },
    });
    ws.close();
  });

  it('answers bad requests with error envelopes and keeps serving', async () => {
    const ws = await open();
    const unknown = await invoke(ws, { type: 'invoke', id: 1, channel: 'fs:read', input: {} });
    expect(unknown).toMatchObject({ id: 1, envelope: { ok: false, error: { code: 'unknown_channel' } } });
    const invalid = await invoke(ws, { type: 'invoke', id: 2, channel: 'messages:list', input: { source: 'all' } });
    expect(invalid).toMatchObject({ id: 2, envelope: { ok: false, error: { code: 'invalid_input' } } });
    const misshapen = await invoke(ws, { type: 'invoke', id: 3, channel: 42 });
    expect(misshapen).toMatchObject({ id: 3, envelope: { ok: false, error: { code: 'invalid_input' } } });
    ws.send('{not json');
    ws.send(Buffer.from([0x00, 0xff]), { binary: true });
    const after = await invoke(ws, { type: 'invoke', id: 4, channel: 'app:info', input: {} });
    expect(after).toMatchObject({ id: 4, envelope: { ok: true } });
    ws.close();
  });

  it('drops a client that sends an oversized frame without taking the server down', async () => {
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(WIRE_MAX_PAYLOAD + 1));
    expect(await closed).toBe(1009);
    const next = await open();
    expect(await invoke(next, { type: 'invoke', id: 1, channel: 'prefs:get', input: {} })).toMatchObject({
      envelope: { ok: true },
    });
    next.close();
  });

  it('forwards bus events to every connected client', async () => {
    const [a, b] = [await open(), await open()];
    const received = Promise.all([nextMessage(a), nextMessage(b)]);
    const notice = { level: 'info', code: 'offline', message: 'You are offline.' } as const;
    bus.emit('app:notice', notice);
    expect(await received).toEqual([
      { type: 'event', event: 'app:notice', payload: notice },
      { type: 'event', event: 'app:notice', payload: notice },
    ]);
    a.close();
    b.close();
  });

  it('unsubscribes a client from the bus when it disconnects', async () => {
    // Earlier tests' sockets close asynchronously; start from none.
    await expect.poll(() => subscribers).toBe(0);
    const ws = await open();
    expect(subscribers).toBe(1);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close();
    await closed;
    await expect.poll(() => subscribers).toBe(0);
  });

  it('close() disconnects clients and stops listening', async () => {
    const other = await startWebShell({
      dispatcher: createDispatcher(handlers),
      bus: countingBus,
      rendererDir: join(work, 'renderer'),
      bridgeFile: join(work, 'bridge.js'),
    });
    const ws = new WebSocket(`ws://127.0.0.1:${other.port}/__letterbox/ipc?token=${other.token}`, {
      origin: `http://127.0.0.1:${other.port}`,
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise((resolve) => ws.once('close', resolve));
    await other.close();
    await closed;
    const refused = await fetch(other.url).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});
