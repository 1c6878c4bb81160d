import { app, Notification, type BrowserWindow } from 'electron';
import type { AppContext } from '../services/context';
import { unifiedUnreadCount } from '../services/new-mail';

const BADGE_DELAY_MS = 300;

/**
 * The desktop side of new mail: a system notification per `mail:new` (sender and subject as plain
 * text; clicking it brings the window forward) and the unread count of the unified inbox on the
 * dock / taskbar badge, recounted shortly after the mail store changes.
 */
export function startMailAlerts(ctx: AppContext, window: BrowserWindow): () => void {
  let timer: NodeJS.Timeout | null = null;
  const updateBadge = (): void => {
    timer = null;
    app.setBadgeCount(unifiedUnreadCount(ctx));
  };
  updateBadge();
  const unsubscribe = ctx.bus.subscribe((event, payload) => {
    if (event === 'mailbox:changed' || event === 'accounts:changed') {
      timer ??= setTimeout(updateBadge, BADGE_DELAY_MS);
      return;
    }
    if (event !== 'mail:new' || !Notification.isSupported()) return;
    const news = payload as { count: number; messages: { from: string; subject: string }[] };
    const first = news.messages[0];
    if (!first) return;
    const notification = new Notification({
      title: news.count === 1 ? first.from : `${news.count} new messages`,
      body: news.count === 1 ? first.subject : news.messages.map((m) => `${m.from}: ${m.subject}`).join('\n'),
      silent: false,
    });
    notification.on('click', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    notification.show();
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
