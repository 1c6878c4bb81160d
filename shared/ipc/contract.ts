import { z } from 'zod';
import { AccountDraftSchema, AccountSchema, AccountSummarySchema } from '../model/account';
import { MailboxSchema } from '../model/mailbox';
import { MessageListItemSchema, MessageSortSchema, MessageSourceSchema } from '../model/message-list';
import { NewMailSchema } from '../model/new-mail';
import { ActionResultSchema, IdsInputSchema, MoveInputSchema, SetFlagsInputSchema } from '../model/message-actions';
import {
  ComposeKindSchema,
  ContactSchema,
  DraftAttachInputSchema,
  DraftAttachmentSchema,
  DraftFieldsSchema,
  DraftSchema,
  DraftSummarySchema,
} from '../model/draft';
import { NoticeSchema } from '../model/notice';
import { SearchInputSchema, SearchOutputSchema } from '../model/search';
import { DraftContentSchema, OutboxDetailsSchema, OutboxItemSchema, OutboxStateSchema } from '../model/outbox';
import { PrefsPatchSchema, PrefsSchema } from '../model/prefs';
import {
  AttachmentDataSchema,
  AttachmentRefSchema,
  MessageContentSchema,
  RemoteImageSchema,
  SavedAttachmentSchema,
} from '../model/reader';
import { SendLimitSchema } from '../model/send-limit';
import { AccountSyncSummarySchema, SyncProgressSchema, SyncStatusSchema } from '../model/sync';
import { AutoconfigStepSchema, DiscoveredConfigSchema, VerifyResultSchema } from '../model/setup';
import type { ChannelName, EventName } from './channels';

/**
 * The one IPC contract: for each channel its input and output schema, for each event its payload.
 * Everything is JSON-safe (dates as ISO strings) so the same contract runs over Electron IPC and
 * over the browser shell's WebSocket. Main validates every input; outputs are validated too so a
 * service can never hand the renderer something the types did not promise.
 */
const empty = z.strictObject({});

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'web', 'cli']),
  profileDir: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  secretBackend: z.string(),
  notices: z.array(NoticeSchema),
});

/** Ties progress events and cancellation to one setup request from one window. */
const RequestId = z.string().min(8).max(64);
const Password = z.string().min(1).max(4096);

const MessagesListInput = z.strictObject({
  /** One mailbox, or the unified inbox across accounts that take part in it. */
  source: MessageSourceSchema,
  limit: z.number().int().min(1).max(500).default(100),
  /** Opaque cursor from a previous page. */
  cursor: z.string().max(200).nullable().default(null),
  /** Newest first by date, or A→Z by sender or subject (newest first within each). */
  sort: MessageSortSchema.default('date'),
  /** One row per conversation (its latest message and how many it holds). */
  conversations: z.boolean().default(false),
  /** Rows to skip instead of a cursor: a virtualized list fetches the window the user scrolled to. */
  offset: z.number().int().min(0).max(10_000_000).nullable().default(null),
});

const OutboxId = z.strictObject({ id: z.string().min(1).max(64) });
const DraftId = z.string().min(1).max(64);
const SendAt = z.iso.datetime({ offset: true }).nullable().default(null);

