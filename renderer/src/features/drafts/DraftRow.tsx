import type { DraftSummary } from '../../../../shared/model/draft';
import { shortDate, subjectText } from '../inbox/format';
import { openCompose } from '../compose/compose-store';

/** One saved draft; choosing it reopens it in compose with every field and attachment. */
export function DraftRow({ draft }: { draft: DraftSummary }) {
  const files = draft.attachmentCount;
  return (
    <button type="button" className="message" onClick={() => openCompose({ kind: 'draft', draftId: draft.id })}>
      <span className="message-from">{draft.to.trim() === '' ? '(no recipients)' : `To ${draft.to}`}</span>
      <time className="message-date" dateTime={draft.updatedAt}>
        {shortDate(draft.updatedAt)}
      </time>
      <span className="message-subject">
        {subjectText(draft.subject)}
        {files > 0 ? <span className="draft-files">{` · ${files} attachment${files === 1 ? '' : 's'}`}</span> : null}
      </span>
      <span className="message-snippet">{draft.snippet}</span>
      {draft.serverError !== null ? (
        <span className="draft-server-error">
          {`Kept here only: the server did not take its copy in Drafts (${draft.serverError}). Letterbox tries again later, and as soon as you edit it.`}
        </span>
      ) : null}
    </button>
  );
}
