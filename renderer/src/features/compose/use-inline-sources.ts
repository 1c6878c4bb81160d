import { useEffect, useState } from 'react';
import type { Draft } from '../../../../shared/model/draft';
import { attachmentDataUrl } from './attachment-files';
import { InlineImageSources } from './inline-image';

/** The reopened draft's inline images, fetched from main so the editor can show them. */
export function useInlineSources(draft: Draft): InlineImageSources {
  const [sources] = useState(() => new InlineImageSources());
  const { id, attachments } = draft;
  useEffect(() => {
    for (const attachment of attachments) {
      const contentId = attachment.contentId;
      if (!attachment.inline || contentId === null || sources.get(contentId) !== undefined) continue;
      // A missing image stays a placeholder (its alt text); the draft itself is unaffected.
      attachmentDataUrl(id, attachment.id).then(
        (url) => sources.set(contentId, url),
        () => undefined,
      );
    }
  }, [id, attachments, sources]);
  return sources;
}
