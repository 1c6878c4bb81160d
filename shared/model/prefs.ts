import { z } from 'zod';

const Layout = z.enum(['columns', 'stacked']);
/** Widths in pixels of the folder and message-list panes. */
const PaneSizes = z.tuple([z.number().int().min(120).max(2000), z.number().int().min(200).max(4000)]);

/** UI preferences kept in settings. Every field has a default so an older settings file still parses. */
export const PrefsSchema = z.object({
  layout: Layout.default('columns'),
  paneSizes: PaneSizes.default([220, 420]),
});
export type Prefs = z.infer<typeof PrefsSchema>;
export const DEFAULT_PREFS: Prefs = PrefsSchema.parse({});

/** A change to some preferences; no defaults here, or an update would reset the fields it omits. */
export const PrefsPatchSchema = z.strictObject({
  layout: Layout.optional(),
  paneSizes: PaneSizes.optional(),
});
