import { useEffect, useSyncExternalStore } from 'react';
import type { EventPayload } from '../../../shared/ipc/contract';
import { useAccounts, useAllMailboxes } from '../features/accounts/queries';
import { useSync } from '../features/sync/sync-store';
import { subscribe } from '../ipc/client';
import { useAppInfo } from './app-info';

/** The unread count of the unified inbox, from the folder list the window already has. */
export function useUnifiedUnread(): number {
  const accounts = useAccounts().data?.accounts ?? [];
  const mailboxes = useAllMailboxes().data?.mailboxes ?? [];
  const included = new Set(accounts.filter((a) => a.includeInUnified).map((a) => a.id));
  return mailboxes
    .filter((m) => m.specialUse === 'inbox' && included.has(m.accountId))
    .reduce((sum, m) => sum + m.unread, 0);
}

/** The window title carries the unread count, "(3) Letterbox": the browser shell's badge. */
export function useTitleBadge(): void {
  const unread = useUnifiedUnread();
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Letterbox` : 'Letterbox';
  }, [unread]);
}

export function notificationText(news: EventPayload<'mail:new'>): { title: string; body: string } {
  const first = news.messages[0];
  if (news.count === 1 && first) return { title: first.from, body: first.subject };
  return { title: `${news.count} new messages`, body: news.messages.map((m) => `${m.from}: ${m.subject}`).join('\n') };
}

/**
 * In the browser shell, new mail shows as a Notification (the desktop app's main process shows
 * its own). Title and body are strings: the Notification API never renders markup.
 */
export function useNewMailNotifications(): void {
  const shell = useAppInfo().data?.shell;
  useEffect(() => {
    if (shell !== 'web' || typeof Notification === 'undefined') return;
    return subscribe('mail:new', (news) => {
      if (Notification.permission !== 'granted') return;
      const { title, body } = notificationText(news);
      const notification = new Notification(title, { body, tag: `mail-${news.mailboxId}` });
      notification.onclick = () => window.focus();
    });
  }, [shell]);
}

function onlineNow(): boolean {
  return navigator.onLine;
}

function watchOnline(notify: () => void): () => void {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

/** Offline when the browser says so, or when every account's sync says it cannot reach its server. */
export function useOffline(): boolean {
  const online = useSyncExternalStore(watchOnline, onlineNow);
  const states = useSync((state) =>
    Object.values(state.accounts)
      .map((a) => a.state)
      .join(),
  );
  const all = states === '' ? [] : states.split(',');
  return !online || (all.length > 0 && all.every((s) => s === 'offline'));
}
