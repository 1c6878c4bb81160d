import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { AccountDraftSchema, type AccountDraft } from '../../../../shared/model/account';
import type { DiscoveredConfig, VerifyResult } from '../../../../shared/model/setup';
import { saveAccount } from '../../../services/accounts';
import type { AppContext } from '../../../services/context';
import { discover, SetupRequests, verify } from '../../../services/setup';
import { UsageError } from '../../args';
import type { CommandInput, CommandResult } from '../../command';
import { readAllStdin, withApp } from '../../with-app';
import { formatDiscovered, formatStep, formatVerify } from './format';
import { normalizeFingerprint, parseSecurity, parseServerFlag } from './server-flags';

type Values = CommandInput['values'];
const text = (values: Values, name: string): string | undefined =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined;

/** `letterbox account add`: autoconfig (optional), verify both servers, and only then save. */
export async function addAccount({ io, globals, values }: CommandInput): Promise<CommandResult> {
  const email = text(values, 'email');
  if (!email) throw new UsageError('account add needs --email');
  if (values['password-stdin'] !== true)
    throw new UsageError('account add reads the password from stdin: pass --password-stdin');
  const password = (await readAllStdin(io)).replace(/\r?\n$/, '');
  if (!password) throw new UsageError('no password arrived on stdin');
  const pin = text(values, 'trust-fingerprint');
  const fingerprint = pin === undefined ? null : normalizeFingerprint(pin);

  return withApp(io, globals, async (app) => {
    const requests = new SetupRequests();
    let discovered: DiscoveredConfig | null = null;
    const report: string[] = [];
    if (values.auto === true) {
      if (!globals.json) io.stderr.write(`Looking up settings for ${email}…\n`);
      const found = await discover(app.ctx, requests, { requestId: randomUUID(), email });
      discovered = found.config;
      report.push('Autoconfig:', ...found.steps.map(formatStep));
      report.push(
        discovered
          ? formatDiscovered(discovered)
          : 'Autoconfig found nothing; give the servers with --imap/--pop3 and --smtp.',
      );
    }
    let draft = buildDraft(values, email, discovered);
    let results = await verifyDraft(app.ctx, requests, draft, password);
    if (fingerprint !== null) {
      draft = pinMatching(draft, results, fingerprint);
      results = await verifyDraft(app.ctx, requests, draft, password);
    }
    report.push(...results.map(formatVerify));
    const failed = results.find((result) => !result.ok);
    if (failed) {
      io.stderr.write(`letterbox: not saved: ${failed.failure?.message ?? 'verification failed'}\n`);
      return { json: { saved: false, discovered, verification: results }, text: report.join('\n'), exitCode: 1 };
    }
    const summary = await saveAccount(app.ctx, { account: draft, password, outgoingPassword: null });
    report.push(`Saved account "${summary.displayName}" (${summary.id}).`);
    return { json: { saved: true, account: summary, discovered, verification: results }, text: report.join('\n') };
  });
}

function buildDraft(values: Values, email: string, discovered: DiscoveredConfig | null): AccountDraft {
  const imap = text(values, 'imap');
  const pop3 = text(values, 'pop3');
  if (imap && pop3) throw new UsageError('give --imap or --pop3, not both');
  const incomingSecurity = text(values, 'incoming-security');
  const incoming = imap
    ? { protocol: 'imap' as const, ...parseServerFlag('--imap', imap, incomingSecurity, 'imap') }
    : pop3
      ? { protocol: 'pop3' as const, ...parseServerFlag('--pop3', pop3, incomingSecurity, 'pop3') }
      : discovered?.incoming[0];
  if (!incoming)
    throw new UsageError('give the incoming server with --imap HOST:PORT or --pop3 HOST:PORT, or use --auto');
  const smtpFlag = text(values, 'smtp');
  const smtpSecurity = text(values, 'smtp-security');
  const outgoing = smtpFlag ? parseServerFlag('--smtp', smtpFlag, smtpSecurity, 'smtp') : discovered?.outgoing[0];
  if (!outgoing) throw new UsageError('give the outgoing server with --smtp HOST:PORT, or use --auto');
  if (!smtpFlag && smtpSecurity) parseSecurity('--smtp-security', smtpSecurity);
  const username = text(values, 'user') ?? discovered?.incoming[0]?.username ?? email;
  const server = { username, authMethod: 'auto' as const, pinnedCertificate: null };
  return AccountDraftSchema.parse({
    id: null,
    displayName: text(values, 'display-name') ?? email,
    incoming: {
      ...server,
      protocol: incoming.protocol,
      host: incoming.host,
      port: incoming.port,
      security: incoming.security,
    },
    outgoing: {
      ...server,
      host: outgoing.host,
      port: outgoing.port,
      security: outgoing.security,
      sameCredentialsAsIncoming: true,
    },
    identities: [{ id: randomUUID(), name: text(values, 'name') ?? '', address: email }],
  });
}

async function verifyDraft(
  ctx: AppContext,
  requests: SetupRequests,
  account: AccountDraft,
  password: string,
): Promise<VerifyResult[]> {
  const result = await verify(ctx, requests, { requestId: randomUUID(), account, password, outgoingPassword: null });
  return [result.incoming, result.outgoing];
}

/** Pins the certificate on each server that presented exactly this fingerprint; refuses if none did. */
function pinMatching(draft: AccountDraft, results: VerifyResult[], fingerprint: string): AccountDraft {
  const pinFor = (server: 'incoming' | 'outgoing') => {
    const certificate = results.find((result) => result.server === server)?.failure?.certificate;
    return certificate?.fingerprint256 === fingerprint ? { fingerprint256: fingerprint, pem: certificate.pem } : null;
  };
  const incomingPin = pinFor('incoming');
  const outgoingPin = pinFor('outgoing');
  if (!incomingPin && !outgoingPin) {
    const seen = results.map((result) => result.failure?.certificate?.fingerprint256).filter(Boolean);
    throw new AppError(
      'invalid_input',
      seen.length > 0
        ? `No server presented the certificate ${fingerprint}; they presented ${seen.join(', ')}. Nothing was trusted.`
        : `--trust-fingerprint was given, but no server presented an untrusted certificate. Nothing was trusted.`,
    );
  }
  return {
    ...draft,
    incoming: incomingPin ? { ...draft.incoming, pinnedCertificate: incomingPin } : draft.incoming,
    outgoing: outgoingPin ? { ...draft.outgoing, pinnedCertificate: outgoingPin } : draft.outgoing,
  };
}
