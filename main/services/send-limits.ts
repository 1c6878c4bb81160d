import { AppError } from '../../shared/errors';
import type { SendLimit } from '../../shared/model/send-limit';
import { readSmtpSizeLimit } from '../store/smtp-size-limits';
import type { AppContext } from './context';

/** compose:limits — what the SMTP server the identity sends through said about message size. */
export function sendLimit(ctx: AppContext, accountId: string, identityId: string): SendLimit {
  const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
  const identity = account?.identities.find((i) => i.id === identityId);
  if (!account || !identity) throw new AppError('not_found', 'That sender identity no longer exists.');
  // The same server the outbox sends through (resolveTarget in ./outbox).
  const { host, port } = identity.smtp ?? account.outgoing;
  const known = readSmtpSizeLimit(ctx.store.db, { host, port });
  if (!known) return { host, port, state: 'unknown', limit: null, seenAt: null };
  return {
    host,
    port,
    state: known.limit === null ? 'unlimited' : 'advertised',
    limit: known.limit,
    seenAt: known.seenAt,
  };
}
