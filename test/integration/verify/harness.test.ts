/**
 * verifyIncoming/verifyOutgoing against the real harness servers (Dovecot IMAP/POP3, the SMTP
 * submission servers): every protocol and security combination succeeds, and a certificate from
 * a CA nobody trusts can be pinned instead.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Security } from '../../../shared/model/account';
import { verifyIncoming, verifyOutgoing } from '../../../main/mail/verify';
import { incoming, outgoing, stepSummary } from './accounts';

const servers = inject('mailServers');
const { alice } = servers.users;
// Dovecot delays every login from 127.0.0.1 for a while after any failed one (its per-IP auth
// penalty, up to 15 s), and wrong-password tests run in parallel with these.
const options = { extraCa: [servers.tls.ca], timeoutMs: 25_000 };
const untrusted = { timeoutMs: 25_000 };

describe('verifying the harness servers', () => {
  it.each([
    ['imap', servers.imap.port, 'starttls', 'dns:ok connect:ok greeting:ok starttls:ok auth:ok done:ok'],
    ['imap', servers.imap.tlsPort, 'implicit', 'dns:ok connect:ok tls:ok greeting:ok auth:ok done:ok'],
    ['pop3', servers.pop3.port, 'starttls', 'dns:ok connect:ok greeting:ok starttls:ok auth:ok done:ok'],
    ['pop3', servers.pop3.tlsPort, 'implicit', 'dns:ok connect:ok tls:ok greeting:ok auth:ok done:ok'],
  ] as const)('%s on port %s with %s succeeds', async (protocol, port, security, steps) => {
    const result = await verifyIncoming(incoming(protocol, port, security, alice.name), alice.password, options);
    expect(result.failure).toBeNull();
    expect(result).toMatchObject({ ok: true, server: 'incoming', protocol, port });
    expect(stepSummary(result)).toBe(steps);
    const tlsStep = result.steps.find((step) => step.step === 'tls' || step.step === 'starttls');
    expect(tlsStep?.detail).toContain('certificate for CN=localhost, issued by CN=Letterbox Test CA');
    expect(result.steps.find((step) => step.step === 'greeting')?.detail).toMatch(/Dovecot/);
  });

  it.each([
    [servers.smtp.port, 'starttls' as Security, 'dns:ok connect:ok greeting:ok starttls:ok auth:ok done:ok'],
    [servers.smtp.tlsPort, 'implicit' as Security, 'dns:ok connect:ok tls:ok greeting:ok auth:ok done:ok'],
  ])('smtp on port %s with %s succeeds', async (port, security, steps) => {
    const result = await verifyOutgoing(
      outgoing(port, security, alice.name),
      { username: alice.name, password: alice.password },
      options,
    );
    expect(result.failure).toBeNull();
    expect(result).toMatchObject({ ok: true, server: 'outgoing', protocol: 'smtp' });
    expect(stepSummary(result)).toBe(steps);
    expect(result.steps.find((step) => step.step === 'auth')?.detail).toBe(
      `Logged in as ${alice.name} with AUTH PLAIN`,
    );
  });

  it('honours the login method “login”: the IMAP LOGIN command', async () => {
    const server = incoming('imap', servers.imap.tlsPort, 'implicit', alice.name, { authMethod: 'login' });
    expect((await verifyIncoming(server, alice.password, options)).failure).toBeNull();
  });

  it('honours the login method “login”: POP3 USER/PASS', async () => {
    const server = incoming('pop3', servers.pop3.tlsPort, 'implicit', alice.name, { authMethod: 'login' });
    const result = await verifyIncoming(server, alice.password, options);
    expect(result.steps.find((step) => step.step === 'auth')?.detail).toBe(`Logged in as ${alice.name} with USER/PASS`);
  });

  it('honours the login method “login”: SMTP AUTH LOGIN', async () => {
    const server = outgoing(servers.smtp.tlsPort, 'implicit', alice.name, { authMethod: 'login' });
    const result = await verifyOutgoing(server, { username: alice.name, password: alice.password }, options);
    expect(result.steps.find((step) => step.step === 'auth')?.detail).toBe(
      `Logged in as ${alice.name} with AUTH LOGIN`,
    );
  });

  it('without the harness CA the certificate is untrusted; pinning the one shown then works (IMAP)', async () => {
    const server = incoming('imap', servers.imap.port, 'starttls', alice.name);
    const refused = await verifyIncoming(server, alice.password, untrusted);
    expect(refused.failure).toMatchObject({ code: 'certificate_untrusted' });
    expect(stepSummary(refused)).toBe('dns:ok connect:ok greeting:ok starttls:FAILED');
    const certificate = refused.failure?.certificate;
    expect(certificate).toMatchObject({ subject: 'CN=localhost', selfSigned: false });
    expect(refused.failure?.message).toContain('which no trusted authority vouches for');
    expect(refused.failure?.message).toContain(
      `trust exactly this certificate (SHA-256 ${certificate?.fingerprint256})`,
    );

    // The harness leaf is not self-signed: this only works because the pin may anchor a partial chain.
    const pinnedCertificate = { fingerprint256: certificate?.fingerprint256 ?? '', pem: certificate?.pem ?? '' };
    const pinned = await verifyIncoming({ ...server, pinnedCertificate }, alice.password, untrusted);
    expect(pinned.failure).toBeNull();
    expect(pinned.steps.find((step) => step.step === 'starttls')?.detail).toContain('the one you trusted');
  });

  it('the same for SMTP with implicit TLS', async () => {
    const server = outgoing(servers.smtp.tlsPort, 'implicit', alice.name);
    const credentials = { username: alice.name, password: alice.password };
    const refused = await verifyOutgoing(server, credentials, untrusted);
    expect(refused.failure?.code).toBe('certificate_untrusted');
    expect(stepSummary(refused)).toBe('dns:ok connect:ok tls:FAILED');
    const certificate = refused.failure?.certificate;
    const pinned = await verifyOutgoing(
      {
        ...server,
        pinnedCertificate: { fingerprint256: certificate?.fingerprint256 ?? '', pem: certificate?.pem ?? '' },
      },
      credentials,
      untrusted,
    );
    expect(pinned.ok).toBe(true);
  });

  it('security none is used as given: IMAP logs in in plaintext, SMTP says it wants TLS first', async () => {
    const imap = await verifyIncoming(incoming('imap', servers.imap.port, 'none', alice.name), alice.password, options);
    expect(stepSummary(imap)).toBe('dns:ok connect:ok greeting:ok auth:ok done:ok');
    const smtp = await verifyOutgoing(
      outgoing(servers.smtp.port, 'none', alice.name),
      { username: alice.name, password: alice.password },
      options,
    );
    expect(stepSummary(smtp)).toBe('dns:ok connect:ok greeting:ok auth:FAILED');
    expect(smtp.failure).toMatchObject({
      code: 'auth_failed',
      serverText: '538 Error: Must issue a STARTTLS command first',
    });
    expect(smtp.failure?.message).toContain(
      'It wants an encrypted connection first: use security STARTTLS (usually port 587)',
    );
  });
});
