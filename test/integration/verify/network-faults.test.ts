/**
 * What goes wrong before any login: a name that does not resolve, a closed port, a server that
 * never answers, TLS spoken to a plaintext port, and the user cancelling.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyIncoming, verifyOutgoing } from '../../../main/mail/verify';
import { startSilentServer, type RunningLineServer } from '../../support/fault-servers/line-server';
import { freePort } from '../../support/ports';
import { incoming, outgoing, stepSummary } from './accounts';

const servers = inject('mailServers');
const extraCa = [servers.tls.ca];
let silent: RunningLineServer;

beforeAll(async () => {
  silent = await startSilentServer();
});
afterAll(async () => {
  await silent.close();
});

describe('network faults', () => {
  it('an unresolvable host is dns_failed', async () => {
    const result = await verifyIncoming(
      { ...incoming('imap', 993, 'implicit', 'someone'), host: 'nonexistent.invalid' },
      'secret-password',
    );
    expect(stepSummary(result)).toBe('dns:FAILED');
    expect(result.failure).toMatchObject({ code: 'dns_failed' });
    expect(result.failure?.message).toMatch(
      /^Could not find nonexistent\.invalid \(DNS lookup failed: ENOTFOUND\)\. Check the server name\.$/,
    );
  });

  it('a closed port is connection_refused', async () => {
    const port = await freePort();
    const result = await verifyIncoming(incoming('imap', port, 'implicit', 'someone'), 'secret-password');
    expect(stepSummary(result)).toBe('dns:ok connect:FAILED');
    expect(result.failure?.code).toBe('connection_refused');
    expect(result.failure?.message).toBe(
      `127.0.0.1:${port} refused the connection. Check the port and security setting; the server may not offer IMAP there.`,
    );
  });

  it.each([
    [
      'IMAP over TLS',
      () => verifyIncoming(incoming('imap', silent.port, 'implicit', 'u'), 'pw-pw-pw', { timeoutMs: 1000 }),
      'tls',
    ],
    [
      'POP3 with STLS',
      () => verifyIncoming(incoming('pop3', silent.port, 'starttls', 'u'), 'pw-pw-pw', { timeoutMs: 1000 }),
      'greeting',
    ],
    [
      'SMTP with STARTTLS',
      () =>
        verifyOutgoing(
          outgoing(silent.port, 'starttls', 'u'),
          { username: 'u', password: 'pw-pw-pw' },
          { timeoutMs: 1000 },
        ),
      'greeting',
    ],
  ] as const)('a server that never answers is timed_out within the timeout (%s)', async (_name, verify, step) => {
    const started = Date.now();
    const result = await verify();
    const elapsed = Date.now() - started;
    expect(result.failure?.code).toBe('timed_out');
    expect(result.steps.at(-1)).toMatchObject({ step, ok: false });
    expect(result.failure?.message).toMatch(new RegExp(`^No answer from 127\\.0\\.0\\.1:${silent.port} within 1 s`));
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2500);
  });

  it('TLS spoken to the STARTTLS port fails the handshake with a hint', async () => {
    const result = await verifyIncoming(incoming('imap', servers.imap.port, 'implicit', 'u'), 'pw-pw-pw', { extraCa });
    expect(stepSummary(result)).toBe('dns:ok connect:ok tls:FAILED');
    expect(result.failure?.code).toBe('tls_failed');
    expect(result.failure?.message).toContain(
      'failed (wrong version number): the port may expect STARTTLS instead of TLS',
    );
  });

  it('STARTTLS expected on the TLS port times out at the greeting with a hint', async () => {
    const result = await verifyIncoming(incoming('pop3', servers.pop3.tlsPort, 'starttls', 'u'), 'pw-pw-pw', {
      extraCa,
      timeoutMs: 800,
    });
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:FAILED');
    expect(result.failure?.message).toContain(
      'The port may expect TLS from the start: try security TLS (usually port 995)',
    );
  });

  it('the wrong protocol on a port is protocol_error with what the server said', async () => {
    const result = await verifyIncoming(incoming('imap', servers.pop3.tlsPort, 'implicit', 'u'), 'pw-pw-pw', {
      extraCa,
    });
    expect(result.failure).toMatchObject({ code: 'protocol_error', serverText: expect.stringMatching(/^\+OK/) });
    expect(result.failure?.message).toContain('Check that this is the IMAP port');
  });

  it('cancelling stops the check at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const result = await verifyIncoming(incoming('imap', silent.port, 'starttls', 'u'), 'pw-pw-pw', {
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.failure).toMatchObject({
      code: 'cancelled',
      message: `Checking 127.0.0.1:${silent.port} was cancelled.`,
    });
    expect(stepSummary(result)).toBe('dns:ok connect:ok greeting:FAILED');
  });

  it('an already cancelled check does not touch the network', async () => {
    const result = await verifyIncoming(incoming('imap', silent.port, 'implicit', 'u'), 'pw-pw-pw', {
      signal: AbortSignal.abort(),
    });
    expect(result.failure?.code).toBe('cancelled');
    expect(stepSummary(result)).toBe('dns:FAILED');
  });
});
