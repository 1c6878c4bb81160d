import { sha256Hex } from '../../store/blobs/blob-store';
import type { WritableDb } from '../../store/driver';
import type { RawStore } from '../ports';
import { commitRetrievedBatch, type RetrievedMessage } from './store';

/** A message as RETR returned it, before it is hashed and committed. */
export type ArrivedMessage = Omit<RetrievedMessage, 'hash'>;

/**
 * Phase 1's commit: each message's hash, then one transaction for the batch (raw bytes and UIDL
 * row). Nothing else is read from the bytes here: this runs on the socket's thread, between
 * reads. Returns how many were new.
 */
export function commitArrived(db: WritableDb, raw: RawStore, batch: readonly ArrivedMessage[]): number {
  return commitRetrievedBatch(
    db,
    raw,
    batch.map((message) => ({ ...message, hash: sha256Hex(message.bytes) })),
  );
}
