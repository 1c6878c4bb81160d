import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/ipc/contract';
import { isExecutableAttachment } from '../../../shared/security/executable-types';
import { writeInsideFolder } from '../../files/write-inside';
import type { AppContext } from '../context';
import { readAttachmentPart } from './attachment-parts';
import type { DesktopFilePorts } from './desktop-ports';
import { folderForOpening } from './opened-files';

/** Raw bytes per chunk: base64 and JSON keep a chunk well inside one 1 MiB browser-shell frame. */
export const ATTACHMENT_CHUNK_BYTES = 512 * 1024;

type PartRef = { messageId: string; partId: string };

export async function attachmentChunk(
  ctx: AppContext,
  input: ChannelParsedInput<'attachments:data'>,
): Promise<ChannelOutput<'attachments:data'>> {
  const part = await readAttachmentPart(ctx, input.messageId, input.partId);
  const size = part.bytes.byteLength;
  if (input.offset > size) throw new AppError('invalid_input', 'That offset is past the end of the attachment.');
  const end = Math.min(size, input.offset + ATTACHMENT_CHUNK_BYTES);
  return {
    filename: part.filename,
    mimeType: part.mimeType,
    size,
    contentBase64: Buffer.from(part.bytes.subarray(input.offset, end)).toString('base64'),
    nextOffset: end < size ? end : null,
  };
}

/** Writes the part into `folder` under its sanitized name (never over an existing file). */
export async function saveAttachmentTo(
  ctx: AppContext,
  ref: PartRef,
  folder: string,
): Promise<{ path: string; filename: string }> {
  const part = await readAttachmentPart(ctx, ref.messageId, ref.partId);
  const path = await writeInsideFolder(folder, part.filename, part.bytes);
  return { path, filename: basename(path) };
}

function desktopOnly(ctx: AppContext): DesktopFilePorts {
  if (!ctx.desktop) {
    throw new AppError('conflict', 'Saving into a folder needs the desktop app; the browser downloads the file.');
  }
  return ctx.desktop;
}

/**
 * The folder always comes from the native dialog, never from the window: a window that could
 * name a folder could write into the user's start-up scripts.
 */
export async function saveAttachment(ctx: AppContext, ref: PartRef): Promise<ChannelOutput<'attachments:save'>> {
  const desktop = desktopOnly(ctx);
  const folder = await desktop.chooseFolder('Save attachment to');
  if (folder === null) return { path: null, filename: null };
  return saveAttachmentTo(ctx, ref, folder);
}

/**
 * Copies the part to a private temporary folder (removed when the app closes) and hands it to the
 * system's default app.
 */
export async function openAttachment(
  ctx: AppContext,
  input: ChannelParsedInput<'attachments:open'>,
): Promise<ChannelOutput<'attachments:open'>> {
  const desktop = desktopOnly(ctx);
  const part = await readAttachmentPart(ctx, input.messageId, input.partId);
  if (isExecutableAttachment(part.filename, part.mimeType) && !input.confirmedExecutable) {
    throw new AppError('conflict', `${part.filename} is a program or script: confirm the warning to open it.`);
  }
  const folder = await folderForOpening(ctx);
  const path = await writeInsideFolder(folder, part.filename, part.bytes);
  const failure = await desktop.openPath(path);
  if (failure !== '') throw new AppError('internal', `Could not open ${part.filename}: ${failure}`);
  return { opened: true };
}
