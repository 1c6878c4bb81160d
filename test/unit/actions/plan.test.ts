import { describe, expect, it } from 'vitest';
import {
  applyFlagChange,
  deleteTarget,
  groupBy,
  isPermanentFailure,
  planFlagStore,
} from '../../../main/sync/actions/plan';

describe('applyFlagChange', () => {
  it('adds and removes case-insensitively, sorted, without duplicates', () => {
    expect(applyFlagChange(['\\Seen'], ['\\Flagged', '\\SEEN'], [])).toEqual(['\\Flagged', '\\Seen']);
    expect(applyFlagChange(['\\Flagged', '\\Seen'], [], ['\\seen'])).toEqual(['\\Flagged']);
    expect(applyFlagChange([], ['\\Seen'], ['\\Seen'])).toEqual([]);
  });
});

describe('deleteTarget', () => {
  it('moves to Trash, expunges in Trash, and says when there is no Trash', () => {
    expect(deleteTarget('inbox', 't')).toEqual({ kind: 'move', toMailboxId: 't' });
    expect(deleteTarget(null, 't')).toEqual({ kind: 'move', toMailboxId: 't' });
    expect(deleteTarget('trash', 't')).toEqual({ kind: 'expunge' });
    expect(deleteTarget('inbox', null)).toEqual({ kind: 'no_trash' });
  });
});

describe('groupBy', () => {
  it('keeps first-seen order', () => {
    expect([...groupBy(['b1', 'a1', 'b2'], (s) => s[0] ?? '').entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });
});

describe('planFlagStore', () => {
  it('lets the server win where its MODSEQ moved past ours and groups the rest by MODSEQ', () => {
    const known = new Map<number, string | null>([
      [1, '10'],
      [2, '10'],
      [3, '12'],
      [4, null],
    ]);
    const plan = planFlagStore(known, [
      { uid: 1, modseq: '10' },
      { uid: 2, modseq: '11' },
      { uid: 3, modseq: '12' },
      { uid: 4, modseq: '99' },
    ]);
    expect(plan.conflicted).toEqual([2]);
    expect([...plan.stores.entries()]).toEqual([
      ['10', [1]],
      ['12', [3]],
      [null, [4]],
    ]);
  });

  it('compares MODSEQs beyond 2^53 exactly', () => {
    const plan = planFlagStore(new Map([[1, '9007199254740993']]), [{ uid: 1, modseq: '9007199254740994' }]);
    expect(plan.conflicted).toEqual([1]);
  });
});

describe('isPermanentFailure', () => {
  it('drops on NO/BAD over a live connection, keeps everything else', () => {
    expect(isPermanentFailure({ responseStatus: 'NO' }, true)).toBe(true);
    expect(isPermanentFailure({ responseStatus: 'BAD' }, true)).toBe(true);
    expect(isPermanentFailure({ responseStatus: 'NO' }, false)).toBe(false);
    expect(isPermanentFailure(new Error('socket closed'), true)).toBe(false);
  });
});
