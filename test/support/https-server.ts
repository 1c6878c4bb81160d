import { readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { inTempDir, requestCertificate, selfSign, signRequest, type CertificateFiles } from './ca';
import type { MailServers } from './mail-servers';
import { LOOPBACK } from './ports';

/**
 * A real HTTPS server on loopback for autoconfig tests, with certificates for any test host
 * names, issued by the harness's per-run CA (or self-signed, for the "untrusted" case).
 */

export type CertificateAuthority = CertificateFiles;

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

/** The per-run CA of the mail harness: createTestCa keeps its key next to the CA certificate. */
export function harnessCa(servers: MailServers): CertificateAuthority {
  const dir = dirname(servers.tls.caPath);
  return { certPath: servers.tls.caPath, keyPath: join(dir, 'ca.key') };
}

const san = (names: readonly string[]): string => `subjectAltName = ${names.map((name) => `DNS:${name}`).join(', ')}`;

async function load(certPath: string, keyPath: string): Promise<KeyPair> {
  return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
}

/** A leaf certificate for `names`, signed by `ca` (needs the openssl CLI). */
export function issueCertificate(ca: CertificateAuthority, names: readonly string[]): Promise<KeyPair> {
  return inTempDir(async (path) => {
    const [key, csr, cert, ext] = [path('key.pem'), path('req.csr'), path('cert.pem'), path('leaf.ext')];
    await writeFile(
      ext,
      [
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth',
        san(names),
        '',
      ].join('\n'),
    );
    await requestCertificate(key, csr, `/CN=${names[0] ?? 'test'}`);
    await signRequest(ca, { csrPath: csr, extFile: ext, certPath: cert, days: 2 });
    return load(cert, key);
  });
}

/** A self-signed certificate for `names`: right names, but no CA anyone trusts vouches for it. */
export function selfSignedCertificate(names: readonly string[]): Promise<KeyPair> {
  return inTempDir(async (path) => {
    const [key, cert] = [path('key.pem'), path('cert.pem')];
    await selfSign(
      { certPath: cert, keyPath: key },
      { subject: `/CN=${names[0] ?? 'test'}`, days: 2, extensions: [san(names)] },
    );
    return load(cert, key);
  });
}

export interface Route {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  /** Host header without the port. */
  host: string;
  /** Path and query as requested. */
  url: string;
}

export interface TestHttpsServer {
  port: number;
  requests: RecordedRequest[];
  /** An https URL for a test host name on this server (explicit port: 443 is not ours to bind). */
  url(host: string, path: string): string;
  /** Serves `route` for GET https://host/path (query ignored); anything unrouted is a 404. */
  route(host: string, path: string, route: Route): void;
  close(): Promise<void>;
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function track(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startHttpsServer(keys: KeyPair): Promise<TestHttpsServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const server = createHttpsServer({ cert: keys.certPem, key: keys.keyPem }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = request.url ?? '/';
    requests.push({ host, url });
    const route = routes.get(`${host}${url.replace(/\?.*$/, '')}`);
    response.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': 'application/xml', ...route?.headers });
    response.end(route?.body ?? (route ? '' : 'not found'));
  });
  const sockets = track(server);
  const port = await listen(server);
  return {
    port,
    requests,
    url: (host, path) => `https://${host}:${port}${path}`,
    route: (host, path, route) => routes.set(`${host.toLowerCase()}${path}`, route),
    close: () => closeServer(server, sockets),
  };
}

/** Accepts TCP connections and never says a word: a server that hangs. */
export async function startSilentServer(): Promise<{
  port: number;
  connections: () => number;
  close(): Promise<void>;
}> {
  let count = 0;
  const server = createTcpServer(() => (count += 1));
  const sockets = track(server);
  const port = await listen(server);
  return { port, connections: () => count, close: () => closeServer(server, sockets) };
}
