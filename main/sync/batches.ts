/**
 * Splits `items` (in order) into runs of at most `maxCount` items and about `maxBytes` bytes: a
 * run closes once adding the next item would pass `maxBytes`, and an item larger than that on its
 * own gets a run of its own. Bounds what one FETCH (or one transaction) holds in memory.
 */
export function batchesBySize<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxCount: number,
  maxBytes: number,
): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Math.max(0, sizeOf(item));
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
