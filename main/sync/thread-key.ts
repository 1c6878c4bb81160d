/**
 * The thread a message belongs to: the server's thread id when it gives one (Gmail X-GM-THRID,
 * OBJECTID THREADID), else the root of its References chain (the first id, the oldest ancestor
 * by RFC 5322 §3.6.4), else In-Reply-To, else its own Message-ID. Deliberately simple: messages
 * whose first ancestor is missing or different still land in separate threads (no subject
 * merging, no JWZ), which is wrong far less often than subject-based guessing.
 */
export function threadKey(input: {
  serverThreadId: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: readonly string[];
}): string | null {
  if (input.serverThreadId) return `srv:${input.serverThreadId}`;
  const root = input.references[0] ?? input.inReplyTo ?? input.messageId;
  return root ? `mid:${normalizeMessageId(root)}` : null;
}

/** `<ABC@Example.com>` and `abc@example.com ` are the same id for threading purposes. */
export function normalizeMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

/** The stored form, `<id>`, whichever form the source used (the MIME parser drops the brackets). */
export function bracketed(id: string | null): string | null {
  if (id === null) return null;
  const bare = id.trim().replace(/^<|>$/g, '');
  return bare ? `<${bare}>` : null;
}
