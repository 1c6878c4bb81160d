import type { Socket } from 'node:net';
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import type { Server } from '../../../shared/model/account';
import type { CertificateInfo, VerifyResult } from '../../../shared/model/setup';
import { certificateInfoFromPeer } from '../tls/certificate';
import { tlsOptionsFor } from '../tls/options';
import { probeCertificate } from '../tls/probe';
import { classifyError, classifyStopped, type Classified } from './classify';
import { Deadline, StoppedError } from './deadline';
import { failureMessage, type MailProtocol } from './messages';
import { connectTcp, resolveHost } from './network';
import { redactResult } from './redact';
import { planFor, Trace, type StepName } from './trace';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The certificate probe after a failure gets its own short budget: the main one may be spent. */
const PROBE_TIMEOUT_MS = 5_000;

export interface VerifyOptions {
  signal?: AbortSignal;
  /** For the whole check, DNS to logout; default 15 s. */
  timeoutMs?: number;
  /** CAs (PEM) to trust besides Node's bundled roots (tests); see tlsOptionsFor. */
  extraCa?: string[];
  /** SMTP: told the SIZE the server's EHLO advertised (null: none), so it can be remembered. */
  onSizeLimit?: (limit: number | null) => void;
}

/** What a protocol check gets: a connected TCP socket and the means to report steps. */
export interface SessionContext {
  socket: Socket;
  server: Server;
  username: string;
  password: string;
  tls: ConnectionOptions;
  trace: Trace;
  deadline: Deadline;
  /** A line about the last certificate that passed verification (for the tls/starttls step). */
  tlsDetail: () => string;
  onSizeLimit?: (limit: number | null) => void;
}

export type ProtocolSession = (context: SessionContext) => Promise<void>;

export interface Verification {
  kind: VerifyResult['server'];
  protocol: MailProtocol;
  server: Server;
  username: string;
  password: string;
  options: VerifyOptions;
}

function describeVerified(certificate: PeerCertificate | null, how: 'authority' | 'pinned' | null): string {
  if (!certificate) return 'TLS established';
  const info = certificateInfoFromPeer(certificate);
  return how === 'pinned'
    ? `TLS established; the certificate is the one you trusted (SHA-256 ${info.fingerprint256})`
    : `TLS established; certificate for ${info.subject}, issued by ${info.issuer}, verified`;
}

function failingStep(failure: Classified, trace: Trace, security: Server['security']): StepName {
  if (failure.step) return failure.step;
  if (failure.code === 'certificate_untrusted' || failure.code === 'tls_failed') {
    return security === 'implicit' ? 'tls' : 'starttls';
  }
  return trace.nextPending();
}

/**
 * Runs one check: DNS and TCP here (the same for every protocol), then the protocol's session
 * over that socket, all under one deadline. Never throws: every outcome is a VerifyResult, with
 * the password scrubbed from every text in it.
 */
export async function runVerification(verification: Verification, session: ProtocolSession): Promise<VerifyResult> {
  const { server, protocol, options } = verification;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const trace = new Trace(planFor(server.security));
  const deadline = new Deadline(timeoutMs, options.signal);
  let verified: { certificate: PeerCertificate; how: 'authority' | 'pinned' } | null = null;
  const tls = tlsOptionsFor(server, {
    extraCa: options.extraCa,
    onVerified: (certificate, how) => (verified = { certificate, how }),
  });
  const base = { server: verification.kind, protocol, host: server.host, port: server.port };
  let socket: Socket | undefined;
  try {
    if (deadline.reason) throw new StoppedError(deadline.reason);
    const addresses = await deadline.race(resolveHost(server.host));
    trace.ok(
      'dns',
      addresses[0] === server.host ? `${server.host} is an address` : `${server.host} → ${addresses.join(', ')}`,
    );
    const connected = await connectTcp(addresses, server.port, deadline);
    socket = connected.socket;
    const tcp = socket;
    // The libraries take their listeners off this socket once TLS wraps it; a late error on it
    // (a reset after a cancel) must not become an uncaught exception. They still see errors.
    tcp.on('error', () => undefined);
    deadline.onStop(() => tcp.destroy());
    trace.ok('connect', `Connected to ${connected.address} port ${server.port}`);
    await deadline.race(
      session({
        socket,
        server,
        username: verification.username,
        password: verification.password,
        tls,
        trace,
        deadline,
        tlsDetail: () => describeVerified(verified?.certificate ?? null, verified?.how ?? null),
        ...(options.onSizeLimit ? { onSizeLimit: options.onSizeLimit } : {}),
      }),
    );
    return redactResult({ ...base, ok: true, steps: trace.steps(), failure: null }, verification);
  } catch (error) {
    const stopped = deadline.reason ?? (error instanceof StoppedError ? error.reason : null);
    const failure = withPin(stopped ? classifyStopped(stopped) : classifyError(error, trace.nextPending()), server);
    const step = failingStep(failure, trace, server.security);
    let certificate: CertificateInfo | null = failure.certificate;
    if (failure.code === 'certificate_untrusted' && !certificate && server.security !== 'none') {
      certificate = await probeCertificate(
        { host: server.host, port: server.port, protocol, security: server.security },
        { timeoutMs: PROBE_TIMEOUT_MS, signal: options.signal },
      );
    }
    const message = failureMessage(failure, certificate, { ...base, security: server.security, step, timeoutMs });
    trace.fail(step, message);
    const result: VerifyResult = {
      ...base,
      ok: false,
      steps: trace.steps(),
      failure: {
        code: failure.code,
        message,
        serverText: failure.serverText,
        certificate,
        authMethods: failure.authMethods,
      },
    };
    return redactResult(result, verification);
  } finally {
    deadline.dispose();
    socket?.destroy();
  }
}

/**
 * With a pin, the pinned certificate is the only trust anchor: a chain that does not verify means
 * the server presented another certificate, whatever OpenSSL called it. Dates stay dates.
 */
function withPin(failure: Classified, server: Server): Classified {
  const keeps = ['expired', 'not-yet-valid', 'pin-mismatch'];
  if (!server.pinnedCertificate || failure.code !== 'certificate_untrusted') return failure;
  if (keeps.includes(failure.certificateProblem ?? '')) return failure;
  return { ...failure, certificateProblem: 'pin-mismatch' };
}
