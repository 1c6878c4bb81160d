/** Autoconfig: server settings for an email address, from the sources in `STEPS`, in order. */
export { discoverAccount, DEFAULT_ISPDB_BASE_URL, DEFAULT_STEP_TIMEOUT_MS, STEPS } from './discover';
export { createDnsResolver, type DnsResolverOptions } from './dns-resolver';
export { createHttpFetcher, HttpFetchError, type HttpFetcherOptions } from './http-fetcher';
export { parseAutoconfigXml, type ConfigParse } from './config-xml';
export { providerForDomain, providerForMx, providerForMxHost, providerConfig } from './provider-table';
export { PROVIDERS, type Provider, type ServerTemplate } from './providers';
export {
  STANDARD_PORTS,
  type DiscoverOptions,
  type DnsResolver,
  type GuessPorts,
  type HttpFetcher,
  type HttpResponse,
  type MxRecord,
  type ProbePorts,
  type SrvRecord,
} from './types';
