import { migration0001 } from './0001-mailboxes-and-messages';
import { migration0002 } from './0002-imap-sync-state';
import { migration0003 } from './0003-pop3-state';
import { migration0004 } from './0004-outbox';
import { migration0005 } from './0005-raw-messages';
import { migration0006 } from './0006-drafts';
import { migration0007 } from './0007-search-index';
import { migration0008 } from './0008-pop3-pending';
import { migration0009 } from './0009-message-list';
import { migration0010 } from './0010-smtp-size-limits';
import { migration0011 } from './0011-raw-release';
import { migration0012 } from './0012-thread-insert';
import { migration0013 } from './0013-draft-server-errors';
import { migration0014 } from './0014-search-pending';
import { migration0015 } from './0015-pop3-spool';
import type { Migration } from './types';

/** In order; each version is exactly one more than the last (checked by a unit test). */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
