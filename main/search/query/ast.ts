/** The parsed query. Pure data: compile.ts turns it into SQL, imap-search.ts into IMAP SEARCH. */
export type TextField = 'any' | 'subject' | 'from' | 'to' | 'cc';

export type QueryNode =
  | { kind: 'text'; field: TextField; value: string; phrase: boolean; prefix: boolean }
  | { kind: 'has'; what: 'attachment' }
  | { kind: 'is'; flag: 'unread' | 'read' | 'flagged' | 'unflagged' }
  | { kind: 'in'; folder: string }
  | { kind: 'account'; name: string }
  /** `day` is YYYY-MM-DD; before: excludes that day, after: includes it. */
  | { kind: 'date'; op: 'before' | 'after'; day: string }
  | { kind: 'size'; op: 'larger' | 'smaller'; bytes: number }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] };

/** A malformed query: a message to show as it is, and the character offset it points at. */
export interface QueryError {
  ok: false;
  message: string;
  at: number;
}

/** `query` is null for a blank query. */
export type ParseResult = { ok: true; query: QueryNode | null } | QueryError;

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}
