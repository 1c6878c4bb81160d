import type { AutoconfigStep, DiscoveredConfig } from '../../../shared/model/setup';
import { trustAnchors } from '../tls/trust';
import { splitAddress } from './address';
import { createDnsResolver } from './dns-resolver';
import { createHttpFetcher } from './http-fetcher';
import { runStep } from './step-runner';
import { guessStep } from './steps/guess';
import { mxStep } from './steps/mx';
import { providerTableStep } from './steps/provider-table';
import { srvStep } from './steps/srv';
import { domainAutoconfigStep, ispdbStep, wellKnownStep } from './steps/xml-sources';
import { STANDARD_PORTS, type DiscoverOptions, type Step, type StepContext } from './types';

export const DEFAULT_STEP_TIMEOUT_MS = 8000;
export const DEFAULT_ISPDB_BASE_URL = 'https://autoconfig.thunderbird.net/v1.1';

/** The order sources are asked in: cheapest and most authoritative first, guessing last. */
export const STEPS: readonly Step[] = [
  providerTableStep,
  domainAutoconfigStep,
  wellKnownStep,
  ispdbStep,
  srvStep,
  mxStep,
  guessStep,
];

function asList(ca: string | string[] | undefined): string[] | undefined {
  if (ca === undefined) return undefined;
  return Array.isArray(ca) ? ca : [ca];
}

function cancelledError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Autoconfig was cancelled', 'AbortError');
}

/**
 * Finds server settings for an address, asking each source in turn (see STEPS) and stopping at
 * the first that gives at least one encrypted incoming server. Every step is reported through
 * `onStep`: 'running', then its outcome. Resolves null when no source knew anything.
 *
 * Cancelling through `signal` stops at once: the step in flight and those not yet tried are
 * reported 'cancelled', and the promise rejects with the signal's reason (an AbortError).
 */
export async function discoverAccount(email: string, options: DiscoverOptions = {}): Promise<DiscoveredConfig | null> {
  const report = (step: AutoconfigStep): void => options.onStep?.(step);
  const cancel = options.signal ?? new AbortController().signal;
  const parts = splitAddress(email);
  if (!parts) throw new TypeError(`Not an email address: ${email}`);

  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const extraCa = asList(options.tls?.ca);
  const dns = options.dns ?? createDnsResolver();
  const base: Omit<StepContext, 'signal' | 'trace'> = {
    ...parts,
    dns,
    http: options.http ?? createHttpFetcher({ dns, ca: extraCa }),
    ispdbBaseUrl: options.ispdbBaseUrl ?? DEFAULT_ISPDB_BASE_URL,
    guessPorts: { ...STANDARD_PORTS, ...options.guessPorts },
    // Probes must end before the step does, or a slow server would cost us every other answer.
    probeTimeoutMs: options.probeTimeoutMs ?? Math.min(4000, Math.round(stepTimeoutMs * 0.6)),
    ca: trustAnchors(extraCa),
  };

  for (const [index, step] of STEPS.entries()) {
    if (cancel.aborted) {
      reportCancelled(STEPS.slice(index), report);
      throw cancelledError(cancel);
    }
    let outcome;
    try {
      outcome = await runStep(step, base, cancel, stepTimeoutMs, report);
    } catch (error) {
      reportCancelled(STEPS.slice(index + 1), report);
      throw error;
    }
    if (outcome.status === 'found') return outcome.result.config;
  }
  return null;
}

function reportCancelled(steps: readonly Step[], report: (step: AutoconfigStep) => void): void {
  for (const step of steps)
    report({ source: step.source, status: 'cancelled', detail: 'Not tried: cancelled', durationMs: 0 });
}
