import { listsMail, useUi } from '../../app/ui-store';
import { useRovingFocus } from '../../ui/use-roving-focus';
import { MESSAGE_COMMANDS } from './message-commands';
import { useMessageActions } from './use-message-actions';

/** The actions on the selected messages, above the list; disabled while nothing is selected. */
export function MessageToolbar() {
  const actions = useMessageActions();
  const mail = useUi(listsMail);
  const count = useUi((state) =>
    state.selectedIds.length > 0 ? state.selectedIds.length : state.selectedMessageId ? 1 : 0,
  );
  const roving = useRovingFocus(MESSAGE_COMMANDS.length);
  const none = !mail || count === 0;
  return (
    <div className="toolbar message-toolbar" role="toolbar" aria-label="Message actions" onKeyDown={roving.onKeyDown}>
      {MESSAGE_COMMANDS.map((command, index) => (
        <button
          key={command.id}
          type="button"
          {...roving.props(index)}
          aria-disabled={none}
          aria-keyshortcuts={command.ariaKey}
          title={`${command.label} (${command.ariaKey})`}
          onClick={() => {
            if (!none) command.run(actions);
          }}
        >
          {command.label}
        </button>
      ))}
    </div>
  );
}
