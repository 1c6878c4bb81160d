/**
 * What only the desktop shell can do for attachments. main/app implements it with Electron's
 * dialog and shell; the browser shell has none (the page downloads the bytes itself).
 */
export interface DesktopFilePorts {
  /** A native folder picker; null when the user cancelled. */
  chooseFolder(title: string): Promise<string | null>;
  /** Opens a file with the system's default app; resolves to an error in words, or '' on success. */
  openPath(path: string): Promise<string>;
}
