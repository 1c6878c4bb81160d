import { Dialog, useDialogClose } from '../../ui/Dialog';
import { AccountSetupFlow } from './setup/AccountSetupFlow';
import { emptyForm } from './setup/form';

/** Add account: the setup flow in a dialog. Closing it at any step cancels what is running. */
export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Add account" onClose={onClose} wide ownActions>
      <AddAccountFlow />
    </Dialog>
  );
}

function AddAccountFlow() {
  const close = useDialogClose();
  return <AccountSetupFlow mode="add" initialForm={emptyForm()} close={close} />;
}
