import { describe, expect, it } from 'vitest';
import { FastBlob } from '../../../main/mail/mime/fast-blob';

describe('FastBlob (the parser worker’s Blob)', () => {
  it('holds the same bytes as a real Blob for every kind of part', async () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const parts = ['héllo', new Uint8Array([4, 5]).buffer, backing.subarray(2, 5), new DataView(backing.buffer, 0, 1)];
    const real = new Blob(parts, { type: 'Text/Plain' });
    const fast = new FastBlob(parts, { type: 'Text/Plain' });
    expect(new Uint8Array(await fast.arrayBuffer())).toEqual(new Uint8Array(await real.arrayBuffer()));
    expect([fast.size, fast.type]).toEqual([real.size, real.type]);
  });

  it('gives a fresh copy each time, like a real Blob', async () => {
    const chunk = new Uint8Array([1, 2, 3]);
    const fast = new FastBlob([chunk]);
    const first = await fast.arrayBuffer();
    new Uint8Array(first)[0] = 7;
    chunk[1] = 8;
    expect(new Uint8Array(await fast.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(new FastBlob().size).toBe(0);
  });
});
