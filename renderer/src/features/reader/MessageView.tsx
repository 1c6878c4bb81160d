import { useState, type ReactNode } from 'react';
import type { MessageContent } from '../../../../shared/model/reader';
import { errorMessage } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { QueryView } from '../../ui/QueryView';
import { subjectText } from '../inbox/format';
import { AttachmentList } from './AttachmentList';
import { HtmlBody } from './HtmlBody';
import { MessageHeader } from './MessageHeader';
import { PlainTextBody } from './PlainTextBody';
import { useMarkReadOnOpen, useMessageContent } from './queries';
import { ReplyActions } from './ReplyActions';
import { SourceDialog } from './SourceDialog';
import { useLinkOpener } from './use-link-opener';

/** One message: header, body (downloaded first when it is still on the server), attachments. */
export function MessageView({ id }: { id: string }) {
  const { local, downloaded, needsDownload } = useMessageContent(id);
  return (
    <QueryView query={local} what="the message">
      {(stored) => {
        if (!needsDownload) return <MessageArticle message={stored} />;
        if (downloaded.data) return <MessageArticle message={downloaded.data} />;
        return (
          <MessageArticle message={stored}>
            {downloaded.isError ? (
              <div className="state state-error" role="alert">
                <p>Could not download this message. {errorMessage(downloaded.error)}</p>
                <button type="button" onClick={() => void downloaded.refetch()} disabled={downloaded.isFetching}>
                  {downloaded.isFetching ? 'Retrying…' : 'Retry'}
                </button>
              </div>
            ) : (
              <p className="state" role="status">
                Downloading the message from the server…
              </p>
            )}
          </MessageArticle>
        );
      }}
    </QueryView>
  );
}

function MessageArticle({ message, children }: { message: MessageContent; children?: ReactNode }) {
  const [showSource, setShowSource] = useState(false);
  const links = useLinkOpener();
  useMarkReadOnOpen(message);
  const { body } = message;
  return (
    <article className="reader" aria-label={subjectText(message.subject)}>
      <h3 className="reader-subject">{subjectText(message.subject)}</h3>
      <div className="reader-toolbar">
        <ReplyActions messageId={message.id} />
        {body.state === 'local' ? (
          <button type="button" onClick={() => setShowSource(true)}>
            View source
          </button>
        ) : null}
      </div>
      <MessageHeader message={message} />
      {links.refusal ? (
        <div className="state state-error" role="alert">
          <p>{links.refusal}</p>
          <button type="button" onClick={links.dismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
      {children}
      {body.state === 'unavailable' ? (
        <p className="state state-error" role="alert">
          {body.reason}
        </p>
      ) : null}
      {body.state === 'local' && body.htmlTruncated ? (
        <p className="state" role="note">
          This message is very long: its end is not shown.
        </p>
      ) : null}
      {message.warnings.length > 0 ? (
        <p className="state" role="note">
          Parts of this message could not be read as sent: {message.warnings.join('; ')}.
        </p>
      ) : null}
      {body.state === 'local' ? (
        body.html !== null ? (
          <HtmlBody message={message} html={body.html} onLink={links.open} />
        ) : (
          <PlainTextBody text={body.text} onLink={links.open} />
        )
      ) : null}
      <AttachmentList messageId={message.id} attachments={message.attachments} />
      {showSource ? <SourceDialog messageId={message.id} onClose={() => setShowSource(false)} /> : null}
      {links.confirming ? (
        <Dialog title="Open this link?" onClose={links.cancel} ownActions>
          <p>{links.confirming.warning}.</p>
          <p className="reader-link-target">{links.confirming.href}</p>
          <div className="dialog-actions">
            <button type="button" onClick={links.cancel} data-autofocus>
              Cancel
            </button>
            <button type="button" className="primary danger" onClick={links.confirm}>
              Open anyway
            </button>
          </div>
        </Dialog>
      ) : null}
    </article>
  );
}
