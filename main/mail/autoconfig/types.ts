import type { AutoconfigSource, AutoconfigStep, DiscoveredConfig } from '../../../shared/model/setup';

/** An SRV answer as node:dns returns it; `name` is the target host ("" or "." = service not offered). */
export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export interface MxRecord {
  exchange: string;
  priority: number;
}

/**
 * Every DNS question autoconfig asks goes through this, so tests can answer from their own DNS
 * server and the app can be pointed at a resolver of the user's choice.
 */
export interface DnsResolver {
  resolveSrv(name: string): Promise<SrvRecord[]>;
  resolveMx(name: string): Promise<MxRecord[]>;
  /** IPv4 and IPv6 addresses of a host name; rejects (code ENOTFOUND/ENODATA) when there are none. */
  lookup(host: string): Promise<string[]>;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** The URL that answered, after redirects (when the fetcher knows it). */
  url?: string;
}

/** Fetches autoconfig documents; the default one verifies certificates, caps size and redirects. */
export interface HttpFetcher {
  get(url: string, signal: AbortSignal): Promise<HttpResponse>;
}

/** A port and its TLS mode, for guess-and-probe. */
export interface ProbePorts {
  /** Implicit TLS port (993, 995, 465). */
  implicit: number;
  /** Plain port that must offer STARTTLS/STLS (143, 110, 587). */
  starttls: number;
}

export interface GuessPorts {
  imap: ProbePorts;
  pop3: ProbePorts;
  smtp: ProbePorts;
}

export const STANDARD_PORTS: GuessPorts = {
  imap: { implicit: 993, starttls: 143 },
  pop3: { implicit: 995, starttls: 110 },
  smtp: { implicit: 465, starttls: 587 },
};

export interface DiscoverOptions {
  /** Aborting stops at once: the running and remaining steps are reported 'cancelled'. */
  signal?: AbortSignal;
  /** A 'running' report for each step, then its outcome. */
  onStep?: (step: AutoconfigStep) => void;
  /** Time limit of each step; default 8000 ms. */
  stepTimeoutMs?: number;
  /** Time limit of one guess-and-probe connection; default min(4000, 60 % of the step timeout). */
  probeTimeoutMs?: number;
  /** Default: the system's DNS (see createDnsResolver). */
  dns?: DnsResolver;
  /** Default: createHttpFetcher over `dns` with `tls.ca`. */
  http?: HttpFetcher;
  /** Default https://autoconfig.thunderbird.net/v1.1 (the domain is appended). */
  ispdbBaseUrl?: string;
  /** Ports guess-and-probe tries; default the standard ones. */
  guessPorts?: Partial<GuessPorts>;
  /** Extra trust anchors (PEM), added to the public roots, for HTTPS and the TLS probes. */
  tls?: { ca?: string | string[] };
}

/** What every step gets: the address, its parts, the network seams, and a trace of what it did. */
export interface StepContext {
  email: string;
  localPart: string;
  domain: string;
  dns: DnsResolver;
  http: HttpFetcher;
  ispdbBaseUrl: string;
  guessPorts: GuessPorts;
  probeTimeoutMs: number;
  /** Trust anchors for the TLS probes (public roots + extras); undefined = Node's defaults. */
  ca: string[] | undefined;
  /** Aborted when the step times out or the whole discovery is cancelled. */
  signal: AbortSignal;
  /** What was asked and what came back so far; a timed-out or failed report shows it. */
  trace: string[];
}

export type StepResult =
  | { status: 'found'; config: DiscoveredConfig; detail: string }
  | { status: 'not-found' | 'failed' | 'skipped'; detail: string };

export interface Step {
  source: AutoconfigSource;
  /** The 'running' report's words. */
  describe(ctx: StepContext): string;
  run(ctx: StepContext): Promise<StepResult>;
}
