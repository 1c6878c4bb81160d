import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Account, Identity } from '../../shared/model/account';
import {
  DraftFieldsSchema,
  type ComposeKind,
  type Draft,
  type DraftFields,
  type DraftFieldsInput,
} from '../../shared/model/draft';
import { formatAddressList } from '../drafts/addresses';
import { insertAttachment, insertDraft } from '../drafts/draft-store';
import { textToHtml } from '../compose/html-escape';
import { parseMailto } from '../compose/mailto';
import { forwardBlock, replyQuote, type BodyBlock } from '../compose/quote';
import { chooseIdentity, replyRecipients, threadingHeaders } from '../compose/reply-rules';
import { assembleBody, signatureFor } from '../compose/signature';
import { loadSourceMessage, type SourceMessage } from '../compose/source-message';
import { forwardSubject, replySubject } from '../compose/subject';
import type { AppContext } from './context';
import { getDraft } from './drafts';
import { readRawMessage } from './sync';

function ownAddresses(accounts: readonly Account[]): Set<string> {
  return new Set(accounts.flatMap((a) => a.identities.map((i) => i.address.trim().toLowerCase())));
}

function pickAccount(accounts: readonly Account[], accountId: string | null): Account | null {
  if (accountId === null) return accounts[0] ?? null;
  const account = accounts.find((a) => a.id === accountId);
  if (!account) throw new AppError('not_found', 'That account no longer exists.');
  return account;
}

/** Saves the new draft (and a forwarded original as its attachment) in one transaction. */
function createDraft(ctx: AppContext, fields: DraftFields, attachment: { filename: string; bytes: Buffer } | null) {
  const now = new Date().toISOString();
  const id = randomUUID();
  ctx.store.db.transaction((tx) => {
    insertDraft(tx, { id, fields, createdAt: now, updatedAt: now });
    if (attachment) {
      insertAttachment(
        tx,
        { draftId: id, contentType: 'message/rfc822', inline: false, contentId: null, ...attachment },
        now,
      );
    }
  });
  ctx.bus.emit('drafts:changed', { id, change: 'saved' });
  return getDraft(ctx, id);
}

/**
 * The fields of a new draft: sender, the given header fields, and the starting body with the
 * identity's signature for this kind of message placed around the quote as the user prefers.
 */
function prefilled(
  sender: { account: Account | null; identity: Identity | null },
  kind: ComposeKind,
  headers: DraftFieldsInput,
  body: { quoted: BodyBlock | null; opening: BodyBlock | null; placement: 'above' | 'below' },
): DraftFields {
  const signature = sender.identity ? signatureFor(sender.identity, kind) : null;
  const { text, html } = assembleBody(signature, body.quoted, body.placement, body.opening);
  return DraftFieldsSchema.parse({
    accountId: sender.account?.id ?? null,
    identityId: sender.identity?.id ?? null,
    ...headers,
    format: 'rich',
    html,
    text,
  });
}

/** A file name from the subject, without characters file systems refuse. */
function emlName(subject: string): string {
  const name = subject
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${name || 'message'}.eml`;
}

/** Header fields and the quoted original of a reply or forward. */
function answer(kind: ComposeKind, source: SourceMessage, accounts: readonly Account[]) {
  const own = ownAddresses(accounts);
  if (kind === 'reply' || kind === 'replyAll') {
    const { to, cc } = replyRecipients(source, kind === 'replyAll', own);
    return {
      to: formatAddressList(to),
      cc: formatAddressList(cc),
      subject: replySubject(source.subject),
      ...threadingHeaders(source),
      quoted: replyQuote(source),
    };
  }
  return {
    to: '',
    cc: '',
    subject: forwardSubject(source.subject),
    // A forward is a new conversation for its recipients; References still ties it to the original.
    inReplyTo: null,
    references: threadingHeaders(source).references,
    quoted: kind === 'forward' ? forwardBlock(source) : null,
  };
}

/** compose:start — a new saved draft, empty or prefilled from a stored message. */
export async function startCompose(
  ctx: AppContext,
  input: { kind: ComposeKind; messageId: string | null; accountId: string | null },
): Promise<Draft> {
  const accounts = ctx.settings.get('accounts');
  const placement = ctx.settings.get('prefs').signaturePlacement;
  if (input.kind === 'new') {
    const account = pickAccount(accounts, input.accountId);
    const sender = { account, identity: account?.identities[0] ?? null };
    return createDraft(ctx, prefilled(sender, 'new', {}, { quoted: null, opening: null, placement }), null);
  }
  if (input.messageId === null) throw new AppError('invalid_input', `${input.kind} needs the message it answers.`);
  const source = await loadSourceMessage(ctx.store.db, input.messageId, (hash) => readRawMessage(ctx, hash));
  const account = accounts.find((a) => a.id === source.accountId) ?? null;
  const identity = account ? chooseIdentity(source, account.identities) : null;
  const { quoted, ...headers } = answer(input.kind, source, accounts);
  if (input.kind === 'forwardAsAttachment' && !source.raw) {
    throw new AppError(
      'not_found',
      'The original has not been downloaded yet, so it cannot be attached; sync and try again.',
    );
  }
  const fields = prefilled(
    { account, identity },
    input.kind,
    { ...headers, source: { kind: input.kind, messageId: source.id } },
    { quoted, opening: null, placement },
  );
  const attached =
    input.kind === 'forwardAsAttachment' && source.raw
      ? { filename: emlName(source.subject), bytes: source.raw }
      : null;
  return createDraft(ctx, fields, attached);
}

/** compose:mailto — a saved draft prefilled from the link; the user sends it, never the link. */
export function composeFromMailto(ctx: AppContext, url: string): Draft {
  const mailto = parseMailto(url);
  const accounts = ctx.settings.get('accounts');
  const account = accounts[0] ?? null;
  const opening: BodyBlock | null = mailto.body ? { text: mailto.body, html: textToHtml(mailto.body) } : null;
  const fields = prefilled(
    { account, identity: account?.identities[0] ?? null },
    'new',
    {
      to: mailto.to,
      cc: mailto.cc,
      bcc: mailto.bcc,
      subject: mailto.subject,
      inReplyTo: mailto.inReplyTo,
      references: mailto.inReplyTo ? [mailto.inReplyTo] : [],
    },
    { quoted: null, opening, placement: 'below' },
  );
  return createDraft(ctx, fields, null);
}
