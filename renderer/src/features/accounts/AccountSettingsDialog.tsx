import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ipcQuery } from '../../ipc/ipc-query';
import { Dialog, useDialogClose } from '../../ui/Dialog';
import { QueryView } from '../../ui/QueryView';
import { RemoveAccountDialog } from './RemoveAccountDialog';
import { AccountSetupFlow } from './setup/AccountSetupFlow';
import { formFromAccount } from './setup/form';
import type { Account } from '../../../../shared/model/account';

interface AccountSettingsDialogProps {
  accountId: string;
  onClose: () => void;
}

/** The setup form, filled from accounts:get (which never carries a password), plus Remove account. */
export function AccountSettingsDialog({ accountId, onClose }: AccountSettingsDialogProps) {
  // Always fresh: another window (or the CLI) may have changed it.
  const account = useQuery({ ...ipcQuery('accounts:get', { id: accountId }), staleTime: 0 });
  const [removing, setRemoving] = useState(false);
  return (
    <>
      <Dialog title="Account settings" onClose={onClose} wide ownActions>
        <QueryView query={account} what="the account">
          {(loaded) => <EditFlow account={loaded} onRemove={() => setRemoving(true)} />}
        </QueryView>
      </Dialog>
      {removing && account.data !== undefined ? (
        <RemoveAccountDialog
          account={{
            id: account.data.id,
            displayName: account.data.displayName,
            email: account.data.identities[0]?.address ?? '',
          }}
          onClose={() => setRemoving(false)}
          onRemoved={onClose}
        />
      ) : null}
    </>
  );
}

function EditFlow({ account, onRemove }: { account: Account; onRemove: () => void }) {
  const close = useDialogClose();
  return <AccountSetupFlow mode="edit" initialForm={formFromAccount(account)} close={close} onRemove={onRemove} />;
}
