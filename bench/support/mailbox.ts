// Deterministic, realistic mailbox for benchmarks: the same seed gives the same bytes, flags and
// dates on every run. Threads (Message-ID / In-Reply-To / References), plain, multipart/alternative,
// HTML-only and messages with attachments (a few KB to a few hundred KB), RFC 2047 subjects in
// UTF-8, ISO-8859-1, windows-1252, ISO-2022-JP and KOI8-R, and bodies in the same charsets.
import { chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHARSET_SAMPLES } from './charset-samples';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedMessage {
  raw: Buffer;
  /** Seconds since the epoch: the Date header, and the file's mtime (Dovecot's INTERNALDATE). */
  date: number;
  /** Maildir info flags, sorted: S(een), F(lagged), R(eplied). */
  flags: string;
  kind: MessageKind;
}

export type MessageKind = 'plain' | 'alternative' | 'html' | 'attachments';

export interface MailboxStats {
  messages: number;
  bytes: number;
  threadsStarted: number;
  replies: number;
  kinds: Record<MessageKind, number>;
  encodedSubjects: number;
}

const WORDS = (
  'the quarterly report meeting schedule please review attached draft budget proposal customer feedback ' +
  'release notes deadline update team project status invoice shipping order confirmation agenda minutes ' +
  'follow up regarding question answer thanks regards tomorrow friday next week office travel expense ' +
  'approval contract renewal server migration backup database performance issue ticket resolved pending ' +
  'design review mockups prototype launch marketing campaign newsletter subscription account password'
).split(' ');
const FIRST = ['Alice', 'Bob', 'Carol', 'David', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory'];
const LAST = ['Smith', 'Müller', 'García', 'Tanaka', 'Ivanova', 'Dubois', 'Rossi', 'Novak', 'Kim', 'Olsen'];
const DOMAINS = ['example.com', 'example.org', 'corp.example.net', 'mail.example.de', 'example.co.jp'];
const ATTACHMENTS = [
  { type: 'application/pdf', ext: 'pdf', text: false },
  { type: 'image/jpeg', ext: 'jpg', text: false },
  { type: 'image/png', ext: 'png', text: false },
  { type: 'application/zip', ext: 'zip', text: false },
  { type: 'text/csv', ext: 'csv', text: true },
  { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', text: false },
] as const;
/** 2025-06-01T00:00:00Z: the newest message is at most this old; the oldest about a year before. */
const NEWEST = Date.UTC(2025, 5, 1) / 1000;

interface ThreadNode {
  messageId: string;
  references: string[];
  subjectHeader: string;
  depth: number;
}

/** Generates `count` messages, oldest first, from `seed`. */
export function* generateMailbox(count: number, seed = 20_251_130): Generator<GeneratedMessage> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const logUniform = (lo: number, hi: number): number => Math.round(lo * Math.pow(hi / lo, random()));
  const people = Array.from({ length: 60 }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    return { name: `${first} ${last}`, address: `${first.toLowerCase()}.${i}@${pick(DOMAINS)}` };
  });
  const recent: ThreadNode[] = [];
  // About a year of mail, evenly spread with jitter, ending at NEWEST.
  const span = 365 * 86_400;
  let date = NEWEST - span;

  for (let n = 1; n <= count; n++) {
    date += Math.max(1, Math.round((span / count) * (0.2 + 1.6 * random())));
    const from = pick(people);
    const to = pick(people);
    const messageId = `<${n}.${seed.toString(36)}.${Math.floor(random() * 1e9).toString(36)}@${from.address.split('@')[1]}>`;
    const parent = recent.length > 0 && random() < 0.45 ? pick(recent.slice(-300)) : null;
    let subjectHeader: string;
    if (parent) {
      subjectHeader = parent.subjectHeader.startsWith('Re: ') ? parent.subjectHeader : `Re: ${parent.subjectHeader}`;
    } else {
      subjectHeader = subjectFor(random, pick, between);
    }
    const references = parent ? [...parent.references, parent.messageId].slice(-12) : [];
    const node: ThreadNode = { messageId, references, subjectHeader, depth: (parent?.depth ?? -1) + 1 };
    recent.push(node);
    if (recent.length > 600) recent.shift();

    const charset = random() < 0.75 ? null : pick(Object.keys(CHARSET_SAMPLES));
    const textBody = paragraphs(random, pick, logUniform(250, 6000), charset, parent ? 3 : 0);
    const roll = random();
    const kind: MessageKind =
      roll < 0.45 ? 'plain' : roll < 0.75 ? 'alternative' : roll < 0.87 ? 'html' : 'attachments';
    const headers = [
      `Return-Path: <${from.address}>`,
      `Received: from mx${between(1, 9)}.example.net (mx.example.net [192.0.2.${between(1, 254)}])\n\tby mail.example.test with ESMTPS id ${n.toString(36)}${between(1e5, 9e5)}\n\tfor <alice@example.test>; ${rfcDate(date)}`,
      `Date: ${rfcDate(date - between(5, 300))}`,
      `From: ${/[^\x20-\x7e]/.test(from.name) ? `=?UTF-8?Q?${qEncode(from.name)}?=` : `"${from.name}"`} <${from.address}>`,
      `To: "${to.name.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}" <${to.address}>`,
      `Subject: ${subjectHeader}`,
      `Message-ID: ${messageId}`,
      ...(parent ? [`In-Reply-To: ${parent.messageId}`, `References: ${foldIds(references)}`] : []),
      'MIME-Version: 1.0',
      `X-Mailer: BenchMailer ${between(1, 9)}.${between(0, 20)}`,
    ];
    const boundary = `=_b${n}_${Math.floor(random() * 1e12).toString(36)}`;
    let body: string;
    if (kind === 'plain') {
      body = [...textPartHeaders(textBody), '', textBody.encoded].join('\n');
    } else if (kind === 'html') {
      body = [...htmlPartHeaders(), '', html(random, pick, logUniform(3000, 60_000))].join('\n');
    } else if (kind === 'alternative') {
      body = alternative(boundary, textBody, html(random, pick, logUniform(2000, 30_000)));
    } else {
      const parts = [
        random() < 0.5
          ? alternative(`${boundary}_alt`, textBody, html(random, pick, logUniform(2000, 15_000)))
          : [...textPartHeaders(textBody), '', textBody.encoded].join('\n'),
      ];
      const files = random() < 0.75 ? 1 : between(2, 3);
      for (let f = 0; f < files; f++) parts.push(attachment(random, pick, logUniform(3000, 350_000), n, f));
      body = [
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        'This is a multi-part message in MIME format.',
        ...parts.flatMap((part) => [`--${boundary}`, part]),
        `--${boundary}--`,
        '',
      ].join('\n');
    }
    const seen = random() < (n > count - 200 ? 0.3 : 0.85);
    const flags = `${random() < 0.05 ? 'F' : ''}${random() < 0.1 ? 'R' : ''}${seen ? 'S' : ''}`;
    yield { raw: Buffer.from(`${headers.join('\n')}\n${body}`, 'latin1'), date, flags, kind };
  }
}

