import { parseEnvelope } from '../../mail/mime/envelope';
import { sha256Hex } from '../../store/blobs/blob-store';
import type { WritableDb } from '../../store/driver';
import type { RawStore } from '../ports';
import { commitRetrievedBatch, type RetrievedMessage } from './store';

/** A message as RETR returned it, before it is hashed, read for its envelope and committed. */
export type ArrivedMessage = Omit<RetrievedMessage, 'hash' | 'envelope'>;

/**
 * Phase 1's commit: each message's hash and envelope (from its header block), then one
 * transaction for the batch (raw bytes, message row, UIDL row). Returns how many were new.
 */
export function commitArrived(db: WritableDb, raw: RawStore, batch: readonly ArrivedMessage[]): number {
  const prepared = batch.map((message) => ({
    ...message,
    hash: sha256Hex(message.bytes),
    envelope: parseEnvelope(message.bytes),
  }));
  return commitRetrievedBatch(db, raw, prepared);
}
