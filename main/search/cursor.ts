/** Where the next page starts: after (date, id) in date order, at an offset in relevance order. */
export type SearchCursor = { kind: 'date'; date: string; id: string } | { kind: 'offset'; offset: number };

export function encodeCursor(cursor: SearchCursor): string {
  const value = cursor.kind === 'date' ? ['d', cursor.date, cursor.id] : ['o', cursor.offset];
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** null when the cursor is not one of ours (the caller says so; it is never trusted further). */
export function decodeCursor(cursor: string): SearchCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value)) return null;
    if (value[0] === 'd' && typeof value[1] === 'string' && typeof value[2] === 'string') {
      return { kind: 'date', date: value[1], id: value[2] };
    }
    if (value[0] === 'o' && Number.isInteger(value[1]) && (value[1] as number) >= 0) {
      return { kind: 'offset', offset: value[1] as number };
    }
  } catch {
    // not base64url JSON
  }
  return null;
}
