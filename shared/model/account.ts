import { z } from 'zod';

/** `none` is only accepted together with `insecureAcknowledged` on the account (an explicit warning). */
export const SecuritySchema = z.enum(['implicit', 'starttls', 'none']);
export type Security = z.infer<typeof SecuritySchema>;

/** `auto` takes the strongest password mechanism the server offers (PLAIN over TLS, then LOGIN). */
export const AuthMethodSchema = z.enum(['auto', 'plain', 'login']);
export type AuthMethod = z.infer<typeof AuthMethodSchema>;

const Host = z
  .string()
  .trim()
  .min(1, 'Enter the server name')
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'A server name has only letters, digits, dots and hyphens');
const Port = z.number().int().min(1).max(65_535);
/** SHA-256 of the DER certificate as uppercase hex pairs joined by colons (Node's fingerprint256). */
export const FingerprintSchema = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'Not a SHA-256 fingerprint');

/** A certificate the user chose to trust for this server although no CA vouches for it. */
export const PinnedCertificateSchema = z.object({
  fingerprint256: FingerprintSchema,
  /** The certificate itself (public data), so TLS can use it as the one trust anchor. */
  pem: z.string().startsWith('-----BEGIN CERTIFICATE-----'),
});
export type PinnedCertificate = z.infer<typeof PinnedCertificateSchema>;

export const ServerSchema = z.object({
  host: Host,
  port: Port,
  security: SecuritySchema,
  username: z.string().max(320),
  authMethod: AuthMethodSchema.default('auto'),
  pinnedCertificate: PinnedCertificateSchema.nullable().default(null),
});
export type Server = z.infer<typeof ServerSchema>;

export const IncomingServerSchema = ServerSchema.extend({ protocol: z.enum(['imap', 'pop3']) });
export type IncomingServer = z.infer<typeof IncomingServerSchema>;

export const OutgoingServerSchema = ServerSchema.extend({
  /** Log in to SMTP with the incoming server's username and password. */
  sameCredentialsAsIncoming: z.boolean().default(true),
});
export type OutgoingServer = z.infer<typeof OutgoingServerSchema>;

export const EmailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an address like name@example.com');

export const IdentitySchema = z.object({
  id: z.string().min(1),
  name: z.string().max(200),
  address: EmailSchema,
  replyTo: EmailSchema.nullable().default(null),
  /** Plain-text signature for new messages (and for replies when replySignature is null). */
  signature: z.string().max(20_000).default(''),
  /** Rich-mode variant of `signature` (HTML, sanitized when sent); null: the plain one, escaped. */
  signatureHtml: z.string().max(100_000).nullable().default(null),
  /** For replies and forwards; null: the same as for new messages. */
  replySignature: z.string().max(20_000).nullable().default(null),
  replySignatureHtml: z.string().max(100_000).nullable().default(null),
  /** An identity may send through its own server (an alias at another provider). */
  smtp: OutgoingServerSchema.nullable().default(null),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const Pop3OptionsSchema = z.object({
  leaveOnServer: z.boolean().default(true),
  /** With leaveOnServer: delete from the server once a message is this many days old; null = never. */
  deleteAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
  deleteWhenDeletedHere: z.boolean().default(false),
});
export type Pop3Options = z.infer<typeof Pop3OptionsSchema>;

export const ImapOptionsSchema = z.object({
  /** Bodies are kept offline for this many days; null = all mail. */
  offlineWindowDays: z.number().int().min(1).max(36_500).nullable().default(365),
  /** The per-account off switch for QRESYNC, for servers whose implementation misbehaves. */
  qresync: z.boolean().default(true),
});

const AccountFields = z.object({
  id: z.string().min(1),
  displayName: z.string().trim().min(1, 'Enter a name for the account').max(200),
  incoming: IncomingServerSchema,
  outgoing: OutgoingServerSchema,
  identities: z.array(IdentitySchema).min(1),
  pop3: Pop3OptionsSchema.default(Pop3OptionsSchema.parse({})),
  imap: ImapOptionsSchema.default(ImapOptionsSchema.parse({})),
  includeInUnified: z.boolean().default(true),
  /** Set only after the user saw the warning that `none` sends the password in the clear. */
  insecureAcknowledged: z.boolean().default(false),
});

type AccountFieldsOutput = z.output<typeof AccountFields>;
const plaintextAcknowledged = (
  account: Pick<AccountFieldsOutput, 'incoming' | 'outgoing' | 'identities' | 'insecureAcknowledged'>,
) =>
  account.insecureAcknowledged ||
  [account.incoming, account.outgoing, ...account.identities.map((identity) => identity.smtp)].every(
    (server) => server?.security !== 'none',
  );
const acknowledgement = {
  message: 'An unencrypted connection sends your password in the clear; it needs your explicit acknowledgement',
  path: ['insecureAcknowledged'],
};

export const AccountSchema = AccountFields.refine(plaintextAcknowledged, acknowledgement);
/** An account as the setup form sends it: no id yet when it is new. */
export const AccountDraftSchema = AccountFields.extend({ id: z.string().min(1).nullable().default(null) }).refine(
  plaintextAcknowledged,
  acknowledgement,
);
export type AccountDraft = z.infer<typeof AccountDraftSchema>;
export type Account = z.infer<typeof AccountSchema>;

/** What the UI needs to list an account. */
export const AccountSummarySchema = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  email: z.string(),
  incoming: z.enum(['imap', 'pop3']),
  includeInUnified: z.boolean(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export function summarize(account: Account): AccountSummary {
  return {
    id: account.id,
    displayName: account.displayName,
    email: account.identities[0]?.address ?? '',
    incoming: account.incoming.protocol,
    includeInUnified: account.includeInUnified,
  };
}
