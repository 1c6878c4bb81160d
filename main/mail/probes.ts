import type { IncomingServer, OutgoingServer } from '../../shared/model/account';
import type { AutoconfigStep, DiscoveredConfig, VerifyResult } from '../../shared/model/setup';
import { discoverAccount, type DiscoverOptions } from './autoconfig';
import { verifyIncoming, verifyOutgoing } from './verify';

/**
 * The network work account setup needs, behind one interface so services stay testable and the
 * composition root decides what to trust (tests add the harness CA; the app uses the OS store).
 */
export interface MailProbes {
  discover(
    email: string,
    options: { signal: AbortSignal; onStep: (step: AutoconfigStep) => void },
  ): Promise<DiscoveredConfig | null>;
  verifyIncoming(server: IncomingServer, password: string, options: { signal: AbortSignal }): Promise<VerifyResult>;
  verifyOutgoing(
    server: OutgoingServer,
    credentials: { username: string; password: string },
    options: { signal: AbortSignal; onSizeLimit?: (limit: number | null) => void },
  ): Promise<VerifyResult>;
}

export interface MailProbeOptions {
  /** CAs (PEM) to trust besides the system's; for tests. Users trust a CA through the OS or NODE_EXTRA_CA_CERTS. */
  extraCa?: string[];
  /** Where autoconfig looks (tests point it at their own DNS and HTTPS servers and ports). */
  autoconfig?: Omit<DiscoverOptions, 'signal' | 'onStep' | 'tls'>;
}

export function createMailProbes(options: MailProbeOptions = {}): MailProbes {
  const extraCa = options.extraCa && options.extraCa.length > 0 ? options.extraCa : undefined;
  return {
    async discover(email, { signal, onStep }) {
      try {
        return await discoverAccount(email, {
          ...options.autoconfig,
          ...(extraCa ? { tls: { ca: extraCa } } : {}),
          signal,
          onStep,
        });
      } catch (error) {
        // A cancelled lookup is an answer ("nothing, you stopped it"); its steps already say so.
        if (signal.aborted) return null;
        throw error;
      }
    },
    verifyIncoming: (server, password, { signal }) =>
      verifyIncoming(server, password, { signal, ...(extraCa ? { extraCa } : {}) }),
    verifyOutgoing: (server, credentials, { signal, onSizeLimit }) =>
      verifyOutgoing(server, credentials, {
        signal,
        ...(extraCa ? { extraCa } : {}),
        ...(onSizeLimit ? { onSizeLimit } : {}),
      }),
  };
}
