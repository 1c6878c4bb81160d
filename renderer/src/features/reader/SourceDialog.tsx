import { useQuery } from '@tanstack/react-query';
import { ipcQuery } from '../../ipc/ipc-query';
import { Dialog } from '../../ui/Dialog';
import { QueryView } from '../../ui/QueryView';
import { sizeText } from '../compose/attachment-size';

/** "View source": the raw message as text in a <pre>, never parsed as HTML. */
export function SourceDialog({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const source = useQuery(ipcQuery('messages:source', { id: messageId }));
  return (
    <Dialog title="Message source" onClose={onClose} wide>
      <QueryView query={source} what="the message source">
        {(data) => (
          <>
            {data.truncated ? (
              <p className="state" role="note">
                Showing the start of the message only: it is {sizeText(data.size)}.
              </p>
            ) : null}
            <pre className="reader-source" tabIndex={0} aria-label="Raw message">
              {data.source}
            </pre>
          </>
        )}
      </QueryView>
    </Dialog>
  );
}
