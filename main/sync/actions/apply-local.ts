import type { ReadableDb, WritableDb } from '../../store/driver';
import { flagColumns } from '../message-rows';
import { applyFlagChange, groupBy } from './plan';
import { enqueueAction } from './queue';

/** A message row with what an action needs to know about it and its folder. */
export interface ActionRow {
  id: string;
  accountId: string;
  mailboxId: string;
  uid: number | null;
  flags: string[];
  uidvalidity: number | null;
  specialUse: string | null;
}

export interface LocalOutcome {
  changed: number;
  queued: number;
  /** Folders whose lists changed: `mailbox:changed` for each. */
  touched: { accountId: string; mailboxId: string }[];
}

export function loadRows(db: ReadableDb, ids: readonly string[]): ActionRow[] {
  const rows = db.all<{
    id: string;
    account_id: string;
    mailbox_id: string;
    uid: number | null;
    flags: string;
    uidvalidity: number | null;
    special_use: string | null;
  }>(
    `SELECT msg.id, msg.account_id, msg.mailbox_id, msg.uid, msg.flags, mbx.uidvalidity, mbx.special_use
       FROM messages msg JOIN mailboxes mbx ON mbx.id = msg.mailbox_id
      WHERE msg.id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(ids)],
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    mailboxId: r.mailbox_id,
    uid: r.uid,
    flags: JSON.parse(r.flags) as string[],
    uidvalidity: r.uidvalidity,
    specialUse: r.special_use,
  }));
}

/**
 * Rows the server knows (a UID under a known UIDVALIDITY) get a queued action; a provisional row
 * (moved, no UID yet) changes only locally.
 */
function onServer(rows: readonly ActionRow[]): { uidvalidity: number; uids: number[] } | null {
  const known = rows.filter((r) => r.uid !== null && r.uidvalidity !== null);
  const first = known[0];
  if (!first || first.uidvalidity === null) return null;
  return { uidvalidity: first.uidvalidity, uids: known.map((r) => r.uid as number) };
}

function touchedOf(rows: readonly ActionRow[]): LocalOutcome['touched'] {
  return [...groupBy(rows, (r) => r.mailboxId).values()].map((g) => ({
    accountId: g[0]?.accountId ?? '',
    mailboxId: g[0]?.mailboxId ?? '',
  }));
}

export function setFlagsLocally(
  db: WritableDb,
  rows: readonly ActionRow[],
  add: string[],
  remove: string[],
): LocalOutcome {
  return db.transaction((tx) => {
    let changed = 0;
    let queued = 0;
    const changedRows: ActionRow[] = [];
    for (const row of rows) {
      const next = applyFlagChange(row.flags, add, remove);
      if (JSON.stringify(next) === JSON.stringify([...row.flags].sort())) continue;
      const { unread, flagged } = flagColumns(next);
      tx.run('UPDATE messages SET flags = ?, unread = ?, flagged = ? WHERE id = ?', [
        JSON.stringify(next),
        unread,
        flagged,
        row.id,
      ]);
      changed += 1;
      changedRows.push(row);
    }
    // Queued even for rows that already looked right locally: the server may differ.
    for (const group of groupBy(rows, (r) => r.mailboxId).values()) {
      const target = onServer(group);
      if (!target || !group[0]) continue;
      const base = { accountId: group[0].accountId, mailboxId: group[0].mailboxId, ...target };
      if (add.length > 0) enqueueAction(tx, { ...base, kind: 'add_flags', payload: { flags: add } });
      if (remove.length > 0) enqueueAction(tx, { ...base, kind: 'remove_flags', payload: { flags: remove } });
      queued += (add.length > 0 ? 1 : 0) + (remove.length > 0 ? 1 : 0);
    }
    return { changed, queued, touched: touchedOf(changedRows) };
  });
}

/**
 * Re-homes rows to the destination at once. They lose UID and MODSEQ (those belong to the source
 * folder) until the replay learns the new UIDs from COPYUID; sync ignores rows without a UID.
 */
export function moveLocally(db: WritableDb, rows: readonly ActionRow[], toMailboxId: string): LocalOutcome {
  const moving = rows.filter((r) => r.mailboxId !== toMailboxId);
  return db.transaction((tx) => {
    let queued = 0;
    for (const group of groupBy(moving, (r) => r.mailboxId).values()) {
      const target = onServer(group);
      if (!target || !group[0]) continue;
      const rowsOnServer = group
        .filter((r) => r.uid !== null)
        .map((r) => ({ id: r.id, uid: r.uid as number, flags: r.flags }));
      enqueueAction(tx, {
        accountId: group[0].accountId,
        mailboxId: group[0].mailboxId,
        ...target,
        kind: 'move',
        payload: { toMailboxId, rows: rowsOnServer },
      });
      queued += 1;
    }
    for (const row of moving) {
      tx.run('UPDATE messages SET mailbox_id = ?, uid = NULL, modseq = NULL WHERE id = ?', [toMailboxId, row.id]);
    }
    const touched = touchedOf(moving);
    const first = moving[0];
    if (first) touched.push({ accountId: first.accountId, mailboxId: toMailboxId });
    return { changed: moving.length, queued, touched };
  });
}

export function expungeLocally(db: WritableDb, rows: readonly ActionRow[]): LocalOutcome {
  return db.transaction((tx) => {
    let queued = 0;
    for (const group of groupBy(rows, (r) => r.mailboxId).values()) {
      const target = onServer(group);
      if (!target || !group[0]) continue;
      enqueueAction(tx, {
        accountId: group[0].accountId,
        mailboxId: group[0].mailboxId,
        ...target,
        kind: 'expunge',
        payload: {},
      });
      queued += 1;
    }
    for (const row of rows) tx.run('DELETE FROM messages WHERE id = ?', [row.id]);
    return { changed: rows.length, queued, touched: touchedOf(rows) };
  });
}
