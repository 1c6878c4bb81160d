import { useUi } from '../../app/ui-store';
import { Pane } from '../../ui/Pane';
import { DeliveryDetails } from '../outbox/DeliveryDetails';
import { MessageView } from './MessageView';

export function ReaderPane() {
  const source = useUi((state) => state.source);
  const selectedId = useUi((state) => state.selectedMessageId);
  // Drafts open in compose, not here.
  if (source.kind === 'drafts') {
    return (
      <Pane title="Reader" className="pane-reader">
        <p className="state">Choose a draft to go on writing it.</p>
      </Pane>
    );
  }
  return (
    <Pane title="Reader" className="pane-reader">
      {selectedId === null ? (
        <p className="state">No message selected</p>
      ) : source.kind === 'outbox' ? (
        <DeliveryDetails id={selectedId} />
      ) : (
        <MessageView key={selectedId} id={selectedId} />
      )}
    </Pane>
  );
}
