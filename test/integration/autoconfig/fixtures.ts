import type { AutoconfigStep } from '../../../shared/model/setup';
import { createDnsResolver, createHttpFetcher } from '../../../main/mail/autoconfig';
import type { DnsResolver, HttpFetcher } from '../../../main/mail/autoconfig';

/** A Mozilla autoconfig document with one IMAP (implicit TLS) and one SMTP (STARTTLS) server. */
export function autoconfigXml(name: string, imapHost: string, smtpHost: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${name}">
    <displayName>${name}</displayName>
    <incomingServer type="imap">
      <hostname>${imapHost}</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>${smtpHost}</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    ${extra}
  </emailProvider>
</clientConfig>`;
}

/**
 * The production fetcher, given a port for URLs that name none: 443 is not ours to bind, so
 * each test host name maps to the port its HTTPS server listens on. Host name, SNI and
 * certificate verification stay those of the real URL; the address comes from the test DNS.
 */
export function fetcherWithPorts(inner: HttpFetcher, portFor: (host: string) => number): HttpFetcher {
  return {
    async get(url, signal) {
      const target = new URL(url);
      if (target.port === '') target.port = String(portFor(target.hostname));
      const response = await inner.get(target.href, signal);
      return { ...response, url: response.url === target.href ? url : response.url };
    },
  };
}

export interface Counted<T> {
  value: T;
  calls: string[];
}

/** Wraps a resolver to record every question asked (the answers are still the real server's). */
export function countingDns(inner: DnsResolver): Counted<DnsResolver> {
  const calls: string[] = [];
  return {
    calls,
    value: {
      resolveSrv: (name) => (calls.push(`SRV ${name}`), inner.resolveSrv(name)),
      resolveMx: (name) => (calls.push(`MX ${name}`), inner.resolveMx(name)),
      lookup: (host) => (calls.push(`A ${host}`), inner.lookup(host)),
    },
  };
}

export function countingHttp(inner: HttpFetcher): Counted<HttpFetcher> {
  const calls: string[] = [];
  return { calls, value: { get: (url, signal) => (calls.push(url), inner.get(url, signal)) } };
}

/** Network seams pointed at the test DNS server, trusting the harness CA. */
export function testSeams(dnsServer: string, ca: string, portFor: (host: string) => number) {
  const dns = createDnsResolver({ servers: [dnsServer], timeoutMs: 1000, tries: 1 });
  const http = fetcherWithPorts(createHttpFetcher({ dns, ca: [ca] }), portFor);
  return { dns, http };
}

/** "source:status" for each report, the shape most assertions about the sequence want. */
export const sequence = (steps: readonly AutoconfigStep[]): string[] => steps.map((s) => `${s.source}:${s.status}`);

/** The final (non-running) report of a source. */
export function outcome(steps: readonly AutoconfigStep[], source: AutoconfigStep['source']): AutoconfigStep {
  const found = steps.filter((step) => step.source === source && step.status !== 'running').at(-1);
  if (!found) throw new Error(`no outcome reported for ${source}: ${sequence(steps).join(', ')}`);
  return found;
}
