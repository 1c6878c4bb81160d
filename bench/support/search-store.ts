// A large, varied store for bench/search.ts, written through the store's own SQL so the search
// index triggers run as they do during sync.
import type { WritableDb } from '../../main/store/driver';

const COMMON = (
  'the of and to a in is for that on with this it be at by we from as have please project meeting report ' +
  'review budget team update schedule customer release status next week thanks regards question draft ' +
  'server migration backup database performance issue ticket design launch campaign invoice order contract'
).split(' ');
const SUBJECT_WORDS = (
  'quarterly report meeting schedule review attached draft budget proposal customer feedback release notes ' +
  'deadline update team project status invoice shipping order confirmation agenda minutes follow question ' +
  'travel expense approval contract renewal server migration backup database performance ticket resolved ' +
  'design mockups prototype launch marketing campaign newsletter account planning offsite hiring roadmap'
).split(' ');
const TEMPLATES = [
  'Budget review for Q{n}',
  'Re: budget review follow-up',
  'Weekly status update #{n}',
  'Invoice {n} from ACME',
  'Meeting notes {n}',
  'Re: server migration plan',
  'Your order {n} has shipped',
];
const FIRST = ['Alice', 'Bob', 'Carol', 'David', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory'];
const LAST = ['Smith', 'Müller', 'García', 'Tanaka', 'Ivanova', 'Dubois', 'Rossi', 'Novak', 'Kim', 'Olsen'];
const DOMAINS = ['example.com', 'example.org', 'corp.example.net', 'mail.example.de', 'example.co.jp'];
const FOREIGN = [
  'Le café est prêt, la réunion commence à dix heures précises.',
  'Die Straße vor dem Büro ist wegen einer Baustelle gesperrt, bitte früher losfahren.',
  'Ça dépend du budget prévu pour l’été.',
  '東京での会議は来週の月曜日に変更になりました。資料を確認してください。',
  '日本語のメールを送ります。よろしくお願いします。',
];
const FILES = ['report.pdf', 'budget-2025.xlsx', 'photo.jpg', 'minutes.docx', 'Präsentation.pptx', 'invoice.pdf'];
const SYLLABLES = 'ka lo mi ne ru ta vo shi pe da gri fen tor bal mun zek sol var pil cor'.split(' ');

export interface BuiltStore {
  ms: number;
  bodyBytes: number;
  nonAscii: number;
}

/** Zipf's law (s = 1): word k is about 1/k as frequent as the most common one. */
function vocabulary(random: () => number): () => string {
  const words = [...COMMON];
  while (words.length < 6000) {
    const length = 2 + Math.floor(random() * 3);
    words.push(Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }
  return () => words[Math.floor(Math.pow(words.length, random())) - 1] ?? 'the';
}

export function buildSearchStore(db: WritableDb, count: number, random: () => number): BuiltStore {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const word = vocabulary(random);
  db.run(
    `INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('inbox', 'acc-1', 'INBOX', 'Inbox', 'inbox')`,
  );
  db.run(
    `INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('sent', 'acc-1', 'Sent', 'Sent', 'sent')`,
  );
  db.run(
    `INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('archive', 'acc-1', 'Archive', 'Archive', 'archive')`,
  );
  const rare = new Set(Array.from({ length: 8 }, () => Math.floor(random() * count)));
  const oldest = Date.UTC(2023, 5, 1);
  const span = Date.UTC(2025, 5, 1) - oldest;
  let bodyBytes = 0;
  let nonAscii = 0;
  const started = performance.now();
  for (let start = 0; start < count; start += 1000) {
    db.transaction((tx) => {
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const first = pick(FIRST);
        const last = pick(LAST);
        const subject =
          random() < 0.3
            ? pick(TEMPLATES).replace('{n}', String(1 + Math.floor(random() * 500)))
            : Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(SUBJECT_WORDS)).join(' ');
        const target = 1000 + Math.floor(random() * 2000);
        const lines: string[] = [];
        let size = 0;
        while (size < target) {
          const line = Array.from({ length: 8 + Math.floor(random() * 8) }, word).join(' ');
          lines.push(line);
          size += line.length + 1;
        }
        if (random() < 0.07) {
          lines.splice(Math.floor(random() * lines.length), 0, pick(FOREIGN));
          nonAscii++;
        }
        if (rare.has(i)) lines.push('The zeppelin arrives on Tuesday.');
        const body = lines.join('\n');
        bodyBytes += body.length;
        const files = random() < 0.15 ? [pick(FILES)] : [];
        const mailbox = random() < 0.8 ? 'inbox' : random() < 0.5 ? 'sent' : 'archive';
        tx.run(
          `INSERT INTO messages (id, account_id, mailbox_id, uid, subject, from_name, from_address, to_json, cc_json,
              date, unread, flagged, size, body_state, body_text, snippet, attachments, has_attachments)
           VALUES (:id, 'acc-1', :mailbox, :uid, :subject, :fromName, :fromAddress, :to, '[]', :date, :unread, :flagged,
              :size, 'stored', :body, :snippet, :files, :hasFiles)`,
          {
            id: `m${String(i).padStart(7, '0')}`,
            mailbox,
            uid: i + 1,
            subject,
            fromName: `${first} ${last}`,
            fromAddress: `${first.toLowerCase()}.${last.toLowerCase()}@${pick(DOMAINS)}`,
            to: JSON.stringify([{ name: 'Ada Lovelace', address: 'ada@example.com' }]),
            date: new Date(oldest + Math.floor((i / count) * span)).toISOString(),
            unread: random() < 0.3 ? 1 : 0,
            flagged: random() < 0.05 ? 1 : 0,
            size: body.length + 2000,
            body,
            snippet: body.slice(0, 200),
            files: JSON.stringify(files.map((filename, k) => ({ partId: String(k + 1), filename }))),
            hasFiles: files.length > 0 ? 1 : 0,
          },
        );
      }
    });
  }
  return { ms: performance.now() - started, bodyBytes, nonAscii };
}
