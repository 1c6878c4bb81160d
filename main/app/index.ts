import { app, dialog, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors';
import { ensureProfileDir, resolveProfileDir } from '../platform/profile';
import { createMailProbes } from '../mail/probes';
import { composeFromMailto } from '../services/compose';
import { composeApp } from '../services/compose-app';
import { startLiveSync } from '../services/live';
import { stopDraftSync } from '../services/draft-sync-scheduler';
import { removeOpenedFiles, sweepStaleOpenedFiles } from '../services/reader/opened-files';
import { startDraftSyncTriggers } from '../services/draft-sync-triggers';
import { outboxRunner, stopOutbox } from '../services/outbox';
import { openStore } from '../store/open-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { openElectronSettings } from './electron-settings';
import { electronFilePorts } from './desktop-files';
import { denyPermissions, hardenContents } from './harden-contents';
import { bridgeIpc } from './ipc-main-bridge';
import { createMailtoHandler, type MailtoHandler } from './mailto-handler';
import { startMailAlerts } from './mail-alerts';
import { createMainWindow } from './main-window';
import { openSafeStorageSecrets } from './safe-storage-secrets';

// Bundled to out/main/index.js; the preload and renderer builds sit beside it in out/.
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const mailto = createMailtoHandler(process.argv);

if (!mailto) {
  app.quit();
} else {
  // The CLI and the browser shell honour LETTERBOX_PROFILE; the app must open the same folder.
  if (process.env.LETTERBOX_PROFILE) app.setPath('userData', resolveProfileDir(undefined));
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.whenReady().then(
    () => start(mailto),
    (error: unknown) => fatal(error),
  );
}

async function start(mailto: MailtoHandler): Promise<void> {
  try {
    const profileDir = ensureProfileDir(app.getPath('userData'));
    denyPermissions(session.defaultSession);
    serveRenderer(join(outDir, 'renderer'));
    const { settings, notices: settingsNotices } = openElectronSettings(profileDir);
    const { secrets, notices: secretNotices } = await openSafeStorageSecrets(profileDir);
    const store = openStore(profileDir);
    const { dispatcher, bus, ctx } = composeApp(
      {
        shell: 'electron',
        profileDir,
        store,
        settings,
        secrets,
        probes: createMailProbes(),
        notices: [...settingsNotices, ...secretNotices],
        desktop: electronFilePorts(),
      },
      (channel, error) => console.error(`[ipc] ${channel} failed`, error),
    );
    const window = createMainWindow(settings, join(outDir, 'preload', 'index.cjs'));
    const unbridge = bridgeIpc(window, dispatcher, bus);
    app.on('second-instance', (_event, argv) => {
      if (!mailto.secondInstance(argv).focusWindow) return;
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    // A mailto: link becomes a saved draft; the window opens compose on it.
    mailto.ready((url) => {
      try {
        bus.emit('compose:open', { draftId: composeFromMailto(ctx, url).id });
        window.focus();
      } catch (error) {
        console.error('[mailto] could not open the link', error);
      }
    });
    // Drafts not copied to the server yet go at start-up and after each good sync pass.
    startDraftSyncTriggers(ctx);
    const live = startLiveSync(ctx);
    const stopAlerts = startMailAlerts(ctx, window);
    // Sends wait in the outbox and go by themselves; send-later messages whose time passed
    // while the app was closed go now.
    outboxRunner(ctx).start();
    // Attachments a run that never closed had opened (a crash): their temporary copies go.
    void sweepStaleOpenedFiles();
    let liveStopped = false;
    // Watchers and the outbox write to the store: quitting waits for them before will-quit closes it.
    app.on('before-quit', (event) => {
      if (liveStopped) return;
      event.preventDefault();
      void Promise.all([live.stop(), stopOutbox(ctx), stopDraftSync(ctx), removeOpenedFiles(ctx)]).finally(() => {
        liveStopped = true;
        app.quit();
      });
    });
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', () => {
      stopAlerts();
      unbridge();
      store.close();
    });
  } catch (error) {
    fatal(error);
  }
}

/** Start-up failures the user can act on (unwritable profile, newer store) get a dialog, not a stack. */
function fatal(error: unknown): void {
  const message = error instanceof AppError ? error.message : `Letterbox could not start: ${String(error)}`;
  dialog.showErrorBox('Letterbox cannot start', message);
  app.exit(1);
}
