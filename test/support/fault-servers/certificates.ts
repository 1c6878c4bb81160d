import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../exec';

/** A certificate and its key, as the servers here and Node's TLS take them. */
export interface TestCertificate {
  certPem: string;
  keyPem: string;
  fingerprint256: string;
}

const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function inTempDir<T>(body: (path: (name: string) => string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'letterbox-cert-'));
  try {
    return await body((name) => join(dir, name));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function load(certPath: string, keyPath: string): Promise<TestCertificate> {
  const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { certPem, keyPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}

/**
 * A self-signed server certificate, as small self-hosted servers have. The default name is not
 * 127.0.0.1 on purpose: a pinned certificate must be accepted even though its name does not match.
 */
export function selfSignedCertificate(
  commonName = 'scripted.invalid',
  altNames = `DNS:${commonName}`,
): Promise<TestCertificate> {
  return inTempDir(async (path) => {
    await run('openssl', [
      'req',
      '-x509',
      ...KEY_ARGS,
      '-keyout',
      path('key.pem'),
      '-out',
      path('cert.pem'),
      '-days',
      '30',
      '-subj',
      `/O=Letterbox fault servers/CN=${commonName}`,
      '-addext',
      `subjectAltName = ${altNames}`,
    ]);
    return load(path('cert.pem'), path('key.pem'));
  });
}

/** A self-signed certificate whose validity ended in 2020 (openssl req cannot backdate; openssl ca can). */
export function expiredCertificate(commonName = 'expired.invalid'): Promise<TestCertificate> {
  return inTempDir(async (path) => {
    const config = [
      '[ca]',
      'default_ca = d',
      '[d]',
      `database = ${path('index.txt')}`,
      `new_certs_dir = ${path('')}`,
      `serial = ${path('serial')}`,
      'default_md = sha256',
      'policy = p',
      'unique_subject = no',
      'copy_extensions = copy',
      '[p]',
      'commonName = supplied',
      '',
    ].join('\n');
    await Promise.all([
      writeFile(path('ca.cnf'), config),
      writeFile(path('index.txt'), ''),
      writeFile(path('serial'), '01\n'),
    ]);
    await run('openssl', [
      'req',
      '-new',
      ...KEY_ARGS,
      '-keyout',
      path('key.pem'),
      '-out',
      path('req.csr'),
      '-subj',
      `/CN=${commonName}`,
    ]);
    await run('openssl', [
      'ca',
      '-batch',
      '-config',
      path('ca.cnf'),
      '-selfsign',
      '-keyfile',
      path('key.pem'),
      '-in',
      path('req.csr'),
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
      '-out',
      path('cert.pem'),
    ]);
    // openssl ca writes a text dump before the PEM block; keep the certificate only.
    const cert = await readFile(path('cert.pem'), 'utf8');
    await writeFile(path('cert.pem'), cert.slice(cert.indexOf('-----BEGIN CERTIFICATE-----')));
    return load(path('cert.pem'), path('key.pem'));
  });
}

/** A private CA and a leaf it signed (for 127.0.0.1 and `leafName`); the leaf's PEM is the leaf alone. */
export function privateCaAndLeaf(leafName = 'localhost'): Promise<{ ca: TestCertificate; leaf: TestCertificate }> {
  return inTempDir(async (path) => {
    await run('openssl', [
      'req',
      '-x509',
      ...KEY_ARGS,
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.pem'),
      '-days',
      '30',
      '-subj',
      '/O=Letterbox fault servers/CN=Fault Server Test CA',
      '-addext',
      'basicConstraints = critical, CA:TRUE',
      '-addext',
      'keyUsage = critical, keyCertSign, cRLSign',
    ]);
    await run('openssl', [
      'req',
      '-new',
      ...KEY_ARGS,
      '-keyout',
      path('leaf.key'),
      '-out',
      path('leaf.csr'),
      '-subj',
      `/CN=${leafName}`,
    ]);
    await writeFile(path('leaf.ext'), `subjectAltName = DNS:${leafName}, IP:127.0.0.1\nbasicConstraints = CA:FALSE\n`);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      path('leaf.csr'),
      '-CA',
      path('ca.pem'),
      '-CAkey',
      path('ca.key'),
      '-set_serial',
      '0x1234',
      '-days',
      '30',
      '-extfile',
      path('leaf.ext'),
      '-out',
      path('leaf.pem'),
    ]);
    const [ca, leaf] = await Promise.all([
      load(path('ca.pem'), path('ca.key')),
      load(path('leaf.pem'), path('leaf.key')),
    ]);
    return { ca, leaf };
  });
}