export const contract = {
  channels: {
    'app:info': { input: empty, output: AppInfoSchema },
    'accounts:list': {
      input: empty,
      output: z.object({ accounts: z.array(AccountSummarySchema) }),
    },
    'accounts:get': {
      input: z.strictObject({ id: z.string().min(1) }),
      // Never carries a password: those stay in the secret store in main.
      output: AccountSchema,
    },
    'accounts:save': {
      input: z.strictObject({
        account: AccountDraftSchema,
        /** Null keeps the saved password (editing without retyping it). */
        password: Password.nullable(),
        /** For SMTP when it does not share the incoming credentials. */
        outgoingPassword: Password.nullable().default(null),
      }),
      output: AccountSummarySchema,
    },
    'accounts:remove': {
      input: z.strictObject({ id: z.string().min(1) }),
      output: z.object({ removedMessages: z.number().int().nonnegative() }),
    },
    'setup:discover': {
      input: z.strictObject({ requestId: RequestId, email: z.string().trim().min(3).max(320) }),
      output: z.object({ config: DiscoveredConfigSchema.nullable(), steps: z.array(AutoconfigStepSchema) }),
    },
    'setup:verify': {
      input: z.strictObject({
        requestId: RequestId,
        account: AccountDraftSchema,
        /** Null: use the saved password of the account being edited. */
        password: Password.nullable(),
        outgoingPassword: Password.nullable().default(null),
      }),
      output: z.object({ incoming: VerifyResultSchema, outgoing: VerifyResultSchema }),
    },
    'setup:cancel': {
      input: z.strictObject({ requestId: RequestId }),
      output: z.object({ cancelled: z.boolean() }),
    },
    'mailboxes:list': {
      input: z.strictObject({ accountId: z.string().min(1).nullable().default(null) }),
      output: z.object({ mailboxes: z.array(MailboxSchema) }),
    },
    'messages:list': {
      input: MessagesListInput,
      output: z.object({
        messages: z.array(MessageListItemSchema),
        nextCursor: z.string().nullable(),
        /** Rows in the whole list (messages, or conversations), on the first page only (null after it). */
        total: z.number().int().nonnegative().nullable(),
      }),
    },
    'prefs:get': { input: empty, output: PrefsSchema },
    'prefs:update': { input: PrefsPatchSchema, output: PrefsSchema },
    /** One complete pass (folders, headers, bodies in the offline window); null = every IMAP account. */
    'sync:run': {
      input: z.strictObject({ accountId: z.string().min(1).nullable().default(null) }),
      output: z.object({ accounts: z.array(AccountSyncSummarySchema) }),
    },
    /** Each account's last status, for a window that opens after it was pushed. */
    'sync:statuses': { input: empty, output: z.object({ statuses: z.array(SyncStatusSchema) }) },
    /** Local actions: applied to the store at once, queued and replayed on the server. */
    'messages:setFlags': { input: SetFlagsInputSchema, output: ActionResultSchema },
    'messages:move': { input: MoveInputSchema, output: ActionResultSchema },
    /** To the account's Archive folder; not_found when it has none. */
    'messages:archive': { input: IdsInputSchema, output: ActionResultSchema },
    /** To Trash; messages already in Trash are expunged. */
    'messages:delete': { input: IdsInputSchema, output: ActionResultSchema },
    /**
     * Hands a message to the outbox: built and stored before any network. Without `sendAt` it
     * waits the undo-send delay from the preferences; with it, it waits until then.
     */
    'outbox:send': {
      input: z.strictObject({
        draft: DraftContentSchema,
        sendAt: SendAt,
      }),
      output: OutboxItemSchema,
    },
    'outbox:list': { input: empty, output: z.object({ items: z.array(OutboxItemSchema) }) },
    /** With every attempt: server, TLS, transcript (AUTH redacted), queue id, timings. */
    'outbox:get': { input: OutboxId, output: OutboxDetailsSchema },
    /** Undo send (or edit a failed one): back to a local draft. conflict once it is on its way. */
    'outbox:cancel': { input: OutboxId, output: z.object({ draftId: z.string() }) },
    /** "Send again" for failed or uncertain; "retry now" for one waiting to retry. */
    'outbox:retry': { input: OutboxId, output: OutboxItemSchema },
    /** The user confirmed an uncertain message arrived. */
    'outbox:markSent': { input: OutboxId, output: OutboxItemSchema },
    /** Everything waiting goes now (retry waits and undo delays end; send-later times stay). */
    'outbox:flush': {
      input: empty,
      output: z.object({ attempted: z.number().int(), sent: z.number().int(), filed: z.number().int() }),
    },
    /** Local drafts, newest change first. Work with no account and no network. */
    'drafts:list': { input: empty, output: z.object({ drafts: z.array(DraftSummarySchema) }) },
    /** Every field and the attachments' metadata (bytes via drafts:attachmentData). */
    'drafts:get': { input: z.strictObject({ id: DraftId }), output: DraftSchema },
    /**
     * Autosave: creates the draft when `id` is null, else replaces its fields (attachments stay).
     * One transaction, so a killed process keeps either the old or the new version.
     */
    'drafts:save': {
      input: z.strictObject({ id: DraftId.nullable(), fields: DraftFieldsSchema }),
      output: z.object({ id: z.string(), updatedAt: z.string() }),
    },
    'drafts:delete': { input: z.strictObject({ id: DraftId }), output: z.object({ deleted: z.boolean() }) },
    /**
     * Adds a file (or, with `appendTo`, the next chunk of one) to a draft; the bytes are stored
     * with the draft. invalid_input when a chunk or the whole file is over its limit.
     */
    'drafts:attach': { input: DraftAttachInputSchema, output: DraftAttachmentSchema },
    'drafts:detach': {
      input: z.strictObject({ draftId: DraftId, attachmentId: z.string().min(1).max(64) }),
      output: z.object({ removed: z.boolean() }),
    },
    /** An attachment's bytes in chunks (for inline images in the editor); nextOffset null at the end. */
    'drafts:attachmentData': {
      input: z.strictObject({
        draftId: DraftId,
        attachmentId: z.string().min(1).max(64),
        offset: z.number().int().nonnegative().default(0),
      }),
      output: z.object({
        contentType: z.string(),
        contentBase64: z.string(),
        size: z.number().int().nonnegative(),
        nextOffset: z.number().int().nonnegative().nullable(),
      }),
    },
    /**
     * Parses the address fields (invalid_input naming a bad address), builds the message and
     * queues it in the outbox (undo delay from prefs, or at `sendAt`); the draft is removed in the
     * same step. outbox:cancel gives the complete draft back under the same id.
     */
    'drafts:send': { input: z.strictObject({ id: DraftId, sendAt: SendAt }), output: OutboxItemSchema },
    /**
     * A new saved draft: empty with the signature for `new`; prefilled from the stored message
     * (`messageId`) for replies and forwards. `accountId` picks the account for `new` (null: first).
     */
    'compose:start': {
      input: z.strictObject({
        kind: ComposeKindSchema,
        messageId: z.string().min(1).max(64).nullable().default(null),
        accountId: z.string().min(1).max(64).nullable().default(null),
      }),
      output: DraftSchema,
    },
    /** A saved draft prefilled from a mailto: URL (RFC 6068); attachments ignored, nothing sent. */
    'compose:mailto': {
      input: z.strictObject({
        url: z
          .string()
          .max(100_000)
          .regex(/^mailto:/i, 'Not a mailto: link'),
      }),
      output: DraftSchema,
    },
    /** Address autocomplete: people written to or received from, by frequency and recency. */
    'contacts:search': {
      input: z.strictObject({
        query: z.string().max(320),
        limit: z.number().int().min(1).max(50).default(10),
      }),
      output: z.object({ contacts: z.array(ContactSchema) }),
    },
    /**
     * Full-text search with the query language (main/search/query): newest first or by relevance,
     * highlights as segments. A malformed query is an `ok: false` result, not an error.
     */
    'search:query': { input: SearchInputSchema, output: SearchOutputSchema },
    /**
     * A message as the reader shows it: headers, the raw HTML (the renderer sanitizes it), the text
     * and the parts. With `download`, a body still on the server is fetched first (IMAP only).
     */
    'messages:get': {
      input: z.strictObject({ id: z.string().min(1).max(64), download: z.boolean().default(false) }),
      output: MessageContentSchema,
    },
    /** The raw RFC 822 text for "View source", cut at a size the reader can show. */
    'messages:source': {
      input: z.strictObject({ id: z.string().min(1).max(64) }),
      output: z.object({ source: z.string(), size: z.number().int().nonnegative(), truncated: z.boolean() }),
    },
    /** One remote image the user allowed, fetched by main (the window's CSP loads nothing remote). */
    'messages:remoteImage': {
      input: z.strictObject({ url: z.string().min(1).max(8192) }),
      output: RemoteImageSchema,
    },
    /** A part's bytes in chunks (inline images, downloads in the browser shell). */
    'attachments:data': {
      input: AttachmentRefSchema.extend({ offset: z.number().int().nonnegative().default(0) }),
      output: AttachmentDataSchema,
    },
    /** Saves a part into a folder the user picks in a native dialog (Electron only). */
    'attachments:save': { input: AttachmentRefSchema, output: SavedAttachmentSchema },
    /**
     * Opens a part with the system's default app (Electron only). Executable types are refused
     * unless the user confirmed the warning.
     */
    'attachments:open': {
      input: AttachmentRefSchema.extend({ confirmedExecutable: z.boolean().default(false) }),
      output: z.object({ opened: z.boolean() }),
    },
    /** The message size the SMTP server of this identity takes, as learned from its last EHLO. */
    'compose:limits': {
      input: z.strictObject({ accountId: z.string().min(1).max(64), identityId: z.string().min(1).max(64) }),
      output: SendLimitSchema,
    },
    /** The messages of one conversation in one folder, newest first (expanding a conversation row). */
    'messages:thread': {
      input: z.strictObject({ mailboxId: z.string().min(1), threadKey: z.string().min(1).max(1000) }),
      output: z.object({ messages: z.array(MessageListItemSchema) }),
    },
  },
  events: {
    'app:notice': NoticeSchema,
    'mailbox:changed': z.object({ accountId: z.string(), mailboxId: z.string() }),
    'accounts:changed': z.object({ accountId: z.string(), change: z.enum(['added', 'updated', 'removed']) }),
    'setup:progress': z.object({ requestId: z.string(), step: AutoconfigStepSchema }),
    'sync:progress': SyncProgressSchema,
    'sync:status': SyncStatusSchema,
    'outbox:changed': z.object({ id: z.string(), state: OutboxStateSchema }),
    /** server-copy: its copy in the IMAP Drafts folder was refused, or went through after a refusal. */
    'drafts:changed': z.object({ id: z.string(), change: z.enum(['saved', 'deleted', 'sent', 'server-copy']) }),
    /** Main asks the window to open compose on a draft (a mailto: link given to the desktop app). */
    'compose:open': z.object({ draftId: z.string() }),
    /** New unread mail arrived in an inbox: for a desktop notification (plain text only). */
    'mail:new': NewMailSchema,
  },
} as const satisfies {
  channels: Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;
  events: Record<EventName, z.ZodType>;
};

type Channels = typeof contract.channels;
type Events = typeof contract.events;

/** What a caller sends (defaults may be left out). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type AppInfo = z.infer<typeof AppInfoSchema>;
