import { create } from 'zustand';

/** Messages whose remote content the user loaded "for this message": kept for this session only. */
export const useRemoteAllowed = create<{ ids: ReadonlySet<string>; allow: (id: string) => void }>()((set) => ({
  ids: new Set(),
  allow: (id) => set((state) => ({ ids: new Set([...state.ids, id]) })),
}));
