// The message list at 100,000 messages: `npx tsx bench/list.ts [messages]`.
// messages:list's first page, a deep page by offset (where a scrollbar drag or End lands) and by
// cursor, for each sort with conversations off and on, and the unified inbox; against a baseline
// measured in the same run: counting the folder's rows through its index (what any list of this
// folder must at least afford once).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMessages } from '../main/services/messages';
import { openSqlite } from '../main/store/driver';
import { migrate } from '../main/store/migrate';
import { MIGRATIONS } from '../main/store/migrations';
import type { ChannelParsedInput } from '../shared/ipc/contract';
import type { MessageSort } from '../shared/model/message-list';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 15;
const PAGE = 100;
// A frame at 60 Hz for the first page; a deep jump may take a few frames.
const FIRST_PAGE_MS = 16;
const DEEP_PAGE_MS = 50;

const dir = mkdtempSync(join(tmpdir(), 'letterbox-bench-list-'));
const db = openSqlite(join(dir, 'list.sqlite'));
migrate(db, MIGRATIONS);

const senders = ['Grace Hopper', 'Alan Turing', 'Ada Lovelace', 'Edsger Dijkstra', 'Barbara Liskov', '', 'Ken'];
let started = performance.now();
db.transaction((tx) => {
  tx.run(
    "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in', 'a', 'INBOX', 'Inbox', 'inbox')",
  );
  tx.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('other', 'a', 'Lists', 'Lists')");
  for (let i = 0; i < COUNT; i += 1) {
    const sender = senders[i % senders.length] ?? '';
    tx.run(
      `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, snippet, unread, thread_id)
       VALUES (?, 'a', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        `m${i}`,
        i % 10 === 9 ? 'other' : 'in',
        `Subject ${(i * 7919) % COUNT}`,
        sender,
        `${sender.split(' ')[0]?.toLowerCase() || 'x'}@example.org`,
        new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
        `Snippet ${i}`,
        i % 2,
        i % 3 === 0 ? null : `t${Math.floor(i / 4)}`,
      ],
    );
  }
});
const seedMs = performance.now() - started;
const inbox = db.get<{ n: number }>("SELECT count(*) AS n FROM messages WHERE mailbox_id = 'in'")?.n ?? 0;
console.log(
  `${COUNT} messages (${inbox} in the listed folder) stored in ${(seedMs / 1000).toFixed(1)} s ` +
    `(${Math.round(COUNT / (seedMs / 1000))} rows/s with conversation triggers)`,
);

function median(fn: () => unknown): number {
  fn(); // warm the statement cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const baseline = median(() => db.get("SELECT count(*) AS n FROM messages WHERE mailbox_id = 'in'"));
const rawPage = median(() =>
  db.all(`SELECT * FROM messages WHERE mailbox_id = 'in' ORDER BY date DESC, id DESC LIMIT ${PAGE}`),
);
console.log(
  `baseline: count(*) over the folder's index ${baseline.toFixed(2)} ms; raw first page ${rawPage.toFixed(2)} ms`,
);

const input = (
  sort: MessageSort,
  conversations: boolean,
  extra: Partial<ChannelParsedInput<'messages:list'>> = {},
): ChannelParsedInput<'messages:list'> => ({
  source: { kind: 'mailbox', mailboxId: 'in' },
  limit: PAGE,
  cursor: null,
  sort,
  conversations,
  offset: null,
  ...extra,
});

let misses = 0;
function row(label: string, ms: number, target: number): void {
  const ok = ms <= target;
  if (!ok) misses += 1;
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(2).padStart(7)} ms  ${(ms / baseline).toFixed(2).padStart(6)}× baseline  ` +
      `(target ≤ ${target} ms) ${ok ? 'PASS' : 'MISS'}`,
  );
}

for (const conversations of [false, true]) {
  for (const sort of ['date', 'sender', 'subject'] as const) {
    const name = `${sort}${conversations ? ', conversations' : ''}`;
    const total = listMessages(db, input(sort, conversations), []).total ?? 0;
    const deep = Math.max(0, total - PAGE);
    row(
      `${name}: first page`,
      median(() => listMessages(db, input(sort, conversations), [])),
      FIRST_PAGE_MS,
    );
    row(
      `${name}: page at row ${deep}`,
      median(() => listMessages(db, input(sort, conversations, { offset: deep }), [])),
      DEEP_PAGE_MS,
    );
    const cursor = listMessages(db, input(sort, conversations, { offset: deep - PAGE }), []).nextCursor;
    row(
      `${name}: next page by cursor there`,
      median(() => listMessages(db, input(sort, conversations, { cursor }), [])),
      FIRST_PAGE_MS,
    );
  }
}
const unified = input('date', false, { source: { kind: 'unified', specialUse: 'inbox' } });
row(
  'unified inbox: first page',
  median(() => listMessages(db, unified, ['a'])),
  FIRST_PAGE_MS,
);

db.close();
rmSync(dir, { recursive: true, force: true });
console.log(misses === 0 ? 'all targets met' : `${misses} target(s) missed`);
