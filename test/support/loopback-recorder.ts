import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 transparent PNG. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** An empty page (not recorded), for tests that need a page on this origin without any CSP. */
export const BLANK_PAGE = '/__blank';

export interface LoopbackRecorder {
  origin: string;
  /** Every path (with query) requested so far, in order. */
  paths: string[];
  close(): Promise<void>;
}

/**
 * A web server on 127.0.0.1 standing in for the internet: it answers every request with a PNG
 * and records the path, so a test can prove what a message made anything fetch, and when.
 */
export async function startLoopbackRecorder(): Promise<LoopbackRecorder> {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    if (request.url === BLANK_PAGE) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html><head><title>blank</title></head><body></body></html>');
      return;
    }
    // The browser asks for the blank page's icon by itself; that is not the message's doing.
    if (request.url === '/favicon.ico') {
      response.writeHead(404);
      response.end();
      return;
    }
    paths.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': PIXEL_PNG.length });
    response.end(PIXEL_PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
