import { create } from 'zustand';
import type { Notice } from '../../../shared/model/notice';

/** What the messages pane lists: the unified inbox, or one folder the user picked. */
export type MessageSource = { kind: 'unified'; specialUse: 'inbox' } | { kind: 'mailbox'; mailboxId: string };

/** What the middle pane shows: mail from main's store, or the outbox or local drafts (own channels and rows). */
export type ViewSource = MessageSource | { kind: 'outbox' } | { kind: 'drafts' };

export type DialogName = 'add-account' | 'compose' | 'account-settings' | 'settings';

export const UNIFIED_INBOX: MessageSource = { kind: 'unified', specialUse: 'inbox' };
export const OUTBOX: ViewSource = { kind: 'outbox' };
export const DRAFTS: ViewSource = { kind: 'drafts' };

/** UI state only; anything that comes from main lives in React Query's cache. */
interface UiState {
  source: ViewSource;
  /** A message id, or an outbox item id while the outbox is shown. */
  selectedMessageId: string | null;
  dialog: DialogName | null;
  /** The account the account-settings dialog is about. */
  dialogAccountId: string | null;
  /** Notices pushed by main after start-up (app:notice); start-up ones come with app:info. */
  pushedNotices: Notice[];
  dismissedNotices: string[];
  showSource(source: ViewSource): void;
  selectMessage(id: string | null): void;
  openDialog(dialog: DialogName): void;
  openAccountSettings(accountId: string): void;
  closeDialog(): void;
  pushNotice(notice: Notice): void;
  dismissNotice(key: string): void;
}

export function noticeKey(notice: Notice): string {
  return `${notice.code}:${notice.message}`;
}

export const useUi = create<UiState>()((set) => ({
  source: UNIFIED_INBOX,
  selectedMessageId: null,
  dialog: null,
  dialogAccountId: null,
  pushedNotices: [],
  dismissedNotices: [],
  showSource: (source) => set({ source, selectedMessageId: null }),
  selectMessage: (selectedMessageId) => set({ selectedMessageId }),
  openDialog: (dialog) => set({ dialog, dialogAccountId: null }),
  openAccountSettings: (accountId) => set({ dialog: 'account-settings', dialogAccountId: accountId }),
  closeDialog: () => set({ dialog: null, dialogAccountId: null }),
  pushNotice: (notice) =>
    set((state) => ({
      pushedNotices: [...state.pushedNotices.filter((n) => noticeKey(n) !== noticeKey(notice)), notice],
      // A notice main sends again is news again, even if an earlier copy was dismissed.
      dismissedNotices: state.dismissedNotices.filter((key) => key !== noticeKey(notice)),
    })),
  dismissNotice: (key) => set((state) => ({ dismissedNotices: [...state.dismissedNotices, key] })),
}));
