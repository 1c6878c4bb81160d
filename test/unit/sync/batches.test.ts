import { describe, expect, it } from 'vitest';
import { batchesBySize } from '../../../main/sync/batches';

describe('batchesBySize', () => {
  const size = (n: number) => n;
  it('closes a batch before it would pass the byte bound, keeping the order', () => {
    expect(batchesBySize([4, 4, 4, 1, 9, 2], size, 10, 10)).toEqual([[4, 4], [4, 1], [9], [2]]);
  });
  it('closes a batch at the count bound', () => {
    expect(batchesBySize([1, 1, 1, 1, 1], size, 2, 100)).toEqual([[1, 1], [1, 1], [1]]);
  });
  it('gives an item larger than the bound a batch of its own, and nothing for no items', () => {
    expect(batchesBySize([50, 1], size, 10, 10)).toEqual([[50], [1]]);
    expect(batchesBySize([], size, 10, 10)).toEqual([]);
  });
});
