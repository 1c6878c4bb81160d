import { useState } from 'react';
import { useAppInfo } from './app-info';
import { useOffline } from './use-mail-alerts';

/** "Offline" when there is no network; the sync state of each account is beside it in the folder pane. */
export function OfflineIndicator() {
  const offline = useOffline();
  return (
    <span className="offline-indicator" role="status">
      {offline ? 'Offline: changes wait and are sent when the connection is back' : ''}
    </span>
  );
}

/** Browsers only ask for notification permission after a click: this button is that click. */
export function NotificationsButton() {
  const shell = useAppInfo().data?.shell;
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  if (shell !== 'web' || permission !== 'default') return null;
  return (
    <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Turn on new-mail notifications
    </button>
  );
}
