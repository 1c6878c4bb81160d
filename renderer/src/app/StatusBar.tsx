import { SyncAnnouncement } from '../features/sync/SyncAnnouncement';
import { errorMessage } from '../ipc/client';
import { useAppInfo } from './app-info';
import { NotificationsButton } from './ConnectionIndicator';

const SHELL_NAMES = { electron: 'desktop app', web: 'browser shell', cli: 'command line' } as const;

/** Which Letterbox this is and where its data lives: the first thing to ask when helping a user. */
export function StatusBar() {
  const info = useAppInfo();
  let text: string;
  if (info.isPending) text = 'Connecting to Letterbox…';
  else if (info.isError) text = `Not connected: ${errorMessage(info.error)}`;
  else {
    const { name, version, shell, profileDir } = info.data;
    text = `${name} ${version} · ${SHELL_NAMES[shell]} · profile ${profileDir}`;
  }
  return (
    <footer className="statusbar">
      <p role="status">{text}</p>
      {info.isError ? (
        <button type="button" onClick={() => void info.refetch()} disabled={info.isFetching}>
          Retry
        </button>
      ) : null}
      <NotificationsButton />
      <SyncAnnouncement />
    </footer>
  );
}
