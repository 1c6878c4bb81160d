import { DRAFTS } from '../../app/ui-store';
import { SourceButton } from '../accounts/SourceButton';
import { useDrafts } from './queries';

/**
 * Every draft being written, next to All inboxes (an account's own Drafts folder is listed under
 * it): there even with no account, since drafts need none.
 */
export function DraftsFolderButton() {
  const count = useDrafts().data?.drafts.length ?? null;
  return <SourceButton source={DRAFTS} label="All drafts" count={count} countMeaning="saved" />;
}
