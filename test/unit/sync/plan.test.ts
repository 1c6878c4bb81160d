import { describe, expect, it } from 'vitest';
import { planFolderSync, type ServerFolderState, type StoredFolderState } from '../../../main/sync/plan';

const stored: StoredFolderState = { uidvalidity: 7, uidnext: 11, highestmodseq: '500', localCount: 10 };
const server: ServerFolderState = { uidvalidity: 7, uidnext: 11, highestmodseq: '500', exists: 10, condstore: true };

describe('planFolderSync (DESIGN §5 order)', () => {
  it('reseeds a folder never synced or whose UIDVALIDITY changed, before anything else', () => {
    expect(planFolderSync({ ...stored, uidvalidity: null }, server)).toBe('reseed');
    expect(planFolderSync(stored, { ...server, uidvalidity: 8, uidnext: 1, exists: 0 })).toBe('reseed');
  });

  it('does nothing when HIGHESTMODSEQ, UIDNEXT and the count are unchanged', () => {
    expect(planFolderSync(stored, server)).toBe('unchanged');
  });

  it('uses CONDSTORE when the modseq moved, even if the counts look like an append', () => {
    expect(planFolderSync(stored, { ...server, highestmodseq: '501' })).toBe('condstore');
    expect(planFolderSync(stored, { ...server, highestmodseq: '510', uidnext: 13, exists: 12 })).toBe('condstore');
  });

  it('compares modseqs beyond 2^53 as text, without precision loss', () => {
    const big = '18446744073709551000';
    expect(planFolderSync({ ...stored, highestmodseq: big }, { ...server, highestmodseq: big })).toBe('unchanged');
    expect(
      planFolderSync({ ...stored, highestmodseq: big }, { ...server, highestmodseq: '18446744073709551001' }),
    ).toBe('condstore');
  });

  it('without CONDSTORE: append-only when UIDNEXT moved by exactly the growth, else a full diff', () => {
    const plain = { ...server, condstore: false, highestmodseq: null };
    expect(planFolderSync(stored, { ...plain, uidnext: 14, exists: 13 })).toBe('append');
    expect(planFolderSync(stored, { ...plain, uidnext: 14, exists: 12 })).toBe('full'); // 3 new, 1 gone
    expect(planFolderSync(stored, { ...plain, uidnext: 11, exists: 9 })).toBe('full'); // expunge only
  });

  it('without CONDSTORE an unchanged-looking folder still gets a full diff (flag changes are invisible)', () => {
    expect(planFolderSync(stored, { ...server, condstore: false, highestmodseq: null })).toBe('full');
  });

  it('treats an interrupted reseed (UIDVALIDITY saved, no UIDNEXT) as a full diff', () => {
    expect(
      planFolderSync({ ...stored, uidnext: null, highestmodseq: null, localCount: 200 }, { ...server, exists: 900 }),
    ).toBe('full');
  });

  it('falls back when the stored modseq is unknown', () => {
    expect(planFolderSync({ ...stored, highestmodseq: null }, { ...server, uidnext: 12, exists: 11 })).toBe('append');
  });
});
