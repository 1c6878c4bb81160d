import { z } from 'zod';

const Layout = z.enum(['columns', 'stacked']);
const UndoSend = z.union([z.literal(0), z.literal(5), z.literal(10), z.literal(30)]);
const SignaturePlacement = z.enum(['above', 'below']);
/** Widths in pixels of the folder and message-list panes. */
const PaneSizes = z.tuple([z.number().int().min(120).max(2000), z.number().int().min(200).max(4000)]);
/** Sender addresses (lowercase) whose mail shows remote images without asking. */
const RemoteContentSenders = z.array(z.string().min(1).max(320)).max(10_000);
/** Height in pixels of the message list when the reader sits below it. */
const ListHeight = z.number().int().min(120).max(4000);

/** UI preferences kept in settings. Every field has a default so an older settings file still parses. */
export const PrefsSchema = z.object({
  layout: Layout.default('columns'),
  paneSizes: PaneSizes.default([220, 420]),
  /** Seconds a sent message waits in the outbox so it can still be cancelled (0 = off). */
  undoSendSeconds: UndoSend.default(5),
  /** Where compose puts the signature in a reply or forward: above the quoted original or below it. */
  signaturePlacement: SignaturePlacement.default('below'),
  remoteContentSenders: RemoteContentSenders.default([]),
  listHeight: ListHeight.default(320),
});
export type Prefs = z.infer<typeof PrefsSchema>;
export const DEFAULT_PREFS: Prefs = PrefsSchema.parse({});

/** A change to some preferences; no defaults here, or an update would reset the fields it omits. */
export const PrefsPatchSchema = z.strictObject({
  layout: Layout.optional(),
  paneSizes: PaneSizes.optional(),
  undoSendSeconds: UndoSend.optional(),
  signaturePlacement: SignaturePlacement.optional(),
  remoteContentSenders: RemoteContentSenders.optional(),
  listHeight: ListHeight.optional(),
});
