import { z } from 'zod';
import { AccountSummarySchema } from '../model/account';
import { MailboxSchema } from '../model/mailbox';
import { MessageSummarySchema } from '../model/message';
import { NoticeSchema } from '../model/notice';
import { PrefsPatchSchema, PrefsSchema } from '../model/prefs';
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
  },
  events: {
    'app:notice': NoticeSchema,
    'mailbox:changed': z.object({ accountId: z.string(), mailboxId: z.string() }),
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
