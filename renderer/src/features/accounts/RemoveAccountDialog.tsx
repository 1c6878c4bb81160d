import type { AccountSummary } from '../../../../shared/model/account';
import { errorMessage } from '../../ipc/client';
import { Dialog, useDialogClose } from '../../ui/Dialog';
import { useRemoveAccount } from './mutations';

interface RemoveAccountDialogProps {
  account: Pick<AccountSummary, 'id' | 'displayName' | 'email'>;
  /** Cancelled: back to where the user was. */
  onClose: () => void;
  onRemoved: () => void;
}

/** Names the account and says exactly what goes; Cancel has the focus, so Enter does no harm. */
export function RemoveAccountDialog({ account, onClose, onRemoved }: RemoveAccountDialogProps) {
  const name = account.displayName || account.email;
  return (
    <Dialog title={`Remove “${name}”?`} onClose={onClose} ownActions>
      <Confirm account={account} name={name} onRemoved={onRemoved} />
    </Dialog>
  );
}

interface ConfirmProps {
  account: RemoveAccountDialogProps['account'];
  name: string;
  onRemoved: () => void;
}

function Confirm({ account, name, onRemoved }: ConfirmProps) {
  const close = useDialogClose();
  const remove = useRemoveAccount();
  return (
    <div className="confirm">
      <p>
        Letterbox will remove the account <strong>{name}</strong>
        {account.displayName && account.displayName !== account.email ? ` (${account.email})` : ''} from this computer:
        its downloaded mail and its saved passwords will be deleted.
      </p>
      <p>The mail on the server is not touched; you can add the account again later.</p>
      {remove.isError ? (
        <p className="form-error" role="alert">
          Not removed: {errorMessage(remove.error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="primary danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(account.id, { onSuccess: onRemoved })}
        >
          {remove.isPending ? 'Removing…' : 'Remove account'}
        </button>
      </div>
    </div>
  );
}
