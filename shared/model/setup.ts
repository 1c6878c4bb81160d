import { z } from 'zod';
import { SecuritySchema } from './account';

/** Where autoconfig looked, in the order it looks. */
export const AutoconfigSourceSchema = z.enum([
  'provider-table',
  'domain-autoconfig',
  'well-known',
  'ispdb',
  'srv',
  'mx',
  'guess',
]);
export type AutoconfigSource = z.infer<typeof AutoconfigSourceSchema>;

export const AutoconfigStepSchema = z.object({
  source: AutoconfigSourceSchema,
  status: z.enum(['running', 'found', 'not-found', 'failed', 'timed-out', 'cancelled', 'skipped']),
  /** What was asked and what came back, in words ("GET https://autoconfig.example.com/… → 404"). */
  detail: z.string(),
  durationMs: z.number().nonnegative(),
});
export type AutoconfigStep = z.infer<typeof AutoconfigStepSchema>;

const Candidate = z.object({
  host: z.string(),
  port: z.number().int(),
  security: SecuritySchema,
  username: z.string(),
});
export const IncomingCandidateSchema = Candidate.extend({ protocol: z.enum(['imap', 'pop3']) });
export type IncomingCandidate = z.infer<typeof IncomingCandidateSchema>;
export const OutgoingCandidateSchema = Candidate;
export type OutgoingCandidate = z.infer<typeof OutgoingCandidateSchema>;

/** Autoconfig's answer, shown for confirmation and never applied silently. Best candidates first. */
export const DiscoveredConfigSchema = z.object({
  source: AutoconfigSourceSchema,
  providerName: z.string().nullable(),
  incoming: z.array(IncomingCandidateSchema).min(1),
  outgoing: z.array(OutgoingCandidateSchema),
  /** e.g. "Gmail needs an app password when 2-step verification is on: …" */
  guidance: z.string().nullable(),
});
export type DiscoveredConfig = z.infer<typeof DiscoveredConfigSchema>;

export const CertificateInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
  selfSigned: z.boolean(),
  /** The certificate, so the user can pin exactly this one. */
  pem: z.string(),
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

export const VerifyFailureCodeSchema = z.enum([
  'dns_failed',
  'connection_refused',
  'timed_out',
  'tls_failed',
  'certificate_untrusted',
  'starttls_missing',
  'auth_failed',
  'protocol_error',
  'cancelled',
]);
export type VerifyFailureCode = z.infer<typeof VerifyFailureCodeSchema>;

export const VerifyStepSchema = z.object({
  step: z.enum(['dns', 'connect', 'tls', 'starttls', 'greeting', 'auth', 'done']),
  ok: z.boolean(),
  detail: z.string(),
});

export const VerifyResultSchema = z.object({
  server: z.enum(['incoming', 'outgoing']),
  protocol: z.enum(['imap', 'pop3', 'smtp']),
  host: z.string(),
  port: z.number().int(),
  ok: z.boolean(),
  steps: z.array(VerifyStepSchema),
  failure: z
    .object({
      code: VerifyFailureCodeSchema,
      /** Human: what happened, at which step, and what to do. */
      message: z.string(),
      /** The server's own words, where it said any (e.g. "NO [AUTHENTICATIONFAILED] …"). */
      serverText: z.string().nullable(),
      certificate: CertificateInfoSchema.nullable(),
      /** For SMTP: the AUTH mechanisms EHLO offered. */
      authMethods: z.array(z.string()).nullable(),
    })
    .nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
