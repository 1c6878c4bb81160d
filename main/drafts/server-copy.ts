/**
 * Keeping one copy of each draft in the account's IMAP Drafts folder. IMAP messages never change:
 * another client that edits a draft appends a new message and removes the old one. So our last
 * copy still being there under its UID with our Message-ID means nobody touched it, and it is
 * replaced; if it is gone or different, the draft changed elsewhere and both versions are kept.
 */
export interface DraftsFolder {
  uidValidity: number;
  /** The Message-ID of the message with this UID, or null when there is none. */
  messageIdOf(uid: number): Promise<string | null>;
  /** APPEND with \Draft and \Seen; the UID from APPENDUID (UIDPLUS), null without it. */
  append(raw: Buffer): Promise<number | null>;
  /** Flags \Deleted and expunges only this UID. */
  remove(uid: number): Promise<void>;
}

export interface ServerCopy {
  uidValidity: number;
  uid: number;
  messageId: string;
}

export type CopyOutcome = 'added' | 'replaced' | 'kept-both';

/** Whether the copy we wrote is still there, untouched, in this folder. */
async function stillOurs(folder: DraftsFolder, copy: ServerCopy | null): Promise<boolean> {
  if (!copy || copy.uidValidity !== folder.uidValidity) return false;
  return (await folder.messageIdOf(copy.uid)) === copy.messageId;
}

/**
 * Appends the new version first (a crash in between leaves two copies, never none), then removes
 * the previous copy if it is still ours. Once the append went through, the new copy is the
 * draft's whatever happens next: a previous copy that could not be removed comes back as
 * `leftBehind`, for a later pass, rather than as an error that would get the new version
 * appended a second time.
 */
export async function replaceServerCopy(
  folder: DraftsFolder,
  previous: ServerCopy | null,
  next: { raw: Buffer; messageId: string },
): Promise<{ outcome: CopyOutcome; copy: ServerCopy | null; leftBehind: ServerCopy | null }> {
  const ours = await stillOurs(folder, previous);
  const uid = await folder.append(next.raw);
  const copy = uid === null ? null : { uidValidity: folder.uidValidity, uid, messageId: next.messageId };
  const outcome = previous === null ? 'added' : ours ? 'replaced' : 'kept-both';
  if (!ours || !previous) return { outcome, copy, leftBehind: null };
  try {
    await folder.remove(previous.uid);
    return { outcome, copy, leftBehind: null };
  } catch {
    return { outcome, copy, leftBehind: previous };
  }
}

/** A sent or deleted draft: its server copy goes, unless someone else changed it meanwhile. */
export async function removeServerCopy(folder: DraftsFolder, copy: ServerCopy): Promise<boolean> {
  if (!(await stillOurs(folder, copy))) return false;
  await folder.remove(copy.uid);
  return true;
}
