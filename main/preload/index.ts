// Runs in the sandboxed preload: only `electron`'s renderer modules, bundled to CommonJS. It exposes
// exactly window.mail = { invoke, on } for the allow-listed names and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { MailApi } from '../../shared/ipc/api';
import { isChannelName, isEventName } from '../../shared/ipc/channels';

const api = {
  invoke(channel, input) {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', message: `Unknown request "${String(channel)}".` },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
} satisfies MailApi;

contextBridge.exposeInMainWorld('mail', api);
