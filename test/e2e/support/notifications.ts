import type { AppSession } from './app-session';

interface Shown {
  title: string;
  body: string;
}

/**
 * Grants notifications and records every one the page shows (title and body as given), before
 * any of the app's scripts run. Returns a reader of what was shown so far.
 */
export async function recordNotifications(session: AppSession): Promise<() => Promise<Shown[]>> {
  await session.context.grantPermissions(['notifications']);
  await session.context.addInitScript(() => {
    const calls: { title: string; body: string }[] = [];
    (window as unknown as { __notifications: typeof calls }).__notifications = calls;
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        calls.push({ title, body: options?.body ?? '' });
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    window.Notification = Recorded;
  });
  return () => session.page.evaluate(() => (window as unknown as { __notifications: Shown[] }).__notifications);
}
