import { useQuery } from '@tanstack/react-query';
import type { MessageContent } from '../../../../shared/model/reader';
import { readAttachment, toDataUrl } from './attachment-bytes';

const SHOWABLE = /^image\/(?:png|jpe?g|gif|webp|avif|bmp)$/;

/** Content-ID → data: URL for each inline image the HTML shows through cid:. */
export function useInlineImages(message: MessageContent) {
  const parts = message.attachments.filter((a) => a.inline && a.contentId !== null && SHOWABLE.test(a.mimeType));
  return useQuery({
    queryKey: ['reader:cid', message.id, parts.map((p) => p.partId)] as const,
    enabled: parts.length > 0,
    staleTime: Infinity,
    queryFn: async () => {
      const map = new Map<string, string>();
      for (const part of parts) {
        const file = await readAttachment(message.id, part.partId);
        // The declared type, checked above, not whatever the part claims on a second look.
        map.set((part.contentId ?? '').toLowerCase(), await toDataUrl(file.bytes, part.mimeType));
      }
      return map as ReadonlyMap<string, string>;
    },
  });
}
