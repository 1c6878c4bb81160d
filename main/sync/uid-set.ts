/** `[1,2,3,7,9,10]` → `"1:3,7,9:10"`: an IMAP sequence set, compact for long runs. */
export function toUidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let previous = start;
  for (const uid of sorted.slice(1)) {
    if (previous !== undefined && uid === previous + 1) {
      previous = uid;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
    start = uid;
    previous = uid;
  }
  if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
  return parts.join(',');
}

/** Newest (highest UID) first, in slices of `size`. */
export function newestFirstBatches(uids: Iterable<number>, size: number): number[][] {
  const sorted = [...new Set(uids)].sort((a, b) => b - a);
  const batches: number[][] = [];
  for (let i = 0; i < sorted.length; i += size) batches.push(sorted.slice(i, i + size));
  return batches;
}
