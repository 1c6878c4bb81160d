import type { DiscoveredConfig, IncomingCandidate, OutgoingCandidate } from '../../../../shared/model/setup';
import { errorText, isNoRecord } from '../dns-resolver';
import { probeServer, type ProbeProtocol } from '../probe/probe';
import type { GuessPorts, Step, StepContext } from '../types';

/** Host name prefixes tried per protocol, most specific first. */
export const GUESS_HOSTS: Record<ProbeProtocol, readonly string[]> = {
  imap: ['imap', 'mail'],
  pop3: ['pop', 'pop3', 'mail'],
  smtp: ['smtp', 'mail'],
};

export interface GuessProbe {
  protocol: ProbeProtocol;
  host: string;
  port: number;
  security: 'implicit' | 'starttls';
}

/** Every (host, port) to try, in preference order: implicit TLS before STARTTLS (RFC 8314). */
export function guessProbes(domain: string, ports: GuessPorts): GuessProbe[] {
  const probes: GuessProbe[] = [];
  for (const protocol of ['imap', 'pop3', 'smtp'] as const) {
    for (const security of ['implicit', 'starttls'] as const) {
      for (const prefix of GUESS_HOSTS[protocol]) {
        probes.push({ protocol, host: `${prefix}.${domain}`, port: ports[protocol][security], security });
      }
    }
  }
  return probes;
}

/** Resolves each distinct host once; a host without an address is simply not there. */
async function resolveHosts(ctx: StepContext, hosts: string[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  await Promise.all(
    hosts.map(async (host) => {
      try {
        const [address] = await ctx.dns.lookup(host);
        if (address !== undefined) resolved.set(host, address);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        ctx.trace.push(`${host}: ${isNoRecord(error) ? 'no such host' : errorText(error)}`);
      }
    }),
  );
  return resolved;
}

/** Step 7: guess the usual host names and ask each on the standard ports, all at once. */
export const guessStep: Step = {
  source: 'guess',
  describe: (ctx) => `Trying imap.${ctx.domain}, mail.${ctx.domain}, smtp.${ctx.domain} … on the usual ports`,
  async run(ctx) {
    const probes = guessProbes(ctx.domain, ctx.guessPorts);
    const addresses = await resolveHosts(ctx, [...new Set(probes.map((probe) => probe.host))]);
    const lookups = [...ctx.trace];
    const results = await Promise.all(
      probes.map(async (probe) => {
        const address = addresses.get(probe.host);
        if (address === undefined) return null;
        const result = await probeServer({
          ...probe,
          address,
          ca: ctx.ca,
          timeoutMs: ctx.probeTimeoutMs,
          signal: ctx.signal,
        });
        ctx.trace.push(result.detail); // in completion order, for a timed-out report
        return { probe, result };
      }),
    );
    const found = results.flatMap((entry) => (entry?.result.ok ? [entry.probe] : []));
    const config = guessConfig(found, ctx.email);
    // In probe order, so the report reads the same every time.
    const said = results.flatMap((entry) => (entry ? [entry.result.detail] : []));
    const detail = [...lookups, ...said].join('; ') || 'nothing to try';
    return config ? { status: 'found', config, detail } : { status: 'not-found', detail };
  },
};

/** The servers that answered, kept in preference order; the full address as login name. */
export function guessConfig(found: readonly GuessProbe[], email: string): DiscoveredConfig | null {
  const incoming: IncomingCandidate[] = [];
  const outgoing: OutgoingCandidate[] = [];
  for (const { protocol, host, port, security } of found) {
    if (protocol === 'smtp') outgoing.push({ host, port, security, username: email });
    else incoming.push({ protocol, host, port, security, username: email });
  }
  if (incoming.length === 0) return null;
  return { source: 'guess', providerName: null, incoming, outgoing, guidance: null };
}
