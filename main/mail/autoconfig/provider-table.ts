import type {
  AutoconfigSource,
  DiscoveredConfig,
  IncomingCandidate,
  OutgoingCandidate,
} from '../../../shared/model/setup';
import { hostHasSuffix, normalizeHost, type AddressParts } from './address';
import { PROVIDERS, type Provider, type ServerTemplate } from './providers';
import type { MxRecord } from './types';

/** The provider whose own addresses use this domain (gmail.com → Gmail), if any. */
export function providerForDomain(domain: string, providers: readonly Provider[] = PROVIDERS): Provider | null {
  const name = normalizeHost(domain);
  return providers.find((provider) => provider.domains.includes(name)) ?? null;
}

/** The provider that hosts this MX host (aspmx.l.google.com → Google Workspace), if any. */
export function providerForMxHost(host: string, providers: readonly Provider[] = PROVIDERS): Provider | null {
  // The longest matching suffix wins, so "mail.protection.outlook.com" is never taken for a
  // shorter, broader entry that might be added later.
  let best: { provider: Provider; length: number } | null = null;
  for (const provider of providers) {
    for (const suffix of provider.mxSuffixes) {
      if (hostHasSuffix(host, suffix) && (best === null || suffix.length > best.length)) {
        best = { provider, length: suffix.length };
      }
    }
  }
  return best?.provider ?? null;
}

/** MX hosts in preference order (lowest priority value first), mapped to the first known provider. */
export function providerForMx(
  records: readonly MxRecord[],
  providers: readonly Provider[] = PROVIDERS,
): { provider: Provider; exchange: string } | null {
  const ordered = [...records].sort((a, b) => a.priority - b.priority);
  for (const record of ordered) {
    const provider = providerForMxHost(record.exchange, providers);
    if (provider) return { provider, exchange: normalizeHost(record.exchange) };
  }
  return null;
}

function username(template: ServerTemplate, parts: AddressParts): string {
  return template.username === 'local-part' ? parts.localPart : parts.email;
}

/** The provider's servers with login names filled in for this address. */
export function providerConfig(provider: Provider, parts: AddressParts, source: AutoconfigSource): DiscoveredConfig {
  const incoming: IncomingCandidate[] = [];
  const outgoing: OutgoingCandidate[] = [];
  for (const server of provider.servers) {
    const candidate = {
      host: server.host,
      port: server.port,
      security: server.security,
      username: username(server, parts),
    };
    if (server.protocol === 'smtp') outgoing.push(candidate);
    else incoming.push({ protocol: server.protocol, ...candidate });
  }
  return { source, providerName: provider.name, incoming, outgoing, guidance: provider.guidance };
}
