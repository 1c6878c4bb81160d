import { AppError } from '../../shared/errors';
import type { SqlDriver } from './driver';
import type { Migration } from './migrations/types';

/**
 * Brings the database to the newest schema. Each step runs in its own BEGIN IMMEDIATE transaction
 * and re-reads user_version inside it, so when the app and the CLI open the same profile at once
 * only one of them applies a step and the other sees it done.
 */
export function migrate(db: SqlDriver, migrations: readonly Migration[]): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma<number>('user_version');
  if (current > latest) {
    throw new AppError(
      'store_too_new',
      `The mail store at ${db.path} was written by a newer Letterbox (schema ${current}; this version knows up to ${latest}). ` +
        'Update Letterbox; the store was left untouched.',
    );
  }
  for (const step of migrations) {
    db.transaction((tx) => {
      const now = db.pragma<number>('user_version');
      if (now >= step.version) return;
      if (now !== step.version - 1) {
        throw new Error(`Migration ${step.version} (${step.name}) expects schema ${step.version - 1}, found ${now}`);
      }
      step.up(tx);
      // user_version takes no bound parameters; the value is our own integer.
      tx.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
  return db.pragma<number>('user_version');
}
