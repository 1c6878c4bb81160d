import { useId } from 'react';
import { MessageSortSchema, type MessageSort } from '../../../../shared/model/message-list';
import { useUi } from '../../app/ui-store';

const SORT_NAMES: Record<MessageSort, string> = { date: 'Date', sender: 'Sender', subject: 'Subject' };

/** How the list is ordered and whether conversations are grouped. */
export function ListOptions() {
  const sortId = useId();
  const sort = useUi((state) => state.sort);
  const conversations = useUi((state) => state.conversations);
  const setSort = useUi((state) => state.setSort);
  const setConversations = useUi((state) => state.setConversations);
  return (
    <div className="list-options">
      <label htmlFor={sortId}>Sort by</label>
      <select id={sortId} value={sort} onChange={(event) => setSort(MessageSortSchema.parse(event.target.value))}>
        {MessageSortSchema.options.map((option) => (
          <option key={option} value={option}>
            {SORT_NAMES[option]}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={conversations} onChange={(event) => setConversations(event.target.checked)} />
        Conversations
      </label>
    </div>
  );
}
