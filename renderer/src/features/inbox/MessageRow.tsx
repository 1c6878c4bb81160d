import type { KeyboardEvent, MouseEvent, Ref } from 'react';
import type { MessageListItem } from '../../../../shared/model/message-list';
import { Highlighted } from '../search/Highlighted';
import { senderName, shortDate, subjectText } from './format';
import type { ListRow } from './queries';
import { ThreadMessages } from './ThreadMessages';

interface MessageRowProps {
  message: ListRow | undefined;
  index: number;
  start: number;
  selected: boolean;
  focused: boolean;
  expanded: boolean;
  rowRef: Ref<HTMLDivElement>;
  onClick(event: MouseEvent, message: MessageListItem): void;
  onContextMenu(event: MouseEvent, message: MessageListItem): void;
  onFocus(index: number): void;
  onToggleThread(message: MessageListItem): void;
  onThreadKeyDown(event: KeyboardEvent): void;
}

/** One grid row: sender, subject and snippet, date, then flags; unread rows are bold. */
export function MessageRow(props: MessageRowProps) {
  const { message, index, start, selected, focused, expanded } = props;
  const common = {
    ref: props.rowRef,
    role: 'row',
    'aria-rowindex': index + 1,
    'data-index': index,
    tabIndex: focused ? 0 : -1,
    style: { transform: `translateY(${start}px)` },
    onFocus: () => props.onFocus(index),
  } as const;
  if (message === undefined) {
    return (
      <div {...common} className="message-row loading" aria-selected={false}>
        <div role="gridcell" className="message-loading">
          Loading…
        </div>
      </div>
    );
  }
  const thread = message.threadCount > 1;
  const classes = ['message-row', message.unread ? 'unread' : '', selected ? 'selected' : ''].filter(Boolean);
  return (
    <div
      {...common}
      className={classes.join(' ')}
      aria-selected={selected}
      aria-expanded={thread ? expanded : undefined}
      onClick={(event) => props.onClick(event, message)}
      onContextMenu={(event) => props.onContextMenu(event, message)}
    >
      <div role="gridcell" className="message-from">
        {message.unread ? <span className="visually-hidden">Unread, </span> : null}
        {senderName(message.from)}
        {thread ? (
          <span className="thread-count" aria-label={`${message.threadCount} messages`}>
            {message.threadCount}
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="message-subject">
        <span className="message-subject-text">
          {message.subjectSegments && message.subject ? (
            <Highlighted segments={message.subjectSegments} />
          ) : (
            subjectText(message.subject)
          )}
        </span>
        <span className="message-snippet">
          {message.snippetSegments ? <Highlighted segments={message.snippetSegments} /> : message.snippet}
        </span>
      </div>
      <div role="gridcell" className="message-date">
        <time dateTime={message.date}>{shortDate(message.date)}</time>
      </div>
      <div role="gridcell" className="message-flags">
        {message.remote ? <span className="remote-marker">Not downloaded yet</span> : null}
        {message.flagged ? (
          <span className="flag" title="Flagged">
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">Flagged</span>
          </span>
        ) : null}
        {message.hasAttachments ? (
          <span className="attachment" title="Has attachments">
            <span aria-hidden="true">📎</span>
            <span className="visually-hidden">Has attachments</span>
          </span>
        ) : null}
        {thread ? (
          <button
            type="button"
            className="thread-toggle"
            tabIndex={-1}
            aria-label={expanded ? 'Hide conversation' : 'Show conversation'}
            onClick={(event) => {
              event.stopPropagation();
              props.onToggleThread(message);
            }}
          >
            {expanded ? '▾' : '▸'}
          </button>
        ) : null}
      </div>
      {thread && expanded ? (
        <div role="gridcell" className="thread-messages" onKeyDown={props.onThreadKeyDown}>
          <ThreadMessages mailboxId={message.mailboxId} threadKey={message.threadKey} />
        </div>
      ) : null}
    </div>
  );
}
