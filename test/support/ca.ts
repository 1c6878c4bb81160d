import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
    run('openssl', [
      'req',
      '-x509',
      ...KEY_ARGS,
      '-keyout',
      caKey,
      '-out',
      caCertPath,
      '-days',
      '30',
      '-subj',
      `/O=Letterbox tests/CN=Letterbox Test CA ${runId}`,
      '-addext',
      'basicConstraints = critical, CA:TRUE, pathlen:0',
      '-addext',
      'keyUsage = critical, keyCertSign, cRLSign',
    ]),
    run('openssl', ['req', '-new', ...KEY_ARGS, '-keyout', keyPath, '-out', csr, '-subj', `/CN=${SERVER_NAME}`]),
    writeFile(extFile, LEAF_EXTENSIONS),
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caCertPath,
    '-CAkey',
    caKey,
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '30',
    '-extfile',
    extFile,
    '-out',
    certPath,
  ]);

  const [caCertPem, certPem, keyPem] = await Promise.all([
    readFile(caCertPath, 'utf8'),
    readFile(certPath, 'utf8'),
    readFile(keyPath, 'utf8'),
  ]);
  return { caCertPath, caCertPem, certPath, certPem, keyPath, keyPem };
}
