import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBlobStore, sha256Hex } from '../../../main/store/blobs/blob-store';
import { openStore } from '../../../main/store/open-store';
import { createRawMessageStore } from '../../../main/store/raw-messages';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const message = (text: string) => Buffer.from(`Subject: ${text}\r\n\r\n${text}\r\n`);

function opened() {
  const dir = tempDir();
  const store = openStore(dir);
  const files = createBlobStore(join(dir, 'blobs'));
  return { store, files, raw: createRawMessageStore(store.db, files) };
}

describe('raw message store (raw_messages table)', () => {
  it('stores the exact bytes by sha256 inside the caller’s transaction and reads them back', async () => {
    const { store, raw } = opened();
    const bytes = message('one');
    const hash = store.db.transaction((tx) => raw.add(tx, bytes));
    expect(hash).toBe(sha256Hex(bytes));
    expect((await raw.get(hash))?.equals(bytes)).toBe(true);
    expect(store.db.get('SELECT size FROM raw_messages WHERE hash = ?', [hash])).toEqual({ size: bytes.length });
    store.close();
  });

  it('is atomic with the rows written beside it: a transaction that fails keeps neither', async () => {
    const { store, raw } = opened();
    const bytes = message('rolled back');
    expect(() =>
      store.db.transaction((tx) => {
        raw.add(tx, bytes);
        tx.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('m', 'a', 'INBOX', 'Inbox')");
        throw new Error('the row that points at the bytes could not be written');
      }),
    ).toThrow(/could not be written/);
    expect(await raw.get(sha256Hex(bytes))).toBeNull();
    expect(store.db.get('SELECT count(*) AS n FROM raw_messages')).toEqual({ n: 0 });
    store.close();
  });

  it('stores identical bytes once, and takes a hash computed beforehand', async () => {
    const { store, raw } = opened();
    const bytes = message('twice');
    const hash = sha256Hex(bytes);
    store.db.transaction((tx) => {
      expect(raw.add(tx, bytes, hash)).toBe(hash);
      expect(raw.add(tx, Buffer.from(bytes))).toBe(hash);
    });
    expect(store.db.get('SELECT count(*) AS n FROM raw_messages')).toEqual({ n: 1 });
    store.close();
  });

  it('stores a view without its neighbours (a slice of a larger buffer)', async () => {
    const { store, raw } = opened();
    const backing = Buffer.concat([Buffer.from('xxxx'), message('view'), Buffer.from('yyyy')]);
    const view = backing.subarray(4, backing.length - 4);
    const hash = store.db.transaction((tx) => raw.add(tx, view));
    expect((await raw.get(hash))?.equals(message('view'))).toBe(true);
    store.close();
  });

  it('falls back to the content-addressed files older versions wrote', async () => {
    const { store, files, raw } = opened();
    const old = message('written by an older version');
    const hash = await files.put(old);
    expect((await raw.get(hash))?.equals(old)).toBe(true);
    expect(await raw.get('0'.repeat(64))).toBeNull();
    store.close();
  });

  it('answers null for anything that is not a sha256 digest (never a path)', async () => {
    const { store, raw } = opened();
    expect(await raw.get('../../etc/passwd')).toBeNull();
    expect(await raw.get('')).toBeNull();
    store.close();
  });
});
