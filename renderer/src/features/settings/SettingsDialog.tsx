import { Dialog } from '../../ui/Dialog';
import { QueryView } from '../../ui/QueryView';
import { usePrefs } from './prefs';
import { SignaturesSection } from './SignaturesSection';
import { UndoSendField } from './UndoSendField';

/** Preferences that apply to the whole app (account settings live with each account). */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const prefs = usePrefs();
  return (
    <Dialog title="Settings" onClose={onClose} wide>
      <QueryView query={prefs} what="your settings">
        {(loaded) => (
          <>
            <UndoSendField value={loaded.undoSendSeconds} />
            <SignaturesSection placement={loaded.signaturePlacement} />
          </>
        )}
      </QueryView>
    </Dialog>
  );
}
