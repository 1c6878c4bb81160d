import { ATTACH_CHUNK_BYTES, type DraftAttachment } from '../../../../shared/model/draft';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { call } from '../../ipc/client';

/** Base64 without the `data:…;base64,` prefix, for the IPC payload. */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${blob.type || 'the file'}`));
    reader.readAsDataURL(blob);
  });
}

/**
 * Stores a file with the draft. The browser shell's socket refuses frames over 1 MiB, so the file
 * goes in ATTACH_CHUNK_BYTES slices: the first creates the attachment, the rest append to it.
 */
export async function attachFile(draftId: string, file: File, inline: boolean): Promise<DraftAttachment> {
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : null;
  const filename = file.name.trim() === '' ? fallbackName(file) : file.name;
  const chunk = async (offset: number, appendTo: string | null): Promise<DraftAttachment> => {
    const contentBase64 = await base64Of(file.slice(offset, offset + ATTACH_CHUNK_BYTES));
    return call('drafts:attach', { draftId, filename, contentType, contentBase64, inline, appendTo });
  };
  let attachment = await chunk(0, null);
  for (let offset = ATTACH_CHUNK_BYTES; offset < file.size; offset += ATTACH_CHUNK_BYTES) {
    attachment = await chunk(offset, attachment.id);
  }
  return attachment;
}

/** A pasted screenshot has no name: give it one the recipient can save. */
function fallbackName(file: File): string {
  const extension = file.type.split('/')[1]?.replace(/[^\w]/g, '') || 'bin';
  return `${file.type.startsWith('image/') ? 'image' : 'attachment'}.${extension}`;
}

/** An attachment's bytes as a data: URL (the page's CSP allows data: images, not cid: or blob:). */
export async function attachmentDataUrl(draftId: string, attachmentId: string): Promise<string> {
  const chunks: string[] = [];
  let offset: number | null = 0;
  let contentType = 'application/octet-stream';
  while (offset !== null) {
    const part: ChannelOutput<'drafts:attachmentData'> = await call('drafts:attachmentData', {
      draftId,
      attachmentId,
      offset,
    });
    chunks.push(atob(part.contentBase64));
    contentType = part.contentType;
    offset = part.nextOffset;
  }
  return `data:${contentType};base64,${btoa(chunks.join(''))}`;
}
