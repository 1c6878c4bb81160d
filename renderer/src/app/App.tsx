import { AccountSettingsDialog } from '../features/accounts/AccountSettingsDialog';
import { AddAccountDialog } from '../features/accounts/AddAccountDialog';
import { FoldersPane } from '../features/accounts/FoldersPane';
import { ComposeDialog } from '../features/compose/ComposeDialog';
import { ContextMenu } from '../features/inbox/ContextMenu';
import { MessageToolbar } from '../features/inbox/MessageToolbar';
import { MessagesPane } from '../features/inbox/MessagesPane';
import { MoveDialog } from '../features/inbox/MoveDialog';
import { Toasts } from '../features/outbox/Toasts';
import { ReaderPane } from '../features/reader/ReaderPane';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { OfflineIndicator } from './ConnectionIndicator';
import { NoticeBanner } from './NoticeBanner';
import { LayoutToggle, PaneLayout } from './PaneLayout';
import { SearchBox } from './SearchBox';
import { useShortcuts } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useUi } from './ui-store';
import { useNewMailNotifications, useTitleBadge } from './use-mail-alerts';
import { useMainEvents } from './use-main-events';

export function App() {
  useMainEvents();
  useShortcuts();
  useTitleBadge();
  useNewMailNotifications();
  const dialog = useUi((state) => state.dialog);
  const dialogAccountId = useUi((state) => state.dialogAccountId);
  const closeDialog = useUi((state) => state.closeDialog);
  return (
    <div className="app">
      <header className="titlebar">
        <div className="titlebar-row">
          <h1 className="app-name">Letterbox</h1>
          <Toolbar />
          {/* The search work (#9) fills this slot. */}
          <SearchBox />
          <LayoutToggle />
          <OfflineIndicator />
        </div>
        <MessageToolbar />
      </header>
      <Toasts />
      <NoticeBanner />
      <PaneLayout folders={<FoldersPane />} list={<MessagesPane />} reader={<ReaderPane />} />
      <StatusBar />
      <ContextMenu />
      {dialog === 'add-account' ? <AddAccountDialog onClose={closeDialog} /> : null}
      {dialog === 'account-settings' && dialogAccountId !== null ? (
        <AccountSettingsDialog key={dialogAccountId} accountId={dialogAccountId} onClose={closeDialog} />
      ) : null}
      {dialog === 'compose' ? <ComposeDialog onClose={closeDialog} /> : null}
      {dialog === 'settings' ? <SettingsDialog onClose={closeDialog} /> : null}
      {dialog === 'move' ? <MoveDialog onClose={closeDialog} /> : null}
      {dialog === 'shortcuts' ? <ShortcutsDialog onClose={closeDialog} /> : null}
    </div>
  );
}
