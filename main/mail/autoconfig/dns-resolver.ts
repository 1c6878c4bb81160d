import { lookup as systemLookup, Resolver } from 'node:dns/promises';
import type { DnsResolver } from './types';

export interface DnsResolverOptions {
  /** DNS servers to ask ("127.0.0.1:5353", "[::1]:53"); default the system's. */
  servers?: string[];
  /** Per-query timeout of the resolver (node:dns retries `tries` times); default 2000 ms. */
  timeoutMs?: number;
  tries?: number;
}

/**
 * The default resolver: SRV and MX through a node:dns Resolver. Host addresses come from the
 * system (getaddrinfo, so /etc/hosts counts, as it will for the real connection later) unless
 * explicit servers are given, in which case they are asked too, so a test DNS server or a
 * resolver the user chose answers every question.
 */
export function createDnsResolver(options: DnsResolverOptions = {}): DnsResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
  const custom = options.servers !== undefined && options.servers.length > 0;
  if (custom) resolver.setServers(options.servers ?? []);
  return {
    resolveSrv: (name) => resolver.resolveSrv(name),
    resolveMx: (name) => resolver.resolveMx(name),
    lookup: custom
      ? async (host) => {
          const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
          const addresses = [v4, v6].flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
          if (addresses.length > 0) return addresses;
          throw v4.status === 'rejected' ? v4.reason : new Error(`no address for ${host}`);
        }
      : async (host) => (await systemLookup(host, { all: true, verbatim: true })).map((entry) => entry.address),
  };
}

/** node:dns error codes that mean "there is no such record", as opposed to "DNS did not work". */
export function isNoRecord(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOTFOUND' || code === 'ENODATA' || code === 'NXDOMAIN' || code === 'ENONAME';
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
