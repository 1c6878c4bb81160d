import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { commitInSlices } from '../../../main/store/sliced-commit';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function table() {
  const db = openSqlite(join(tempDir(), 's.sqlite'));
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY); CREATE TABLE state (v TEXT)');
  return db;
}

/** Blocks the thread for `ms` (a slow write). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('commitInSlices', () => {
  it('writes every item, in short transactions with the event loop running between them', async () => {
    const db = table();
    const items = Array.from({ length: 20 }, (_, i) => i);
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    const transactions: number[] = [];
    const counted = await commitInSlices(
      db,
      items,
      (tx, n) => {
        if (transactions.at(-1) !== turns) transactions.push(turns);
        busy(3);
        tx.run('INSERT INTO t (n) VALUES (?)', [n]);
        return n % 2 === 0;
      },
      { sliceMs: 10 },
    );
    clearInterval(ticking);
    expect(counted).toBe(10);
    expect(db.all<{ n: number }>('SELECT n FROM t ORDER BY n').map((r) => r.n)).toEqual(items);
    // 20 writes of 3 ms in slices of about 10 ms: several slices, a timer turn between each.
    expect(transactions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(transactions).size).toBe(transactions.length);
    db.close();
  });

  it('runs `last` in the final slice only, also with nothing to write', async () => {
    const db = table();
    const seen: number[] = [];
    await commitInSlices(
      db,
      [1, 2, 3],
      (tx, n) => {
        busy(6);
        seen.push(db.get<{ c: number }>('SELECT count(*) AS c FROM state')?.c ?? -1);
        tx.run('INSERT INTO t (n) VALUES (?)', [n]);
        return true;
      },
      { sliceMs: 5, last: (tx) => tx.run("INSERT INTO state (v) VALUES ('done')") },
    );
    expect(seen).toEqual([0, 0, 0]);
    expect(db.all('SELECT v FROM state')).toEqual([{ v: 'done' }]);
    await commitInSlices(db, [], () => true, { last: (tx) => tx.run("INSERT INTO state (v) VALUES ('empty')") });
    expect(db.all<{ v: string }>('SELECT v FROM state').map((r) => r.v)).toEqual(['done', 'empty']);
    db.close();
  });

  it('keeps the slices committed before a failure and none of the failing one', async () => {
    const db = table();
    const failure = await commitInSlices(
      db,
      [1, 2, 3, 4],
      (tx, n) => {
        tx.run('INSERT INTO t (n) VALUES (?)', [n]);
        busy(6);
        if (n === 4) throw new Error('disk full');
        return true;
      },
      { sliceMs: 10 },
    ).catch((error: unknown) => error);
    expect(failure).toEqual(new Error('disk full'));
    // Slices of two: [1, 2] committed, [3, 4] rolled back together.
    expect(db.all<{ n: number }>('SELECT n FROM t ORDER BY n').map((r) => r.n)).toEqual([1, 2]);
    db.close();
  });
});
