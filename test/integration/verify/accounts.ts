import type { IncomingServer, OutgoingServer, Security } from '../../../shared/model/account';
import type { VerifyResult } from '../../../shared/model/setup';

/** Server settings as the account model stores them, for a server on 127.0.0.1. */
export function incoming(
  protocol: IncomingServer['protocol'],
  port: number,
  security: Security,
  username: string,
  extra: Partial<IncomingServer> = {},
): IncomingServer {
  return {
    protocol,
    host: '127.0.0.1',
    port,
    security,
    username,
    authMethod: 'auto',
    pinnedCertificate: null,
    ...extra,
  };
}

export function outgoing(
  port: number,
  security: Security,
  username: string,
  extra: Partial<OutgoingServer> = {},
): OutgoingServer {
  return {
    host: '127.0.0.1',
    port,
    security,
    username,
    authMethod: 'auto',
    pinnedCertificate: null,
    sameCredentialsAsIncoming: false,
    ...extra,
  };
}

/** "dns:ok connect:ok tls:FAILED" — the step sequence at a glance, for assertions and for failure output. */
export function stepSummary(result: VerifyResult): string {
  return result.steps.map((step) => `${step.step}:${step.ok ? 'ok' : 'FAILED'}`).join(' ');
}
