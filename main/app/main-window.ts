import { BrowserWindow, screen } from 'electron';
import type { WindowState } from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';
import { APP_ORIGIN } from './app-protocol';
import { hardenContents } from './harden-contents';

const DEFAULT_SIZE = { width: 1200, height: 800 };

export function createMainWindow(settings: SettingsStore, preloadPath: string): BrowserWindow {
  const saved = visibleOrNull(settings.get('window'));
  const window = new BrowserWindow({
    ...(saved ?? DEFAULT_SIZE),
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Letterbox',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  hardenContents(window.webContents);
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  rememberState(window, settings);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Saved on close and, debounced, after moves and resizes so a crash keeps the last layout too. */
function rememberState(window: BrowserWindow, settings: SettingsStore): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const bounds = window.getNormalBounds();
    settings.set('window', { ...bounds, maximized: window.isMaximized() });
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}

/** A window saved on a monitor that is gone would open off-screen; fall back to the default. */
function visibleOrNull(state: WindowState | null): WindowState | null {
  if (!state || state.x === undefined || state.y === undefined) return state;
  const { x, y, width, height } = state;
  const area = screen.getDisplayMatching({ x, y, width, height }).workArea;
  const overlaps = x < area.x + area.width && x + width > area.x && y < area.y + area.height && y + height > area.y;
  return overlaps ? state : { width, height, maximized: state.maximized };
}
