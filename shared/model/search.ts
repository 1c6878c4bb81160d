import { z } from 'zod';
import { MessageSummarySchema } from './message';

/** Highlighted text as data: the renderer shows `match` segments marked, never parses markup. */
export const TextSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type TextSegment = z.infer<typeof TextSegmentSchema>;

/** A message list row plus why it matched. */
export const SearchHitSchema = MessageSummarySchema.extend({
  subjectSegments: z.array(TextSegmentSchema),
  snippetSegments: z.array(TextSegmentSchema),
  /** Found by the server's SEARCH; the body is not downloaded yet (it is fetched when opened). */
  remote: z.boolean(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchSortSchema = z.enum(['date', 'relevance']);

export const SearchInputSchema = z.strictObject({
  query: z.string().max(2000),
  /** One account, or null for all of them. */
  accountId: z.string().min(1).max(64).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(50),
  /** Opaque cursor from a previous page of the same query. */
  cursor: z.string().max(4000).nullable().default(null),
  /** `relevance` needs words to rank by (else date order) and covers local matches only (with `server`, date order). */
  sort: SearchSortSchema.default('date'),
  /**
   * Also ask IMAP servers about mail whose body is outside the offline window. Slower (network),
   * so as-you-type searches leave it off and a "search the server too" action turns it on.
   */
  server: z.boolean().default(false),
});

export const ServerSearchReportSchema = z.object({
  /** Folders asked. */
  folders: z.number().int().nonnegative(),
  /** Messages found only on the server. */
  found: z.number().int().nonnegative(),
  /** One line per account or folder that could not be searched (the local results still stand). */
  errors: z.array(z.string()),
});
export type ServerSearchReport = z.infer<typeof ServerSearchReportSchema>;

export const SearchOutputSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    hits: z.array(SearchHitSchema),
    nextCursor: z.string().nullable(),
    /** null when the server was not asked. */
    server: ServerSearchReportSchema.nullable(),
  }),
  /** A malformed query: `message` says what is wrong, `at` is the character offset it points at. */
  z.object({ ok: z.literal(false), message: z.string(), at: z.number().int().nonnegative() }),
]);
export type SearchOutput = z.infer<typeof SearchOutputSchema>;
