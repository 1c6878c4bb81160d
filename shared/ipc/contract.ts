import { z } from 'zod';
import { AccountDraftSchema, AccountSchema, AccountSummarySchema } from '../model/account';
import { MailboxSchema } from '../model/mailbox';
import { MessageSummarySchema } from '../model/message';
import { ActionResultSchema, IdsInputSchema, MoveInputSchema, SetFlagsInputSchema } from '../model/message-actions';
import { NoticeSchema } from '../model/notice';
import { PrefsPatchSchema, PrefsSchema } from '../model/prefs';
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
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('mailbox'), mailboxId: z.string().min(1) }),
    z.strictObject({ kind: z.literal('unified'), specialUse: z.enum(['inbox', 'drafts', 'sent']) }),
  ]),
  limit: z.number().int().min(1).max(500).default(100),
  /** Opaque cursor from a previous page. */
  cursor: z.string().max(200).nullable().default(null),
});

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
        messages: z.array(MessageSummarySchema),
        nextCursor: z.string().nullable(),
      }),
    },
    'prefs:get': { input: empty, output: PrefsSchema },
    'prefs:update': { input: PrefsPatchSchema, output: PrefsSchema },
    /** One complete pass (folders, headers, bodies in the offline window); null = every IMAP account. */
    'sync:run': {
      input: z.strictObject({ accountId: z.string().min(1).nullable().default(null) }),
      output: z.object({ accounts: z.array(AccountSyncSummarySchema) }),
    },
    /** Local actions: applied to the store at once, queued and replayed on the server. */
    'messages:setFlags': { input: SetFlagsInputSchema, output: ActionResultSchema },
    'messages:move': { input: MoveInputSchema, output: ActionResultSchema },
    /** To the account's Archive folder; not_found when it has none. */
    'messages:archive': { input: IdsInputSchema, output: ActionResultSchema },
    /** To Trash; messages already in Trash are expunged. */
    'messages:delete': { input: IdsInputSchema, output: ActionResultSchema },
  },
  events: {
    'app:notice': NoticeSchema,
    'mailbox:changed': z.object({ accountId: z.string(), mailboxId: z.string() }),
    'accounts:changed': z.object({ accountId: z.string(), change: z.enum(['added', 'updated', 'removed']) }),
    'setup:progress': z.object({ requestId: z.string(), step: AutoconfigStepSchema }),
    'sync:progress': SyncProgressSchema,
    'sync:status': SyncStatusSchema,
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
