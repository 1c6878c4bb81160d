import { OUTBOX } from '../../app/ui-store';
import { SourceButton } from '../accounts/SourceButton';
import { isNotSent, needsUser, useOutbox } from './queries';

/** The Outbox in the folder pane: how many messages have not gone yet, and whether any needs the user. */
export function OutboxFolderButton() {
  const items = useOutbox().data ?? [];
  const waiting = items.filter(isNotSent).length;
  const problems = items.filter(needsUser).length;
  return (
    <SourceButton
      source={OUTBOX}
      label="Outbox"
      count={waiting}
      countMeaning="not sent yet"
      attention={problems > 0 ? `${problems} need${problems === 1 ? 's' : ''} your attention` : null}
    />
  );
}
