import type { Notice } from '../../../shared/model/notice';
import { useVisibleNotices } from './app-info';
import { noticeKey, useUi } from './ui-store';

/** Warnings and errors interrupt (alert); information waits its turn (status). */
export function NoticeBanner() {
  const notices = useVisibleNotices();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <NoticeItem key={noticeKey(notice)} notice={notice} />
      ))}
    </div>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useUi((state) => state.dismissNotice);
  return (
    <div className={`notice notice-${notice.level}`} role={notice.level === 'info' ? 'status' : 'alert'}>
      <p>{notice.message}</p>
      <button type="button" onClick={() => dismiss(noticeKey(notice))} aria-label={`Dismiss: ${notice.message}`}>
        Dismiss
      </button>
    </div>
  );
}
