import { BrowserWindow, dialog, shell } from 'electron';
import type { DesktopFilePorts } from '../services/reader/desktop-ports';

/** The native folder picker and the OS "open with the default app", for attachments. */
export function electronFilePorts(): DesktopFilePorts {
  return {
    async chooseFolder(title) {
      const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    openPath: (path) => shell.openPath(path),
  };
}
