import type { Contact } from '../../shared/model/draft';
import { rankContacts, type AddressUse } from '../compose/contacts-rank';
import type { AppContext } from './context';

/** How many of the newest messages the To/Cc lists are read from: bounds a search's cost. */
const RECENT_MESSAGES = 20_000;

interface UseRow {
  name: string | null;
  address: string | null;
  at: string | null;
  sent: number;
}

/**
 * Addresses seen in mail received (From, To, Cc of stored messages; To and Cc of mail in Sent
 * folders count as written to) and sent through the outbox, filtered by the query in SQL so only
 * candidates reach the ranking. A LIKE scan over recent mail is fast enough for autocomplete at
 * this scale; a maintained contacts table is the next step if it is not.
 */
export function searchContacts(ctx: AppContext, query: string, limit: number): Contact[] {
  const like = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = ctx.store.db.all<UseRow>(
    `WITH recent AS (
       SELECT m.id, m.from_name, m.from_address, m.date, m.to_json, m.cc_json,
              (b.special_use = 'sent') AS sent
       FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
       ORDER BY m.date DESC LIMIT :recent
     )
     SELECT from_name AS name, from_address AS address, date AS at, 0 AS sent FROM recent
       WHERE from_address LIKE :like ESCAPE '\\' OR from_name LIKE :like ESCAPE '\\'
     UNION ALL
     SELECT j.value ->> 'name', j.value ->> 'address', r.date, r.sent
       FROM recent r, json_each(r.to_json) j
       WHERE j.value ->> 'address' LIKE :like ESCAPE '\\' OR j.value ->> 'name' LIKE :like ESCAPE '\\'
     UNION ALL
     SELECT j.value ->> 'name', j.value ->> 'address', r.date, r.sent
       FROM recent r, json_each(r.cc_json) j
       WHERE j.value ->> 'address' LIKE :like ESCAPE '\\' OR j.value ->> 'name' LIKE :like ESCAPE '\\'
     UNION ALL
     SELECT j.value ->> 'name', j.value ->> 'address', o.created_at, 1
       FROM outbox o, json_each(o.draft_json, '$.to') j
       WHERE j.value ->> 'address' LIKE :like ESCAPE '\\' OR j.value ->> 'name' LIKE :like ESCAPE '\\'
     UNION ALL
     SELECT j.value ->> 'name', j.value ->> 'address', o.created_at, 1
       FROM outbox o, json_each(o.draft_json, '$.cc') j
       WHERE j.value ->> 'address' LIKE :like ESCAPE '\\' OR j.value ->> 'name' LIKE :like ESCAPE '\\'`,
    { like, recent: RECENT_MESSAGES },
  );
  const uses: AddressUse[] = rows
    .filter((row): row is UseRow & { address: string } => typeof row.address === 'string')
    .map((row) => ({ name: row.name ?? '', address: row.address, at: row.at, sent: row.sent === 1 }));
  return rankContacts(uses, query, limit, new Date());
}
