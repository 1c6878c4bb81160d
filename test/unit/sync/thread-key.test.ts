import { describe, expect, it } from 'vitest';
import { threadKey } from '../../../main/sync/thread-key';
import { toUidSet, newestFirstBatches } from '../../../main/sync/uid-set';

const base = { serverThreadId: null, messageId: null, inReplyTo: null, references: [] as string[] };

describe('thread keys', () => {
  it("uses the server's thread id first", () => {
    expect(threadKey({ ...base, serverThreadId: '123', messageId: '<a@x>' })).toBe('srv:123');
  });

  it('uses the root of References, then In-Reply-To, then the Message-ID, normalized', () => {
    expect(threadKey({ ...base, references: ['<Root@X>', '<b@x>'], inReplyTo: '<b@x>', messageId: '<c@x>' })).toBe(
      'mid:root@x',
    );
    expect(threadKey({ ...base, inReplyTo: '<B@x>', messageId: '<c@x>' })).toBe('mid:b@x');
    expect(threadKey({ ...base, messageId: '<C@x>' })).toBe('mid:c@x');
    expect(threadKey(base)).toBeNull();
  });

  it('puts a reply and its original in one thread', () => {
    const original = threadKey({ ...base, messageId: '<a@x>' });
    const reply = threadKey({ ...base, messageId: '<b@x>', inReplyTo: '<a@x>', references: ['<a@x>'] });
    expect(reply).toBe(original);
  });
});

describe('uid sets', () => {
  it('compresses runs and batches newest first', () => {
    expect(toUidSet([9, 1, 2, 3, 7, 10])).toBe('1:3,7,9:10');
    expect(toUidSet([])).toBe('');
    expect(newestFirstBatches([1, 2, 3, 4, 5], 2)).toEqual([[5, 4], [3, 2], [1]]);
  });
});

describe('stored message-id form', () => {
  it('brackets ids from the MIME parser, which drops them', async () => {
    const { bracketed } = await import('../../../main/sync/thread-key');
    expect(bracketed('a@x')).toBe('<a@x>');
    expect(bracketed('<a@x>')).toBe('<a@x>');
    expect(bracketed(' ')).toBeNull();
    expect(bracketed(null)).toBeNull();
  });
});