/** Writes the mailbox into `maildir` (cur/, one file per message) owned by uid:gid. */
export async function writeMaildir(
  maildir: string,
  count: number,
  owner: { uid: number; gid: number },
  seed?: number,
): Promise<MailboxStats> {
  for (const sub of ['', 'cur', 'new', 'tmp']) {
    await mkdir(join(maildir, sub), { recursive: true });
    await chown(join(maildir, sub), owner.uid, owner.gid);
  }
  const stats: MailboxStats = {
    messages: 0,
    bytes: 0,
    threadsStarted: 0,
    replies: 0,
    kinds: { plain: 0, alternative: 0, html: 0, attachments: 0 },
    encodedSubjects: 0,
  };
  const writes: Promise<void>[] = [];
  let n = 0;
  for (const message of generateMailbox(count, seed)) {
    n += 1;
    stats.messages += 1;
    stats.bytes += message.raw.length;
    stats.kinds[message.kind] += 1;
    const head = message.raw.subarray(0, 4096).toString('latin1');
    if (/\nIn-Reply-To: /.test(head)) stats.replies += 1;
    else stats.threadsStarted += 1;
    if (/\nSubject: [^\n]*=\?/.test(head)) stats.encodedSubjects += 1;
    const file = join(maildir, 'cur', `${message.date}.M${n}P1.bench:2,${message.flags}`);
    writes.push(
      writeFile(file, message.raw)
        .then(() => chown(file, owner.uid, owner.gid))
        .then(() => utimes(file, message.date, message.date)),
    );
    if (writes.length >= 100) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return stats;
}

function subjectFor(
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
  between: (a: number, b: number) => number,
) {
  if (random() < 0.7) {
    const words = Array.from({ length: between(2, 8) }, () => pick(WORDS));
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  const charset = pick(Object.keys(CHARSET_SAMPLES));
  const sample = pick(CHARSET_SAMPLES[charset]?.subjects ?? []);
  // Sometimes a plain-ASCII prefix before the encoded word, as many mailers write.
  return `${random() < 0.3 ? `[${pick(WORDS)}] ` : ''}=?${charset}?B?${sample}?=`;
}

interface TextBody {
  /** Body as it goes on the wire (base64 for non-ASCII charsets). */
  encoded: string;
  charset: string;
  transfer: '7bit' | 'base64';
}

function paragraphs(
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
  bytes: number,
  charset: string | null,
  quoteLines: number,
): TextBody {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = Array.from({ length: 6 + Math.floor(random() * 8) }, () => pick(WORDS)).join(' ');
    lines.push(random() < 0.12 ? '' : line);
    size += line.length + 1;
  }
  for (let q = 0; q < quoteLines; q++) lines.push(`> ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`);
  lines.push('', '-- ', 'Sent from the benchmark generator');
  const ascii = `${lines.join('\n')}\n`;
  const sample = charset ? CHARSET_SAMPLES[charset] : undefined;
  if (!charset || !sample) return { encoded: ascii, charset: 'us-ascii', transfer: '7bit' };
  const bytesOut = Buffer.concat([Buffer.from(sample.body, 'base64'), Buffer.from(`\n${ascii}`)]);
  return { encoded: wrap(bytesOut.toString('base64')), charset, transfer: 'base64' };
}

function textPartHeaders(body: TextBody): string[] {
  return [
    `Content-Type: text/plain; charset="${body.charset}"; format=flowed`,
    `Content-Transfer-Encoding: ${body.transfer}`,
  ];
}

function htmlPartHeaders(): string[] {
  return ['Content-Type: text/html; charset="utf-8"', 'Content-Transfer-Encoding: 7bit'];
}

function alternative(boundary: string, text: TextBody, htmlBody: string): string {
  return [
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...textPartHeaders(text),
    '',
    text.encoded,
    `--${boundary}`,
    ...htmlPartHeaders(),
    '',
    htmlBody,
    `--${boundary}--`,
    '',
  ].join('\n');
}

function html(random: () => number, pick: <T>(list: readonly T[]) => T, bytes: number): string {
  const out = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>',
    'body{font-family:Arial,sans-serif;color:#333}td{padding:4px 8px}.btn{background:#06c;color:#fff}',
    '</style></head><body><table width="100%" cellpadding="0" cellspacing="0">',
  ];
  let size = 0;
  while (size < bytes) {
    const text = Array.from({ length: 10 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' ');
    const line =
      random() < 0.2
        ? `<tr><td><a href="https://www.example.com/${pick(WORDS)}?utm_source=news&amp;id=${Math.floor(random() * 1e6)}" class="btn">${pick(WORDS)}</a></td><td>${text}</td></tr>`
        : `<tr><td colspan="2"><p style="margin:0 0 12px 0;line-height:1.4">${text}</p></td></tr>`;
    out.push(line);
    size += line.length + 1;
  }
  out.push('</table></body></html>');
  return out.join('\n');
}

function attachment(
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
  bytes: number,
  n: number,
  index: number,
): string {
  const kind = pick(ATTACHMENTS);
  let content: Buffer;
  if (kind.text) {
    const rows: string[] = ['id,name,amount,date'];
    let size = 0;
    while (size < bytes) {
      const row = `${rows.length},${pick(WORDS)} ${pick(WORDS)},${(random() * 1000).toFixed(2)},2025-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
      rows.push(row);
      size += row.length + 1;
    }
    content = Buffer.from(rows.join('\r\n'));
  } else {
    // A random slice of a seeded noise pool: incompressible like real PDFs/JPEGs, and cheap.
    const pool = noisePool();
    const offset = Math.floor(random() * (pool.length - bytes));
    content = pool.subarray(offset, offset + bytes);
  }
  const name = `${pick(WORDS)}-${n}-${index + 1}.${kind.ext}`;
  return [
    `Content-Type: ${kind.type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    wrap(content.toString('base64')),
  ].join('\n');
}

let noise: Buffer | null = null;
function noisePool(): Buffer {
  if (noise) return noise;
  const random = seededRandom(0x5eed);
  noise = Buffer.allocUnsafe(1 << 20);
  for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE(Math.floor(random() * 4294967296), i);
  return noise;
}

function wrap(base64: string): string {
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 76) lines.push(base64.slice(i, i + 76));
  return lines.join('\n');
}

function foldIds(ids: readonly string[]): string {
  return ids.join('\n ');
}

function qEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      b === 0x20
        ? '_'
        : b < 0x80 && /[A-Za-z0-9]/.test(String.fromCharCode(b))
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function rfcDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${day}, ${d.getUTCDate()} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
