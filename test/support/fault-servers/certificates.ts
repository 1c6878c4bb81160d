import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { inTempDir, requestCertificate, selfSign, signRequest } from '../ca';
import { run } from '../exec';

/** A certificate and its key, as the servers here and Node's TLS take them. */
export interface TestCertificate {
  certPem: string;
  keyPem: string;
  fingerprint256: string;
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
    await selfSign(
      { certPath: path('cert.pem'), keyPath: path('key.pem') },
      {
        subject: `/O=Letterbox fault servers/CN=${commonName}`,
        days: 30,
        extensions: [`subjectAltName = ${altNames}`],
      },
    );
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
    await requestCertificate(path('key.pem'), path('req.csr'), `/CN=${commonName}`);
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
    const ca = { certPath: path('ca.pem'), keyPath: path('ca.key') };
    await selfSign(ca, {
      subject: '/O=Letterbox fault servers/CN=Fault Server Test CA',
      days: 30,
      extensions: ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign'],
    });
    await requestCertificate(path('leaf.key'), path('leaf.csr'), `/CN=${leafName}`);
    await writeFile(path('leaf.ext'), `subjectAltName = DNS:${leafName}, IP:127.0.0.1\nbasicConstraints = CA:FALSE\n`);
    await signRequest(ca, {
      csrPath: path('leaf.csr'),
      extFile: path('leaf.ext'),
      certPath: path('leaf.pem'),
      days: 30,
      serial: '0x1234',
    });
    const [caCertificate, leaf] = await Promise.all([
      load(ca.certPath, ca.keyPath),
      load(path('leaf.pem'), path('leaf.key')),
    ]);
    return { ca: caCertificate, leaf };
  });
}
