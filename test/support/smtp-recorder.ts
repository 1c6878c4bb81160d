import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pollUntil } from './poll';

export interface SmtpEnvelope {
  /** MAIL FROM address; '' for the null reverse-path `<>`. */
  mailFrom: string;
  rcptTo: string[];
}

/** One message the test SMTP server accepted, exactly as it came off the wire. */
export interface RecordedMessage {
  /** 1, 2, ... in order of acceptance (shared by every server using the same recorder). */
  seq: number;
  envelope: SmtpEnvelope;
  /** The AUTH identity of the session. */
  authUser: string;
  /** Whether the transaction ran over TLS (STARTTLS or implicit). */
  secure: boolean;
  /** Local users whose Dovecot INBOX received a copy. */
  deliveredTo: string[];
  receivedAt: string;
  /** The DATA bytes after dot-unstuffing, without the terminating `.`. */
  raw: Buffer;
}

type SpoolMeta = Omit<RecordedMessage, 'raw'>;

/**
 * Keeps every accepted message in memory (for tests that run their own server in-process) and,
 * with a spool folder, also on disk: the shared server lives in vitest's main process, and a test
 * worker can only see what it received through files.
 */
export class SmtpRecorder {
  readonly messages: RecordedMessage[] = [];
  private nextSeq = 1;

  constructor(readonly spoolDir?: string) {}

  async record(message: Omit<RecordedMessage, 'seq'>): Promise<RecordedMessage> {
    const recorded: RecordedMessage = { ...message, seq: this.nextSeq++ };
    if (this.spoolDir !== undefined) await writeSpoolEntry(this.spoolDir, recorded);
    this.messages.push(recorded);
    return recorded;
  }

  /** Waits for a message matching `predicate` in memory. */
  waitFor(predicate: (message: RecordedMessage) => boolean, timeoutMs = 5000): Promise<RecordedMessage> {
    return pollUntil(async () => this.messages.find(predicate), { timeoutMs, what: 'a matching SMTP message' });
  }
}

const name = (seq: number): string => String(seq).padStart(6, '0');

async function writeSpoolEntry(dir: string, message: RecordedMessage): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { raw, ...meta } = message;
  const base = join(dir, name(message.seq));
  await writeFile(`${base}.eml`, raw);
  // Readers list *.json only, and the rename makes the entry appear complete or not at all.
  await writeFile(`${base}.json.tmp`, JSON.stringify(meta));
  await rename(`${base}.json.tmp`, `${base}.json`);
}

/** Every message in a spool folder, oldest first (from any process). */
export async function readSpool(dir: string): Promise<RecordedMessage[]> {
  const entries = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    entries.map(async (file) => {
      const base = join(dir, file.slice(0, -'.json'.length));
      const meta = JSON.parse(await readFile(`${base}.json`, 'utf8')) as SpoolMeta;
      return { ...meta, raw: await readFile(`${base}.eml`) };
    }),
  );
}

/** Waits until the spool holds a message matching `predicate`, e.g. by its unique Message-ID. */
export function waitForSpooled(
  dir: string,
  predicate: (message: RecordedMessage) => boolean,
  timeoutMs = 5000,
): Promise<RecordedMessage> {
  return pollUntil(async () => (await readSpool(dir)).find(predicate), {
    timeoutMs,
    intervalMs: 50,
    what: `a matching message in the SMTP spool ${dir}`,
  });
}
