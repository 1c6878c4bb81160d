import { QueryView } from '../../ui/QueryView';
import { DraftRow } from './DraftRow';
import { useDrafts } from './queries';

/** The local drafts in the message-list pane. */
export function DraftsView() {
  const drafts = useDrafts();
  return (
    <QueryView query={drafts} what="drafts">
      {({ drafts: list }) =>
        list.length === 0 ? (
          <p className="state">No drafts. Anything you write is saved here until you send it.</p>
        ) : (
          <ul className="message-list" aria-label="Drafts">
            {list.map((draft) => (
              <li key={draft.id}>
                <DraftRow draft={draft} />
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}
