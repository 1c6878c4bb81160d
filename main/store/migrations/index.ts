import { migration0001 } from './0001-mailboxes-and-messages';
import { migration0002 } from './0002-imap-sync-state';
import { migration0003 } from './0003-pop3-state';
import { migration0004 } from './0004-outbox';
import type { Migration } from './types';

/** In order; each version is exactly one more than the last (checked by a unit test). */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
