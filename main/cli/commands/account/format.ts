import type { AutoconfigStep, DiscoveredConfig, VerifyResult } from '../../../../shared/model/setup';

export function formatVerify(result: VerifyResult): string {
  const title = `${result.server === 'incoming' ? 'Incoming' : 'Outgoing'} (${result.protocol.toUpperCase()} ${result.host}:${result.port})`;
  const steps = result.steps.map((step) => `  ${step.ok ? '✓' : '✗'} ${step.step.padEnd(9)}${step.detail}`);
  const failure = result.failure ? [`  ${result.failure.message}`] : [];
  const certificate = result.failure?.certificate
    ? [
        `  Certificate: ${result.failure.certificate.subject}`,
        `    issued by ${result.failure.certificate.issuer}, valid ${result.failure.certificate.validFrom} – ${result.failure.certificate.validTo}`,
        `    SHA-256 ${result.failure.certificate.fingerprint256}`,
        `    To trust exactly this certificate: --trust-fingerprint ${result.failure.certificate.fingerprint256}`,
      ]
    : [];
  const methods = result.failure?.authMethods
    ? [`  The server offers AUTH ${result.failure.authMethods.join(' ')}`]
    : [];
  return [title, ...steps, ...failure, ...certificate, ...methods].join('\n');
}

export function formatStep(step: AutoconfigStep): string {
  return `  ${step.source.padEnd(18)}${step.status.padEnd(10)}${step.detail}`;
}

export function formatDiscovered(config: DiscoveredConfig): string {
  const incoming = config.incoming[0];
  const outgoing = config.outgoing[0];
  return [
    `Found by ${config.source}${config.providerName ? ` (${config.providerName})` : ''}:`,
    incoming &&
      `  incoming ${incoming.protocol.toUpperCase()} ${incoming.host}:${incoming.port} ${incoming.security}, user ${incoming.username}`,
    outgoing && `  outgoing SMTP ${outgoing.host}:${outgoing.port} ${outgoing.security}, user ${outgoing.username}`,
    config.guidance && `  Note: ${config.guidance}`,
  ]
    .filter(Boolean)
    .join('\n');
}
