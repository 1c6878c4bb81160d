import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from './exec';
import type { MailServers } from './mail-servers';
import { LOOPBACK } from './ports';

/**
 * A real HTTPS server on loopback for autoconfig tests, with certificates for any test host
 * names, issued by the harness's per-run CA (or self-signed, for the "untrusted" case).
 */

export interface CertificateAuthority {
  certPath: string;
  keyPath: string;
}

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

/** The per-run CA of the mail harness: createTestCa keeps its key next to the CA certificate. */
export function harnessCa(servers: MailServers): CertificateAuthority {
  const dir = dirname(servers.tls.caPath);
  return { certPath: servers.tls.caPath, keyPath: join(dir, 'ca.key') };
}

const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'letterbox-cert-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const san = (names: readonly string[]): string => `subjectAltName = ${names.map((name) => `DNS:${name}`).join(', ')}`;

/** A leaf certificate for `names`, signed by `ca` (needs the openssl CLI). */
export function issueCertificate(ca: CertificateAuthority, names: readonly string[]): Promise<KeyPair> {
  return withTempDir(async (dir) => {
    const [key, csr, cert, ext] = ['key.pem', 'req.csr', 'cert.pem', 'leaf.ext'].map((name) => join(dir, name)) as [
      string,
      string,
      string,
      string,
    ];
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
    await run('openssl', [
      'req',
      '-new',
      ...KEY_ARGS,
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=${names[0] ?? 'test'}`,
    ]);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.certPath,
      '-CAkey',
      ca.keyPath,
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      '2',
      '-extfile',
      ext,
      '-out',
      cert,
    ]);
    return { certPem: await readFile(cert, 'utf8'), keyPem: await readFile(key, 'utf8') };
  });
}

/** A self-signed certificate for `names`: right names, but no CA anyone trusts vouches for it. */
export function selfSignedCertificate(names: readonly string[]): Promise<KeyPair> {
  return withTempDir(async (dir) => {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    await run('openssl', [
      'req',
      '-x509',
      ...KEY_ARGS,
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${names[0] ?? 'test'}`,
      '-addext',
      san(names),
    ]);
    return { certPem: await readFile(cert, 'utf8'), keyPem: await readFile(key, 'utf8') };
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
