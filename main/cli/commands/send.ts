import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { DraftContentSchema, MailAddressSchema, type MailAddress, type OutboxItem } from '../../../shared/model/outbox';
import { outboxItem, outboxRunner, queueMessage } from '../../services/outbox';
import { UsageError, type OptionValue } from '../args';
import type { Command } from '../command';
import { readAllStdin, withApp } from '../with-app';
import { findAccount } from './account/find-account';
import { formatOutboxItem } from './outbox-format';

function list(value: OptionValue): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/**
 * "Ada <ada@example.com>, grace@example.org" → addresses, through a real RFC 5322 parser (never
 * split on commas), each checked like the compose form checks it.
 */
export function parseAddressList(values: readonly string[], field: string): MailAddress[] {
  const addresses: MailAddress[] = [];
  for (const value of values) {
    for (const entry of addressparser(value, { flatten: true })) {
      const checked = MailAddressSchema.safeParse({ name: entry.name, address: entry.address });
      if (!checked.success) throw new UsageError(`--${field}: "${entry.address || value}" is not an email address`);
      addresses.push(checked.data);
    }
  }
  return addresses;
}

/** Exit codes: 0 sent, 1 failed or uncertain, 75 (EX_TEMPFAIL) still waiting to retry. */
function exitCodeFor(item: OutboxItem): number {
  if (item.state === 'sent' || item.state === 'filed' || item.state === 'scheduled') return 0;
  return item.state === 'queued' ? 75 : 1;
}

export const sendCommand: Command = {
  name: 'send',
  summary: 'Queue a message and send it (send --account A --to ADDR --subject S [--at ISO8601])',
  options: {
    account: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string', multiple: true },
    cc: { type: 'string', multiple: true },
    bcc: { type: 'string', multiple: true },
    subject: { type: 'string' },
    'body-file': { type: 'string' },
    'html-file': { type: 'string' },
    attach: { type: 'string', multiple: true },
    at: { type: 'string' },
  },
  async run({ io, globals, values }) {
    if (typeof values.account !== 'string') throw new UsageError('send needs --account');
    if (typeof values.subject !== 'string') throw new UsageError('send needs --subject');
    const to = parseAddressList(list(values.to), 'to');
    const cc = parseAddressList(list(values.cc), 'cc');
    const bcc = parseAddressList(list(values.bcc), 'bcc');
    if (to.length + cc.length + bcc.length === 0) throw new UsageError('send needs at least one --to, --cc or --bcc');
    const at = typeof values.at === 'string' ? values.at : null;
    if (at !== null && !z.iso.datetime({ offset: true }).safeParse(at).success) {
      throw new UsageError(`--at: "${at}" is not an ISO 8601 date and time (like 2026-12-01T09:00:00+01:00)`);
    }
    const text =
      typeof values['body-file'] === 'string' ? await readFile(values['body-file'], 'utf8') : await readAllStdin(io);
    const html = typeof values['html-file'] === 'string' ? await readFile(values['html-file'], 'utf8') : null;
    const attachments = await Promise.all(
      list(values.attach).map(async (path) => ({
        filename: basename(path),
        contentBase64: (await readFile(path)).toString('base64'),
      })),
    );

    return withApp(io, globals, async (app) => {
      const account = findAccount(app.ctx.settings.get('accounts'), values.account as string);
      const from = typeof values.from === 'string' ? values.from.toLowerCase() : null;
      const identity = from ? account.identities.find((i) => i.address.toLowerCase() === from) : account.identities[0];
      if (!identity) throw new AppError('not_found', `${account.displayName} has no identity ${String(values.from)}.`);
      const draft = DraftContentSchema.parse({
        accountId: account.id,
        identityId: identity.id,
        to,
        cc,
        bcc,
        subject: values.subject,
        text,
        html,
        attachments,
      });
      // No undo delay on the command line: nobody is there to press Undo.
      let item = await queueMessage(app.ctx, draft, { sendAt: at, undoSeconds: 0 });
      if (at === null) {
        await outboxRunner(app.ctx).pass();
        await outboxRunner(app.ctx).idle();
        item = outboxItem(app.ctx, item.id);
      }
      return { json: { item }, text: formatOutboxItem(item), exitCode: exitCodeFor(item) };
    });
  },
};
