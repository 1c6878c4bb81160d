import type { Identity } from '../../../shared/model/account';
import { DraftContentSchema, type DraftContentInput } from '../../../shared/model/outbox';
import { buildRawMessage } from '../../../main/outbox/compose-raw';
import { insertOutboxItem, newOutboxItem } from '../../../main/outbox/outbox-store';
import type { FilingSession, SenderPort, SentAttempt, SentFilerPort } from '../../../main/outbox/ports';
import { OutboxRunner, type OutboxRunnerDeps } from '../../../main/outbox/runner';
import type { AttemptResult } from '../../../main/outbox/transitions';
import { openStore, type Store } from '../../../main/store/open-store';

export const identity: Identity = {
  id: 'id-1',
  name: 'Ada Lovelace',
  address: 'ada@example.test',
  replyTo: null,
  signature: '',
  signatureHtml: null,
  replySignature: null,
  replySignatureHtml: null,
  smtp: null,
};

export function draft(fields: Partial<DraftContentInput> = {}) {
  return DraftContentSchema.parse({
    accountId: 'acc-1',
    identityId: 'id-1',
    to: [{ name: 'Grace', address: 'grace@example.test' }],
    subject: 'Hello',
    text: 'Body',
    ...fields,
  });
}

let counter = 0;

/** Queues one message the way the service does (built once, stored before any network). */
export async function queue(
  store: Store,
  options: { sendAt?: Date; state?: 'queued' | 'scheduled'; sendLater?: boolean; subject?: string } = {},
): Promise<{ id: string; raw: Buffer }> {
  const content = draft({ subject: options.subject ?? `Message ${++counter}` });
  const built = await buildRawMessage(content, identity, new Date());
  const id = `out-${++counter}`;
  insertOutboxItem(
    store.db,
    newOutboxItem(built, {
      id,
      accountId: 'acc-1',
      identityId: 'id-1',
      state: options.state ?? 'queued',
      draftJson: JSON.stringify(content),
      createdAt: new Date().toISOString(),
      sendAt: (options.sendAt ?? new Date()).toISOString(),
      sendLater: options.sendLater ?? false,
    }),
  );
  return { id, raw: built.raw };
}

const phaseFailure = (kind: 'transient' | 'permanent' | 'uncertain', phase: 'connect' | 'data' | 'message') => ({
  kind,
  failure: { phase, code: null, enhanced: null, reply: null, message: kind, explanation: `explained ${kind}` },
  recipients: [],
});

export const outcomes = {
  sent: (queueId = 'Q1'): AttemptResult => ({
    kind: 'sent',
    reply: `250 2.0.0 Ok: queued as ${queueId}`,
    queueId,
    recipients: [],
  }),
  transient: (phase: 'connect' | 'data' = 'data'): AttemptResult => phaseFailure('transient', phase),
  permanent: (): AttemptResult => phaseFailure('permanent', 'data'),
  uncertain: (): AttemptResult => phaseFailure('uncertain', 'message'),
};

/** A transport that answers from a script and remembers every connection and every message. */
export class ScriptedSmtp {
  connections = 0;
  readonly sent: { to: readonly string[]; raw: Buffer }[] = [];
  constructor(private readonly script: AttemptResult[] = []) {}

  push(...results: AttemptResult[]): void {
    this.script.push(...results);
  }

  open = (): SenderPort => {
    this.connections++;
    return {
      send: (envelope, raw): Promise<SentAttempt> => {
        this.sent.push({ to: envelope.to, raw });
        const outcome = this.script.shift() ?? outcomes.sent();
        return Promise.resolve({
          outcome,
          attempt: { server: 'smtp.example.test:465', tls: null, transcript: [], queueId: null, timings: null },
        });
      },
      close: () => Promise.resolve(),
    };
  };
}

export class RecordingFiler implements SentFilerPort {
  readonly filed: Buffer[] = [];
  sessions = 0;
  failures = 0;
  open(): Promise<FilingSession> {
    this.sessions++;
    return Promise.resolve({
      file: ({ raw }) => {
        if (this.failures > 0) {
          this.failures--;
          return Promise.reject(new Error('IMAP server unavailable'));
        }
        this.filed.push(raw);
        return Promise.resolve('filed');
      },
      close: () => Promise.resolve(),
    });
  }
}

export function runnerFor(
  store: Store,
  smtp: ScriptedSmtp,
  filer: SentFilerPort,
  overrides: Partial<OutboxRunnerDeps> = {},
): OutboxRunner {
  return new OutboxRunner({
    db: store.db,
    now: () => new Date(),
    policy: { delayMs: () => 60_000, giveUpAfterMs: 24 * 3_600_000 },
    resolveTarget: () =>
      Promise.resolve({
        key: 'smtp.example.test',
        target: {
          server: {
            host: 'smtp.example.test',
            port: 465,
            security: 'implicit',
            username: 'ada',
            authMethod: 'auto',
            pinnedCertificate: null,
          },
          username: 'ada',
          password: 'pw',
        },
      }),
    openSender: smtp.open,
    filer,
    owner: `test:${process.pid}`,
    isAlive: () => true,
    onChange: () => undefined,
    ...overrides,
  });
}

export function openTestStore(dir: string): Store {
  return openStore(dir);
}
