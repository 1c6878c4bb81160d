import type { AccountSummary } from '../../../../shared/model/account';
import { useUi } from '../../app/ui-store';
import { accountName } from './account-name';

/** An account's name in the folder list, with its settings (edit, remove) one click away. */
export function AccountHeader({ account }: { account: AccountSummary }) {
  const openAccountSettings = useUi((state) => state.openAccountSettings);
  const name = accountName(account);
  return (
    <div className="account-header">
      <h3 className="account-name" title={account.email}>
        {name}
      </h3>
      <button
        type="button"
        className="icon-button"
        aria-label={`Account settings for ${name}`}
        title="Account settings"
        onClick={() => openAccountSettings(account.id)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M9.4 1l.3 1.8c.4.1.8.3 1.1.5l1.5-1 1.4 1.4-1 1.5c.2.3.4.7.5 1.1l1.8.3v2l-1.8.3c-.1.4-.3.8-.5 1.1l1 1.5-1.4 1.4-1.5-1c-.3.2-.7.4-1.1.5L9.4 15h-2l-.3-1.8c-.4-.1-.8-.3-1.1-.5l-1.5 1-1.4-1.4 1-1.5c-.2-.3-.4-.7-.5-1.1L1.8 9.4v-2l1.8-.3c.1-.4.3-.8.5-1.1l-1-1.5 1.4-1.4 1.5 1c.3-.2.7-.4 1.1-.5L7.4 1h2zM8.4 5.9a2.5 2.5 0 100 5 2.5 2.5 0 000-5z"
          />
        </svg>
      </button>
    </div>
  );
}
