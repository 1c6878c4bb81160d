import { useState } from 'react';
import type { DraftAttachment } from '../../../../shared/model/draft';
import { call, errorMessage } from '../../ipc/client';
import { attachFile } from './attachment-files';

export interface Attachments {
  list: DraftAttachment[];
  /** Files being stored, by name, so the list can say so. */
  adding: string[];
  /** The last failure, in words (a file too large, main unreachable). */
  error: string | null;
  add: (files: File[]) => void;
  /** An image for the body: stored inline; its Content-ID, or null when it failed. */
  addInline: (file: File) => Promise<string | null>;
  remove: (attachment: DraftAttachment) => void;
}

/** The draft's files: stored in main as soon as they are added, so they survive like the text. */
export function useAttachments(draftId: string, initial: DraftAttachment[]): Attachments {
  const [list, setList] = useState(initial);
  const [adding, setAdding] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function store(file: File, inline: boolean): Promise<DraftAttachment | null> {
    setAdding((names) => [...names, file.name]);
    try {
      const attachment = await attachFile(draftId, file, inline);
      setList((old) => [...old, attachment]);
      setError(null);
      return attachment;
    } catch (failure) {
      setError(`Could not attach ${file.name || 'the file'}: ${errorMessage(failure)}`);
      return null;
    } finally {
      setAdding((names) => names.toSpliced(names.indexOf(file.name), 1));
    }
  }

  return {
    list,
    adding,
    error,
    add: (files) => {
      // One at a time: each is appended in chunks, and main keeps them in the order chosen.
      void files.reduce<Promise<unknown>>(
        (previous, file) => previous.then(() => store(file, false)),
        Promise.resolve(),
      );
    },
    addInline: async (file) => (await store(file, true))?.contentId ?? null,
    remove: (attachment) => {
      setList((old) => old.filter((candidate) => candidate.id !== attachment.id));
      call('drafts:detach', { draftId, attachmentId: attachment.id }).catch((failure: unknown) => {
        setList((old) => [...old, attachment]);
        setError(`Could not remove ${attachment.filename}: ${errorMessage(failure)}`);
      });
    },
  };
}
