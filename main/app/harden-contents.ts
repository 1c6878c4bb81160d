import { shell, type Session, type WebContents } from 'electron';
import { isSafeExternalUrl } from '../../shared/security/external-url';
import { APP_ORIGIN } from './app-protocol';

/** No in-app navigation, no new windows, no permissions: links go to the OS after a scheme check. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin === APP_ORIGIN) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}
