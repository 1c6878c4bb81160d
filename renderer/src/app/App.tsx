import { AccountSettingsDialog } from '../features/accounts/AccountSettingsDialog';
import { AddAccountDialog } from '../features/accounts/AddAccountDialog';
import { FoldersPane } from '../features/accounts/FoldersPane';
import { ComposeDialog } from '../features/compose/ComposeDialog';
import { useComposeShortcuts } from '../features/compose/use-compose-shortcuts';
import { MessagesPane } from '../features/inbox/MessagesPane';
import { Toasts } from '../features/outbox/Toasts';
import { ReaderPane } from '../features/reader/ReaderPane';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { NoticeBanner } from './NoticeBanner';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useUi } from './ui-store';
import { useMainEvents } from './use-main-events';

export function App() {
  useMainEvents();
  useComposeShortcuts();
  const dialog = useUi((state) => state.dialog);
  const dialogAccountId = useUi((state) => state.dialogAccountId);
  const closeDialog = useUi((state) => state.closeDialog);
  return (
    <div className="app">
      <header className="titlebar">
        <h1 className="app-name">Letterbox</h1>
        <Toolbar />
      </header>
      <Toasts />
      <NoticeBanner />
      <main className="panes">
        <FoldersPane />
        <MessagesPane />
        <ReaderPane />
      </main>
      <StatusBar />
      {dialog === 'add-account' ? <AddAccountDialog onClose={closeDialog} /> : null}
      {dialog === 'account-settings' && dialogAccountId !== null ? (
        <AccountSettingsDialog key={dialogAccountId} accountId={dialogAccountId} onClose={closeDialog} />
      ) : null}
      {dialog === 'compose' ? <ComposeDialog onClose={closeDialog} /> : null}
      {dialog === 'settings' ? <SettingsDialog onClose={closeDialog} /> : null}
    </div>
  );
}
