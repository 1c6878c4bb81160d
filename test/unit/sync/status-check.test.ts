import { describe, expect, it } from 'vitest';
import { statusChanged, statusProvesUnchanged, type KnownFolderStatus } from '../../../main/sync/status-check';

const known: KnownFolderStatus = { uidvalidity: 7, uidnext: 10, highestmodseq: '42', messageCount: 9 };
const same = { path: 'Work', uidValidity: 7n, uidNext: 10, messages: 9, highestModseq: 42n };

describe('statusChanged', () => {
  it('is false when STATUS matches the last pass', () => {
    expect(statusChanged(known, same)).toBe(false);
  });

  it.each([
    ['new mail (UIDNEXT)', { uidNext: 11, messages: 10 }],
    ['an expunge (MESSAGES)', { messages: 8 }],
    ['a flag change (HIGHESTMODSEQ)', { highestModseq: 43n }],
    ['a recreated folder (UIDVALIDITY)', { uidValidity: 8n }],
  ])('is true for %s', (_what, change) => {
    expect(statusChanged(known, { ...same, ...change })).toBe(true);
  });

  it('does not count what a server without CONDSTORE leaves out', () => {
    const plain = { path: 'Work', uidValidity: 7n, uidNext: 10, messages: 9 };
    expect(statusChanged({ ...known, highestmodseq: null }, plain)).toBe(false);
  });

  it('is true for a folder never synced to the end', () => {
    expect(statusChanged({ ...known, uidnext: null }, same)).toBe(true);
  });
});

describe('statusProvesUnchanged (a folder skipped by a pass)', () => {
  it('is true when every value matches the last pass and the rows in the store', () => {
    expect(statusProvesUnchanged(known, 9, same)).toBe(true);
  });

  it.each([
    ['new mail (UIDNEXT)', { uidNext: 11, messages: 10 }],
    ['an expunge (MESSAGES)', { messages: 8 }],
    ['a flag change (HIGHESTMODSEQ)', { highestModseq: 43n }],
    ['a recreated folder (UIDVALIDITY)', { uidValidity: 8n }],
    ['no HIGHESTMODSEQ reported', { highestModseq: undefined }],
    ['no MESSAGES reported', { messages: undefined }],
  ])('is false for %s', (_what, change) => {
    expect(statusProvesUnchanged(known, 9, { ...same, ...change })).toBe(false);
  });

  it('is false when the store has lost or gained rows the server count does not match', () => {
    expect(statusProvesUnchanged(known, 8, same)).toBe(false);
  });

  it('is false without a stored HIGHESTMODSEQ (flag changes would go unseen) or a finished pass', () => {
    expect(statusProvesUnchanged({ ...known, highestmodseq: null }, 9, same)).toBe(false);
    expect(statusProvesUnchanged({ ...known, uidnext: null }, 9, same)).toBe(false);
  });
});
