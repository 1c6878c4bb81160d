import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqlDriver, type WritableDb } from '../../../main/store/driver';
import { createGroupCommitter } from '../../../main/sync/writer/group-commit';
import type { WriteJob } from '../../../main/sync/writer/writes';

const opened: SqlDriver[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** An in-memory store whose transactions are counted. */
function store(): { db: WritableDb; transactions: () => number; values: () => string[] } {
  const db = openSqlite(':memory:');
  opened.push(db);
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
  let count = 0;
  const counted: WritableDb = {
    ...db,
    transaction: (fn) => {
      count += 1;
      return db.transaction(fn);
    },
  };
  return {
    db: counted,
    transactions: () => count,
    values: () => db.all<{ v: string }>('SELECT v FROM t ORDER BY rowid').map((r) => r.v),
  };
}

function job(values: string[], options: { failOn?: string; last?: string } = {}): WriteJob<string> {
  return {
    items: values,
    write: (tx, value) => {
      if (value === options.failOn) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
      tx.run('INSERT INTO t (v) VALUES (?)', [value]);
      return value !== 'skip';
    },
    ...(options.last
      ? { last: (tx: WritableDb) => void tx.run('INSERT INTO t (v) VALUES (?)', [options.last ?? '']) }
      : {}),
  };
}

describe('createGroupCommitter', () => {
  it('commits jobs queued together in one transaction, in order, each with its own count', async () => {
    const s = store();
    const committer = createGroupCommitter(s.db, 1000);
    const results = await Promise.all([
      committer.add(job(['a1', 'skip'])),
      committer.add(job(['b1'], { last: 'b-state' })),
      committer.add(job([], { last: 'c-state' })),
    ]);
    expect(results).toEqual([1, 1, 0]);
    expect(s.values()).toEqual(['a1', 'skip', 'b1', 'b-state', 'c-state']);
    expect(s.transactions()).toBe(1);
  });

  it('splits work over transactions of about sliceMs, the last step with the last item', async () => {
    const s = store();
    const committer = createGroupCommitter(s.db, 0);
    expect(await committer.add(job(['x', 'y', 'z'], { last: 'state' }))).toBe(3);
    expect(s.values()).toEqual(['x', 'y', 'z', 'state']);
    expect(s.transactions()).toBe(3);
  });

  it('fails every job of a transaction that failed, with its error, and goes on with the next ones', async () => {
    const s = store();
    const committer = createGroupCommitter(s.db, 1000);
    const first = committer.add(job(['a1']));
    const second = committer.add(job(['b1', 'bad'], { failOn: 'bad', last: 'b-state' }));
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : r.value))).toEqual([
      'SQLITE_FULL',
      'SQLITE_FULL',
    ]);
    expect(s.values()).toEqual([]);
    expect(await committer.add(job(['c1']))).toBe(1);
    expect(s.values()).toEqual(['c1']);
  });
});
