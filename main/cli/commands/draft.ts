import type { Draft, DraftSummary } from '../../../shared/model/draft';
import { getDraft, listDrafts } from '../../services/drafts';
import { UsageError } from '../args';
import type { Command } from '../command';
import { withApp } from '../with-app';

const USAGE = 'draft needs: list | show ID';

function formatSummary(draft: DraftSummary): string {
  const attachments = draft.attachmentCount > 0 ? `  📎${draft.attachmentCount}` : '';
  return `${draft.id}  ${draft.updatedAt}  ${draft.subject || '(no subject)'}${attachments}\n  To: ${draft.to || '—'}`;
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function formatDraft(draft: Draft): string {
  const lines = [
    `Draft ${draft.id} (${draft.format === 'rich' ? 'rich text' : 'plain text'})`,
    `Created: ${draft.createdAt}   Saved: ${draft.updatedAt}`,
    `Account: ${draft.accountId ?? '(none yet)'}   Identity: ${draft.identityId ?? '(default)'}`,
    `To: ${draft.to}`,
    ...(draft.cc ? [`Cc: ${draft.cc}`] : []),
    ...(draft.bcc ? [`Bcc: ${draft.bcc}`] : []),
    `Subject: ${draft.subject}`,
    ...(draft.inReplyTo ? [`In-Reply-To: ${draft.inReplyTo}`] : []),
    ...draft.attachments.map(
      (a) => `Attachment: ${a.filename} (${a.contentType}, ${kib(a.size)}${a.inline ? ', inline image' : ''})`,
    ),
    '',
    draft.text,
  ];
  return lines.join('\n');
}

export const draftCommand: Command = {
  name: 'draft',
  summary: 'Local drafts (draft list | show ID)',
  async run({ io, globals, positionals }) {
    const [sub, id] = positionals;
    return withApp(io, globals, async (app) => {
      switch (sub) {
        case 'list': {
          const drafts = listDrafts(app.ctx);
          return { json: { drafts }, text: drafts.length === 0 ? 'No drafts.' : drafts.map(formatSummary).join('\n') };
        }
        case 'show': {
          if (!id) throw new UsageError(USAGE);
          const draft = getDraft(app.ctx, id);
          return { json: { draft }, text: formatDraft(draft) };
        }
        default:
          throw new UsageError(USAGE);
      }
    });
  },
};
