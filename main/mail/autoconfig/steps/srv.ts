import type { DiscoveredConfig, IncomingCandidate, OutgoingCandidate } from '../../../../shared/model/setup';
import { isHostName, normalizeHost } from '../address';
import { errorText, isNoRecord } from '../dns-resolver';
import type { SrvRecord, Step } from '../types';

type Service = 'imap' | 'pop3' | 'smtp';

/** RFC 6186 names; the "s" variants are implicit TLS (RFC 8314), the others STARTTLS. */
export const SRV_SERVICES = [
  { label: '_submissions._tcp', service: 'smtp', security: 'implicit' },
  { label: '_submission._tcp', service: 'smtp', security: 'starttls' },
  { label: '_imaps._tcp', service: 'imap', security: 'implicit' },
  { label: '_imap._tcp', service: 'imap', security: 'starttls' },
  { label: '_pop3s._tcp', service: 'pop3', security: 'implicit' },
  { label: '_pop3._tcp', service: 'pop3', security: 'starttls' },
] as const satisfies readonly { label: string; service: Service; security: 'implicit' | 'starttls' }[];

export interface SrvTarget {
  host: string;
  port: number;
  priority: number;
}

/**
 * Usable targets of one SRV answer, best first: lowest priority, then highest weight (RFC 2782
 * picks by weighted chance among equals; a list shown for confirmation wants a stable order).
 * A lone "." target means the service is decidedly not offered (RFC 2782/6186) → empty list.
 */
export function orderSrvRecords(records: readonly SrvRecord[]): SrvTarget[] {
  return [...records]
    .filter((record) => normalizeHost(record.name) !== '' && record.port > 0)
    .filter((record) => isHostName(normalizeHost(record.name)))
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
    .map((record) => ({ host: normalizeHost(record.name), port: record.port, priority: record.priority }));
}

interface Found extends SrvTarget {
  service: Service;
  security: 'implicit' | 'starttls';
}

/**
 * Candidates from all six answers: implicit TLS before STARTTLS within a protocol (RFC 8314), and
 * IMAP before POP3 unless POP3 was published with a strictly better priority (RFC 6186 §3.4).
 */
export function srvConfig(found: readonly Found[], email: string): DiscoveredConfig | null {
  const of = (service: Service): Found[] =>
    found
      .filter((entry) => entry.service === service)
      .sort((a, b) => Number(a.security !== 'implicit') - Number(b.security !== 'implicit') || a.priority - b.priority);
  const best = (list: Found[]): number => Math.min(...list.map((entry) => entry.priority));
  const imap = of('imap');
  const pop3 = of('pop3');
  const protocols = pop3.length > 0 && (imap.length === 0 || best(pop3) < best(imap)) ? [pop3, imap] : [imap, pop3];
  const incoming: IncomingCandidate[] = protocols.flat().map((entry) => ({
    protocol: entry.service === 'pop3' ? 'pop3' : 'imap',
    host: entry.host,
    port: entry.port,
    security: entry.security,
    username: email,
  }));
  if (incoming.length === 0) return null;
  const outgoing: OutgoingCandidate[] = of('smtp').map(({ host, port, security }) => ({
    host,
    port,
    security,
    username: email,
  }));
  return { source: 'srv', providerName: null, incoming, outgoing, guidance: null };
}

/** Step 5: RFC 6186 SRV records, all six asked at once. */
export const srvStep: Step = {
  source: 'srv',
  describe: (ctx) => `Looking up SRV records (_imaps._tcp.${ctx.domain} …)`,
  async run(ctx) {
    const answers = await Promise.all(
      SRV_SERVICES.map(async (entry) => {
        const name = `${entry.label}.${ctx.domain}`;
        try {
          const targets = orderSrvRecords(await ctx.dns.resolveSrv(name));
          ctx.trace.push(
            `${entry.label} → ${targets.length > 0 ? targets.map((t) => `${t.host}:${t.port}`).join(', ') : 'not offered'}`,
          );
          return { entry, targets, error: null };
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          ctx.trace.push(`${entry.label} → ${isNoRecord(error) ? 'none' : errorText(error)}`);
          return { entry, targets: [], error: isNoRecord(error) ? null : error };
        }
      }),
    );
    const found = answers.flatMap(({ entry, targets }) =>
      targets.map((target) => ({ ...target, service: entry.service, security: entry.security })),
    );
    const detail = ctx.trace.join('; ');
    const config = srvConfig(found, ctx.email);
    if (config) return { status: 'found', config, detail };
    if (answers.every((answer) => answer.error !== null)) return { status: 'failed', detail };
    return { status: 'not-found', detail };
  },
};
