import type { MailApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** Provided before the app runs: by the Electron preload, or by the browser-shell bridge. */
    readonly mail: MailApi;
  }
}
