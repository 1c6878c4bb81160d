import { sha256Hex, type BlobStore } from './blobs/blob-store';
import type { ReadableDb, WritableDb } from './driver';

/**
 * Raw RFC 822 bytes by content address (sha256 hex), kept in the `raw_messages` table (migration
 * 0005). `add` runs inside the caller's transaction, next to the row that points at the bytes:
 * both commit or neither does. Messages stored by older versions live as files in the blob store
 * and are read from there when the table does not have them.
 */
export interface RawMessageStore {
  /** Adds the bytes in the open transaction `tx` (nothing when already there); returns their hash. */
  add(tx: WritableDb, bytes: Uint8Array, hash?: string): string;
  get(hash: string): Promise<Buffer | null>;
}

const HASH = /^[0-9a-f]{64}$/;

/** Parameters: hash, size, bytes. */
const RAW_MESSAGE_INSERT =
  'INSERT INTO raw_messages (hash, size, bytes) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING';

/** Adds the bytes under `hash` in the open transaction `tx` (nothing when already there). */
export function addRawMessage(tx: WritableDb, bytes: Uint8Array, hash: string): void {
  // A view, not a copy: better-sqlite3 copies the bytes into SQLite itself.
  const blob = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  tx.run(RAW_MESSAGE_INSERT, [hash, bytes.byteLength, blob]);
}

export function createRawMessageStore(db: ReadableDb, legacy: Pick<BlobStore, 'get'> | null): RawMessageStore {
  return {
    add(tx, bytes, hash = sha256Hex(bytes)) {
      addRawMessage(tx, bytes, hash);
      return hash;
    },

    async get(hash) {
      // Anything but a sha256 digest is nobody's address (and must not name a file below).
      if (!HASH.test(hash)) return null;
      const row = db.get<{ bytes: Buffer }>('SELECT bytes FROM raw_messages WHERE hash = ?', [hash]);
      if (row) return row.bytes;
      return legacy ? legacy.get(hash) : null;
    },
  };
}
