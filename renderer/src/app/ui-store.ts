import { create } from 'zustand';
import type { MessageListSource, MessageSort } from '../../../shared/model/message-list';
import type { Notice } from '../../../shared/model/notice';

/** What the messages pane lists: a unified view across accounts, or one folder the user picked. */
export type MessageSource = MessageListSource;

/** What the middle pane shows: mail from main's store, or the outbox or local drafts (own channels and rows). */
export type ViewSource = MessageSource | { kind: 'outbox' } | { kind: 'drafts' };

export type DialogName = 'add-account' | 'compose' | 'account-settings' | 'settings' | 'move' | 'shortcuts';

export const UNIFIED_INBOX: MessageSource = { kind: 'unified', specialUse: 'inbox' };
export const UNIFIED_SENT: MessageSource = { kind: 'unified', specialUse: 'sent' };
export const OUTBOX: ViewSource = { kind: 'outbox' };
export const DRAFTS: ViewSource = { kind: 'drafts' };

/** UI state only; anything that comes from main lives in React Query's cache. */
interface UiState {
  source: ViewSource;
  /** The message open in the reader (or an outbox item id while the outbox is shown). */
  selectedMessageId: string | null;
  /** Every selected row of the message list (multi-select); the open message is among them. */
  selectedIds: readonly string[];
  /** Where a Shift range starts. */
  anchorId: string | null;
  sort: MessageSort;
  conversations: boolean;
  /** Conversation rows showing their messages (by thread key). */
  expanded: readonly string[];
  dialog: DialogName | null;
  /** The account the account-settings dialog is about. */
  dialogAccountId: string | null;
  /** Notices pushed by main after start-up (app:notice); start-up ones come with app:info. */
  pushedNotices: Notice[];
  dismissedNotices: string[];
  /** The search the messages pane lists instead of `source` (null: no search); `source` stays to return to. */
  search: string | null;
  showSource(source: ViewSource): void;
  /** Lists a search's results (blank or null: back to the source). */
  setSearch(query: string | null): void;
  /** Opens one message and makes it the whole selection. */
  selectMessage(id: string | null): void;
  /** Sets the selection; `open` is the message the reader shows (null: leave it). */
  setSelection(ids: readonly string[], open: string | null, anchorId?: string | null): void;
  setSort(sort: MessageSort): void;
  setConversations(on: boolean): void;
  toggleExpanded(threadKey: string): void;
  openDialog(dialog: DialogName): void;
  openAccountSettings(accountId: string): void;
  closeDialog(): void;
  pushNotice(notice: Notice): void;
  dismissNotice(key: string): void;
}

export function noticeKey(notice: Notice): string {
  return `${notice.code}:${notice.message}`;
}

const NO_SELECTION = { selectedMessageId: null, selectedIds: [], anchorId: null, expanded: [] } as const;

export const useUi = create<UiState>()((set) => ({
  source: UNIFIED_INBOX,
  ...NO_SELECTION,
  sort: 'date',
  conversations: false,
  dialog: null,
  dialogAccountId: null,
  pushedNotices: [],
  dismissedNotices: [],
  search: null,
  showSource: (source) => set({ source, search: null, ...NO_SELECTION }),
  setSearch: (query) => set({ search: query?.trim() ? query : null, ...NO_SELECTION }),
  selectMessage: (id) => set({ selectedMessageId: id, selectedIds: id === null ? [] : [id], anchorId: id }),
  setSelection: (ids, open, anchorId) =>
    set((state) => ({
      selectedIds: ids,
      selectedMessageId: open ?? state.selectedMessageId,
      anchorId: anchorId === undefined ? state.anchorId : anchorId,
    })),
  setSort: (sort) => set({ sort }),
  setConversations: (conversations) => set({ conversations, expanded: [] }),
  toggleExpanded: (key) =>
    set((state) => ({
      expanded: state.expanded.includes(key) ? state.expanded.filter((k) => k !== key) : [...state.expanded, key],
    })),
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

/** True while the middle pane lists mail (not the outbox or local drafts). */
export function isMailSource(source: ViewSource): source is MessageSource {
  return source.kind === 'mailbox' || source.kind === 'unified';
}

/** True while the messages pane lists mail: a folder, a unified view or search results (all real message ids). */
export function listsMail(state: { source: ViewSource; search: string | null }): boolean {
  return state.search !== null || isMailSource(state.source);
}
