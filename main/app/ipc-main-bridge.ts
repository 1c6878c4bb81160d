import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import type { Envelope } from '../../shared/ipc/envelope';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { APP_ORIGIN } from './app-protocol';

/**
 * One ipcMain handler per allow-listed channel, answering only the app's own top frame: a
 * subframe or a navigated-away page gets `unknown_channel` as if the channel did not exist.
 */
export function bridgeIpc(window: BrowserWindow, dispatcher: Dispatcher, bus: EventBus): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!fromAppTopFrame(event, window)) {
        return { ok: false, error: { code: 'unknown_channel', message: `Unknown request "${channel}".` } };
      }
      return dispatcher.dispatch(channel, input, { transport: 'electron' });
    });
  }
  const unsubscribe = bus.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

function fromAppTopFrame(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  if (!frame || event.sender !== window.webContents || frame !== window.webContents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
