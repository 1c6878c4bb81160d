import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent } from 'react';
import { Dialog, useDialogClose } from '../../ui/Dialog';
import { useAllMailboxes } from '../accounts/queries';
import { listedMessages } from './queries';
import { actionIds, useMessageActions } from './use-message-actions';

/** Move to a folder: type to filter, arrows to choose, Enter to move. */
export function MoveDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Move to folder" onClose={onClose} ownActions>
      <MoveForm />
    </Dialog>
  );
}

function MoveForm() {
  const close = useDialogClose();
  const client = useQueryClient();
  const actions = useMessageActions();
  const listId = useId();
  const mailboxes = useAllMailboxes().data?.mailboxes ?? [];
  const [ids] = useState(() => [...actionIds()]);
  const accounts = new Set(listedMessages(client, ids).map((m) => m.accountId));
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const words = filter.trim().toLowerCase();
  const choices = mailboxes.filter((m) => accounts.has(m.accountId) && m.path.toLowerCase().includes(words));
  const current = Math.min(active, choices.length - 1);

  function choose(mailboxId: string | undefined) {
    if (mailboxId === undefined) return;
    actions.move(mailboxId);
    close();
  }

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1 };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActive(Math.max(0, Math.min(choices.length - 1, next)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(choices[current]?.id);
    }
  }

  if (ids.length === 0) return <p className="state">Select the messages to move first.</p>;
  if (accounts.size > 1)
    return <p className="state">Messages can only be moved within one account; select messages of one account.</p>;
  return (
    <div className="move-form">
      <label>
        Filter folders
        <input
          data-autofocus
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={choices[current] ? `${listId}-${choices[current].id}` : undefined}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      <ul id={listId} role="listbox" aria-label="Folders" className="move-choices">
        {choices.map((mailbox, index) => (
          <li
            key={mailbox.id}
            id={`${listId}-${mailbox.id}`}
            role="option"
            aria-selected={index === current}
            onClick={() => choose(mailbox.id)}
          >
            {mailbox.path}
          </li>
        ))}
      </ul>
      {choices.length === 0 ? <p className="state">No folder matches “{filter}”.</p> : null}
      <p className="hint">
        Moving {ids.length} message{ids.length === 1 ? '' : 's'}.
      </p>
    </div>
  );
}
