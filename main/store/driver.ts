import Database from 'better-sqlite3';
import { registerSearchFunctions } from './search-functions';

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/** Read-only view: code that only reads takes this, so a write there is a type error. */
export interface ReadableDb {
  get<T>(sql: string, params?: SqlParams): T | undefined;
  all<T>(sql: string, params?: SqlParams): T[];
}

export interface WritableDb extends ReadableDb {
  run(sql: string, params?: SqlParams): { changes: number; lastInsertRowid: number | bigint };
  exec(sql: string): void;
  /** BEGIN IMMEDIATE: takes the write lock up front so two processes never deadlock on upgrade. */
  transaction<T>(fn: (db: WritableDb) => T): T;
}

export interface SqlDriver extends WritableDb {
  readonly path: string;
  pragma<T>(statement: string): T;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
  /** How long to wait for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
}

/**
 * The small interface the rest of main uses instead of better-sqlite3 directly, so the engine can
 * change (or be run in a worker) without touching services. Statements are cached per SQL text.
 */
export function openSqlite(path: string, options: OpenOptions = {}): SqlDriver {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  registerSearchFunctions(db);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const bind = (params: SqlParams | undefined): unknown[] => (params === undefined ? [] : [params]);

  const driver: SqlDriver = {
    path,
    get: <T>(sql: string, params?: SqlParams) => prepare(sql).get(...bind(params)) as T | undefined,
    all: <T>(sql: string, params?: SqlParams) => prepare(sql).all(...bind(params)) as T[],
    run: (sql, params) => {
      const info = prepare(sql).run(...bind(params));
      return { changes: info.changes, lastInsertRowid: info.lastInsertRowid };
    },
    exec: (sql) => {
      db.exec(sql);
    },
    transaction: (fn) => db.transaction(() => fn(driver)).immediate(),
    pragma: <T>(statement: string) => db.pragma(statement, { simple: true }) as T,
    close: () => {
      cache.clear();
      db.close();
    },
  };
  return driver;
}
