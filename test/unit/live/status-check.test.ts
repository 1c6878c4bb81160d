import { describe, expect, it } from 'vitest';
import { statusChanged, type KnownFolderStatus } from '../../../main/sync/live/status-check';

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
