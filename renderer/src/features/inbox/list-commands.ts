/**
 * What the message list lets the rest of the window ask of it (shortcuts with focus elsewhere,
 * actions that remove rows). The mounted list registers itself; nothing happens without one.
 */
export interface ListCommands {
  /** Moves the focused row by `delta` rows and opens it. */
  move(delta: number): void;
  /** Puts keyboard focus on the list's focused row. */
  focus(): void;
  /** The rows `ids` are going away: select and open the row after them. */
  afterRemoval(ids: readonly string[]): void;
}

let current: ListCommands | null = null;

export const listCommands = {
  register(commands: ListCommands): () => void {
    current = commands;
    return () => {
      if (current === commands) current = null;
    };
  },
  get(): ListCommands | null {
    return current;
  },
};
