import { create } from 'zustand';

interface ContextMenuState {
  at: { x: number; y: number } | null;
  /** Where focus goes back to when the menu closes. */
  returnTo: HTMLElement | null;
  open(x: number, y: number, returnTo: HTMLElement | null): void;
  close(): void;
}

export const useContextMenu = create<ContextMenuState>()((set, get) => ({
  at: null,
  returnTo: null,
  open: (x, y, returnTo) => set({ at: { x, y }, returnTo }),
  close: () => {
    const { returnTo } = get();
    set({ at: null, returnTo: null });
    returnTo?.focus();
  },
}));
