import { create } from 'zustand';

/** What the snackbar at the bottom of the window shows after a send. */
export type Toast =
  { key: number; kind: 'undo'; outboxId: string; sendAt: string } | { key: number; kind: 'note'; text: string };

interface ToastState {
  toasts: Toast[];
  /** A message waiting out its undo-send delay: a countdown with Undo. */
  showUndo(outboxId: string, sendAt: string): void;
  /** A sentence that goes away by itself (or with Dismiss). */
  showNote(text: string): void;
  dismiss(key: number): void;
}

let nextKey = 1;

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  showUndo: (outboxId, sendAt) =>
    set((state) => ({ toasts: [...state.toasts, { key: nextKey++, kind: 'undo', outboxId, sendAt }] })),
  showNote: (text) => set((state) => ({ toasts: [...state.toasts, { key: nextKey++, kind: 'note', text }] })),
  dismiss: (key) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.key !== key) })),
}));
