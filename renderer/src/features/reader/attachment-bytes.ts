import { call } from '../../ipc/client';

export interface AttachmentBytes {
  filename: string;
  mimeType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

/** A part's bytes, read chunk by chunk (each chunk fits one browser-shell frame). */
export async function readAttachment(messageId: string, partId: string): Promise<AttachmentBytes> {
  const first = await call('attachments:data', { messageId, partId, offset: 0 });
  const bytes = new Uint8Array(first.size);
  let chunk = first;
  let at = 0;
  for (;;) {
    const part = fromBase64(chunk.contentBase64);
    bytes.set(part, at);
    at += part.length;
    if (chunk.nextOffset === null) break;
    chunk = await call('attachments:data', { messageId, partId, offset: chunk.nextOffset });
  }
  return { filename: first.filename, mimeType: first.mimeType, bytes: bytes.subarray(0, at) };
}

/** The bytes as a data: URL (inline cid: images in the message frame). */
export function toDataUrl(bytes: Uint8Array<ArrayBuffer>, mimeType: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the image'));
    reader.readAsDataURL(new Blob([bytes], { type: mimeType }));
  });
}

/**
 * The browser shell's "save": hands the bytes to the browser as a download under the name main
 * already sanitized. The browser's own download folder and rules apply.
 */
export function downloadBytes(file: AttachmentBytes): void {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
