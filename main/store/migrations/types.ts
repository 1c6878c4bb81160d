import type { WritableDb } from '../driver';

/** One schema step. `version` is the PRAGMA user_version after it runs; steps never change once released. */
export interface Migration {
  version: number;
  name: string;
  up(db: WritableDb): void;
}
