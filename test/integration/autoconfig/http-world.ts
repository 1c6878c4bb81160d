/**
 * The servers the HTTP-source tests talk to: dnsmasq answering for the *.test names, a Node HTTPS
 * server with a certificate from the harness CA for the trusted hosts, one with a self-signed
 * certificate for an untrusted autoconfig host, and a TCP server that accepts and never answers.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import type { AutoconfigStep } from '../../../shared/model/setup';
import type { DiscoverOptions } from '../../../main/mail/autoconfig';
import { startDnsServer, type RunningDnsServer } from '../../support/dns-server';
import {
  harnessCa,
  issueCertificate,
  selfSignedCertificate,
  startHttpsServer,
  startSilentServer,
  type TestHttpsServer,
} from '../../support/https-server';
import { LOOPBACK } from '../../support/ports';
import { testSeams } from './fixtures';

export const CONFIG_PATH = '/mail/config-v1.1.xml';
export const WELL_KNOWN_PATH = '/.well-known/autoconfig/mail/config-v1.1.xml';
export const ISPDB_HOST = 'ispdb.letterbox.test';

/** Names the trusted server has a certificate for (and the test DNS points at 127.0.0.1). */
const TRUSTED_NAMES = [
  'autoconfig.autoconf.test',
  'autoconfig.wellknown.test',
  'wellknown.test',
  'autoconfig.redirect.test',
  'config.redirect.test',
  'autoconfig.loop.test',
  'autoconfig.plain.test',
  'autoconfig.big.test',
  'autoconfig.toplain.test',
  'untrusted.test',
  'hang.test',
  ISPDB_HOST,
];
const UNTRUSTED_HOST = 'autoconfig.untrusted.test';
const SILENT_HOSTS = ['autoconfig.hang.test', 'autoconfig.cancel.test'];

export interface HttpWorld {
  https: TestHttpsServer;
  untrusted: TestHttpsServer;
  silent: Awaited<ReturnType<typeof startSilentServer>>;
  /** Options for discoverAccount wired to these servers; `steps` collects the reports. */
  options(extra?: Partial<DiscoverOptions>): DiscoverOptions & { steps: AutoconfigStep[] };
}

/** Starts the servers before the file's tests and stops them after; use the result inside tests. */
export function useHttpWorld(): HttpWorld {
  const servers = inject('mailServers');
  let dns: RunningDnsServer | undefined;
  const world = {} as HttpWorld;

  beforeAll(async () => {
    const [trustedKeys, untrustedKeys] = await Promise.all([
      issueCertificate(harnessCa(servers), TRUSTED_NAMES),
      selfSignedCertificate([UNTRUSTED_HOST]),
    ]);
    [world.https, world.untrusted, world.silent] = await Promise.all([
      startHttpsServer(trustedKeys),
      startHttpsServer(untrustedKeys),
      startSilentServer(),
    ]);
    const hosts = [...TRUSTED_NAMES, UNTRUSTED_HOST, ...SILENT_HOSTS];
    dns = await startDnsServer({ a: Object.fromEntries(hosts.map((host) => [host, LOOPBACK])) });
  });

  afterAll(async () => {
    await Promise.all([dns?.stop(), world.https?.close(), world.untrusted?.close(), world.silent?.close()]);
  });

  // Which of our servers plays a host's "port 443".
  const portFor = (host: string): number => {
    if (host === UNTRUSTED_HOST) return world.untrusted.port;
    if (SILENT_HOSTS.includes(host)) return world.silent.port;
    return world.https.port;
  };

  world.options = (extra = {}) => {
    if (!dns) throw new Error('the HTTP world is not started (use options() inside tests)');
    const steps: AutoconfigStep[] = [];
    return {
      ...testSeams(dns.server, servers.tls.ca, portFor),
      ispdbBaseUrl: world.https.url(ISPDB_HOST, '/v1.1'),
      stepTimeoutMs: 3000,
      // Guessing has its own tests (dns-sources.test.ts); here port 1 makes it find nothing, fast.
      guessPorts: {
        imap: { implicit: 1, starttls: 1 },
        pop3: { implicit: 1, starttls: 1 },
        smtp: { implicit: 1, starttls: 1 },
      },
      onStep: (step) => steps.push(step),
      steps,
      ...extra,
    };
  };
  return world;
}
