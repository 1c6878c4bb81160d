/**
 * SRV, MX and guess-and-probe against real servers: dnsmasq serves the records, and the probes
 * talk to the harness's Dovecot (IMAP, POP3) and SMTP servers, plus a few SMTP servers started
 * here for the cases the harness does not cover (a verified certificate, no STARTTLS).
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AutoconfigStep } from '../../../shared/model/setup';
import { discoverAccount, type DiscoverOptions, type GuessPorts } from '../../../main/mail/autoconfig';
import { startDnsServer, type RunningDnsServer } from '../../support/dns-server';
import {
  harnessCa,
  issueCertificate,
  startHttpsServer,
  startSilentServer,
  type TestHttpsServer,
} from '../../support/https-server';
import { freePort, LOOPBACK } from '../../support/ports';
import { outcome, sequence, testSeams } from './fixtures';

const servers = inject('mailServers');

let dns: RunningDnsServer;
let https: TestHttpsServer;
let silent: Awaited<ReturnType<typeof startSilentServer>>;
const smtpServers: SMTPServer[] = [];

function listen(server: SMTPServer): Promise<number> {
  smtpServers.push(server);
  server.on('error', () => undefined); // probes hang up without QUIT's reply; that is fine
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.server.address() as AddressInfo).port));
  });
}

let verifiedSmtpPort: number;
let noStarttlsPort: number;
let closedPort: number;

beforeAll(async () => {
  const keys = await issueCertificate(harnessCa(servers), ['smtp.verified.test']);
  const common = { authOptional: true, disableReverseLookup: true, logger: false } as const;
  [verifiedSmtpPort, noStarttlsPort, https, silent, closedPort] = await Promise.all([
    listen(new SMTPServer({ ...common, secure: true, key: keys.keyPem, cert: keys.certPem })),
    // A real SMTP server that does not offer STARTTLS: must never become a candidate.
    listen(new SMTPServer({ ...common, hideSTARTTLS: true })),
    // ISPDB stand-in that knows no domain, so SRV/MX/guess get their turn.
    issueCertificate(harnessCa(servers), ['ispdb.letterbox.test']).then(startHttpsServer),
    startSilentServer(),
    freePort(), // nothing listens here: connection refused
  ]);
  dns = await startDnsServer({
    a: {
      'ispdb.letterbox.test': LOOPBACK,
      'imap.guess.test': LOOPBACK,
      'pop.guess.test': LOOPBACK,
      'smtp.guess.test': LOOPBACK,
      'imap.verified.test': LOOPBACK,
      'pop.verified.test': LOOPBACK,
      'smtp.verified.test': LOOPBACK,
    },
    srv: [
      { name: '_imaps._tcp.srv.test', target: 'imap.srv.test', port: 993, priority: 0, weight: 1 },
      { name: '_imap._tcp.srv.test' }, // "." — IMAP with STARTTLS decidedly not offered
      { name: '_pop3s._tcp.srv.test', target: 'pop.srv.test', port: 995, priority: 10, weight: 5 },
      { name: '_pop3s._tcp.srv.test', target: 'pop2.srv.test', port: 995, priority: 10, weight: 50 },
      { name: '_submission._tcp.srv.test', target: 'smtp.srv.test', port: 587, priority: 0, weight: 0 },
      { name: '_imaps._tcp.nosrv.test' },
    ],
    mx: [
      { domain: 'workspace.test', exchange: 'alt1.aspmx.l.google.com', preference: 5 },
      { domain: 'workspace.test', exchange: 'aspmx.l.google.com', preference: 1 },
      { domain: 'm365.test', exchange: 'm365-test.mail.protection.outlook.com', preference: 0 },
      { domain: 'selfhosted.test', exchange: 'mx.selfhosted.test', preference: 10 },
    ],
  });
});

afterAll(async () => {
  await Promise.all([
    dns?.stop(),
    https?.close(),
    silent?.close(),
    ...smtpServers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  ]);
});

const harnessPorts = (): GuessPorts => ({
  imap: { implicit: servers.imap.tlsPort, starttls: servers.imap.port },
  pop3: { implicit: servers.pop3.tlsPort, starttls: servers.pop3.port },
  smtp: { implicit: servers.smtp.tlsPort, starttls: servers.smtp.port },
});

function options(extra: Partial<DiscoverOptions> = {}): DiscoverOptions & { steps: AutoconfigStep[] } {
  const steps: AutoconfigStep[] = [];
  return {
    ...testSeams(dns.server, servers.tls.ca, () => https.port),
    tls: { ca: servers.tls.ca },
    ispdbBaseUrl: https.url('ispdb.letterbox.test', '/v1.1'),
    stepTimeoutMs: 4000,
    probeTimeoutMs: 1500,
    guessPorts: harnessPorts(),
    onStep: (step) => steps.push(step),
    steps,
    ...extra,
  };
}

describe('SRV records (RFC 6186)', () => {
  it('builds candidates in priority/weight order, implicit TLS first, and honours "." targets', async () => {
    const run = options();
    const config = await discoverAccount('ada@srv.test', run);
    expect(config).toEqual({
      source: 'srv',
      providerName: null,
      incoming: [
        { protocol: 'imap', host: 'imap.srv.test', port: 993, security: 'implicit', username: 'ada@srv.test' },
        { protocol: 'pop3', host: 'pop2.srv.test', port: 995, security: 'implicit', username: 'ada@srv.test' },
        { protocol: 'pop3', host: 'pop.srv.test', port: 995, security: 'implicit', username: 'ada@srv.test' },
      ],
      outgoing: [{ host: 'smtp.srv.test', port: 587, security: 'starttls', username: 'ada@srv.test' }],
      guidance: null,
    });
    expect(outcome(run.steps, 'srv').detail).toContain('_imap._tcp → not offered');
  });

  it('gives nothing when the only record says "not offered"', async () => {
    const run = options();
    expect(await discoverAccount('x@nosrv.test', run)).toBeNull();
    expect(outcome(run.steps, 'srv')).toMatchObject({
      status: 'not-found',
      detail: expect.stringContaining('_imaps._tcp → not offered'),
    });
  });
});

describe('MX records', () => {
  it('recognises Google Workspace by its MX and uses the full address', async () => {
    const run = options();
    const config = await discoverAccount('boss@workspace.test', run);
    expect(config).toMatchObject({
      source: 'mx',
      providerName: 'Google Workspace',
      incoming: [
        { protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'implicit', username: 'boss@workspace.test' },
        expect.anything(),
      ],
      outgoing: expect.arrayContaining([
        { host: 'smtp.gmail.com', port: 465, security: 'implicit', username: 'boss@workspace.test' },
      ]),
    });
    expect(outcome(run.steps, 'mx').detail).toBe('MX aspmx.l.google.com → Google Workspace');
    expect(sequence(run.steps).filter((s) => !s.endsWith(':running'))).toEqual([
      'provider-table:not-found',
      'domain-autoconfig:not-found',
      'well-known:not-found',
      'ispdb:not-found',
      'srv:not-found',
      'mx:found',
    ]);
  });

  it('recognises Microsoft 365, and passes over an MX it does not know', async () => {
    expect(await discoverAccount('a@m365.test', options())).toMatchObject({
      source: 'mx',
      providerName: 'Microsoft 365',
    });
    const run = options();
    expect(await discoverAccount('a@selfhosted.test', run)).toBeNull();
    expect(outcome(run.steps, 'mx')).toMatchObject({
      status: 'not-found',
      detail: 'MX mx.selfhosted.test: not a known provider',
    });
  });
});

describe('guess and probe', () => {
  it('finds Dovecot and the SMTP servers on every port, noting the certificate that does not name the guessed host', async () => {
    const run = options();
    const config = await discoverAccount('alice@guess.test', run);
    const user = 'alice@guess.test';
    expect(config).toEqual({
      source: 'guess',
      providerName: null,
      incoming: [
        { protocol: 'imap', host: 'imap.guess.test', port: servers.imap.tlsPort, security: 'implicit', username: user },
        { protocol: 'imap', host: 'imap.guess.test', port: servers.imap.port, security: 'starttls', username: user },
        { protocol: 'pop3', host: 'pop.guess.test', port: servers.pop3.tlsPort, security: 'implicit', username: user },
        { protocol: 'pop3', host: 'pop.guess.test', port: servers.pop3.port, security: 'starttls', username: user },
      ],
      outgoing: [
        { host: 'smtp.guess.test', port: servers.smtp.tlsPort, security: 'implicit', username: user },
        { host: 'smtp.guess.test', port: servers.smtp.port, security: 'starttls', username: user },
      ],
      guidance: null,
    });
    const detail = outcome(run.steps, 'guess').detail;
    // The harness certificate names "localhost": the server is there, but unverified, and we say so.
    expect(detail).toContain(
      `imap.guess.test:${servers.imap.tlsPort} IMAP, certificate not trusted (issued for another name)`,
    );
    expect(detail).toContain(`imap.guess.test:${servers.imap.port} IMAP, STARTTLS offered`);
    expect(detail).toContain(`pop.guess.test:${servers.pop3.port} POP3, STLS offered`);
    expect(detail).toContain(`smtp.guess.test:${servers.smtp.port} SMTP, STARTTLS offered`);
    expect(detail).toContain('mail.guess.test: no such host');
  });

  it('verifies a certificate issued for the guessed name, drops a STARTTLS port without STARTTLS, and outlives silent servers', async () => {
    const run = options({
      probeTimeoutMs: 600,
      guessPorts: {
        imap: { implicit: closedPort, starttls: servers.imap.port },
        pop3: { implicit: silent.port, starttls: silent.port },
        smtp: { implicit: verifiedSmtpPort, starttls: noStarttlsPort },
      },
    });
    const started = performance.now();
    const config = await discoverAccount('bob@verified.test', run);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(config?.incoming).toEqual([
      {
        protocol: 'imap',
        host: 'imap.verified.test',
        port: servers.imap.port,
        security: 'starttls',
        username: 'bob@verified.test',
      },
    ]);
    expect(config?.outgoing).toEqual([
      { host: 'smtp.verified.test', port: verifiedSmtpPort, security: 'implicit', username: 'bob@verified.test' },
    ]);
    const detail = outcome(run.steps, 'guess').detail;
    expect(detail).toContain(`smtp.verified.test:${verifiedSmtpPort} SMTP, certificate verified`);
    expect(detail).toContain(`smtp.verified.test:${noStarttlsPort} SMTP without STARTTLS`);
    expect(detail).toContain(`pop.verified.test:${silent.port} no answer within 600 ms`);
    expect(detail).toMatch(new RegExp(`imap\\.verified\\.test:${closedPort} .*ECONNREFUSED`));
  });
});
