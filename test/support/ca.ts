import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec';

/** A throwaway CA and one server certificate it signed, both as files and as PEM text. */
export interface TestCa {
  /** The CA certificate: what clients pass as `tls: { ca }`. */
  caCertPath: string;
  caCertPem: string;
  /** The server's leaf certificate (CN=localhost, SAN DNS:localhost, IP:127.0.0.1). */
  certPath: string;
  certPem: string;
  /** The server's private key (unencrypted). */
  keyPath: string;
  keyPem: string;
}

/** The name servers present; clients that connect to 127.0.0.1 may also use it as SNI. */
export const SERVER_NAME = 'localhost';

// EC keys: generating them is instant, while RSA keygen would cost noticeable start-up time.
const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

// The leaf is a proper end-entity certificate, so clients verify a real chain rather than
// trusting a self-signed server certificate directly.
const LEAF_EXTENSIONS = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature, keyEncipherment',
  'extendedKeyUsage = serverAuth',
  `subjectAltName = DNS:${SERVER_NAME}, IP:127.0.0.1`,
  '',
].join('\n');

/**
 * Creates a new CA (unique subject per call, so a certificate from another run never verifies)
 * and a server certificate signed by it, in `dir/` (created if needed). Needs the openssl CLI.
 */
export async function createTestCa(dir: string): Promise<TestCa> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const path = (name: string): string => join(dir, name);
  const caKey = path('ca.key');
  const caCertPath = path('ca.pem');
  const keyPath = path('key.pem');
  const csr = path('server.csr');
  const certPath = path('cert.pem');
  const extFile = path('server.ext');
  const runId = randomBytes(4).toString('hex');

  // The CA and the server request do not depend on each other: make them concurrently.
  await Promise.all([
    selfSign(
      { certPath: caCertPath, keyPath: caKey },
      {
        subject: `/O=Letterbox tests/CN=Letterbox Test CA ${runId}`,
        days: 30,
        extensions: ['basicConstraints = critical, CA:TRUE, pathlen:0', 'keyUsage = critical, keyCertSign, cRLSign'],
      },
    ),
    requestCertificate(keyPath, csr, `/CN=${SERVER_NAME}`),
    writeFile(extFile, LEAF_EXTENSIONS),
  ]);
  await signRequest({ certPath: caCertPath, keyPath: caKey }, { csrPath: csr, extFile, certPath, days: 30 });

  const [caCertPem, certPem, keyPem] = await Promise.all([
    readFile(caCertPath, 'utf8'),
    readFile(certPath, 'utf8'),
    readFile(keyPath, 'utf8'),
  ]);
  return { caCertPath, caCertPem, certPath, certPem, keyPath, keyPem };
}

// The openssl steps, for other certificates too (https-server.ts, fault-servers/certificates.ts).

/** A certificate and its key as files; for a CA, what signs (`openssl x509 -CA -CAkey`). */
export interface CertificateFiles {
  certPath: string;
  keyPath: string;
}

/** Runs `body` with a way to name files in a fresh temporary folder, removed afterwards. */
export async function inTempDir<T>(body: (path: (name: string) => string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'letterbox-cert-'));
  try {
    return await body((name) => join(dir, name));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A new key and a certificate signed with it (`openssl req -x509`); each extension goes in as -addext. */
export async function selfSign(
  files: CertificateFiles,
  options: { subject: string; days: number; extensions?: readonly string[] },
): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    ...KEY_ARGS,
    '-keyout',
    files.keyPath,
    '-out',
    files.certPath,
    '-days',
    String(options.days),
    '-subj',
    options.subject,
    ...(options.extensions ?? []).flatMap((extension) => ['-addext', extension]),
  ]);
}

/** A new key and a request to certify it (`openssl req -new`). */
export async function requestCertificate(keyPath: string, csrPath: string, subject: string): Promise<void> {
  await run('openssl', ['req', '-new', ...KEY_ARGS, '-keyout', keyPath, '-out', csrPath, '-subj', subject]);
}

/** Signs the request in `csrPath` with `ca` (`openssl x509 -req`), with the extensions in `extFile`. */
export async function signRequest(
  ca: CertificateFiles,
  request: { csrPath: string; extFile: string; certPath: string; days: number; serial?: string },
): Promise<void> {
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    request.csrPath,
    '-CA',
    ca.certPath,
    '-CAkey',
    ca.keyPath,
    '-set_serial',
    request.serial ?? `0x${randomBytes(8).toString('hex')}`,
    '-days',
    String(request.days),
    '-extfile',
    request.extFile,
    '-out',
    request.certPath,
  ]);
}
