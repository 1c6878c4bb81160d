// Outbox throughput: `npx tsx bench/send.ts [messages]` (default 1,000).
// Starts the test harness (private CA, Dovecot, the smtp-server submission server with STARTTLS
// and AUTH) and sends the same messages, byte for byte, twice in one run:
//   raw     – nodemailer's pooled SMTP transport (one connection, as the outbox uses per server,
//             and its default five connections for reference), every message handed over at once;
//   outbox  – queued in the outbox (built, stored), then one "send now": every state change
//             written to SQLite, transcript and attempt log kept, one connection per server.
// Recipients are outside the harness domain, so the server records them without a Dovecot
// delivery per message: what is measured is the client. Target: outbox ≥ 0.8× raw (1 connection).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { openNodeApp } from '../main/platform/node/open-node-app';
import { getRaw } from '../main/outbox/outbox-store';
import { outboxRunner, queueMessage } from '../main/services/outbox';
import { DraftContentSchema } from '../shared/model/outbox';
import { harnessAccount } from '../test/support/harness-account';
import { startMailHarness } from '../test/support/harness';
import { addMailUser } from '../test/support/mail-users';

const count = Number(process.argv[2] ?? 1000);

/** Deterministic, varied messages: 1–20 KB of text, every tenth with a small attachment. */
function body(n: number): string {
  return Array.from(
    { length: 20 + ((n * 37) % 300) },
    (_, i) => `Line ${i} of message ${n}: the quick brown fox.`,
  ).join('\n');
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${Math.round(count / (ms / 1000))} msg/s`);
  return { ms, value };
}

const harness = await startMailHarness();
const profile = await mkdtemp(join(tmpdir(), 'letterbox-bench-send-'));
try {
  const servers = harness.info;
  const user = await addMailUser(servers.dovecot, 'bench');
  const app = await openNodeApp({
    profileDir: profile,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault', LETTERBOX_VAULT_KEY: 'bench-key-bench-key-bench-key-00' },
    outbox: { extraCa: [servers.tls.ca] },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
  });
  const account = harnessAccount(servers, user);
  const saved = await app.dispatcher.dispatch(
    'accounts:save',
    { account: { ...account, id: null }, password: user.password },
    { transport: 'test' },
  );
  if (!saved.ok) throw new Error(saved.error.message);
  const accountId = (saved.value as { id: string }).id;
  const identityId = app.ctx.settings.get('accounts')[0]?.identities[0]?.id ?? '';

  // Queue with a long undo delay so nothing leaves while queueing; "send now" ends the delay.
  const queued = await timed('queue (build MIME once, store)', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= count; n++) {
      const draft = DraftContentSchema.parse({
        accountId,
        identityId,
        to: [{ name: `Reader ${n % 50}`, address: `reader${n % 50}@elsewhere.test` }],
        subject: `Bench message ${n}`,
        text: body(n),
        attachments:
          n % 10 === 0
            ? [
                {
                  filename: `note-${n}.txt`,
                  contentType: 'text/plain',
                  contentBase64: Buffer.from(body(n)).toString('base64'),
                },
              ]
            : [],
      });
      ids.push((await queueMessage(app.ctx, draft, { sendAt: null, undoSeconds: 3600 })).id);
    }
    return ids;
  });
  const messages = queued.value.map((id) => {
    const row = app.ctx.store.db.get<{ envelope_from: string; envelope_to: string }>(
      'SELECT envelope_from, envelope_to FROM outbox WHERE id = ?',
      [id],
    );
    return {
      raw: getRaw(app.ctx.store.db, id) ?? Buffer.alloc(0),
      envelope: { from: row?.envelope_from ?? '', to: JSON.parse(row?.envelope_to ?? '[]') as string[] },
    };
  });
  const bytes = messages.reduce((sum, m) => sum + m.raw.length, 0);
  console.log(`${count} messages, ${(bytes / 1e6).toFixed(1)} MB, to ${servers.host}:${servers.smtp.port} (STARTTLS)`);

  const rawSend = (maxConnections: number) => async () => {
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections,
      maxMessages: Infinity,
      host: servers.host,
      port: servers.smtp.port,
      secure: false,
      requireTLS: true,
      auth: { user: user.name, pass: user.password },
      tls: { ca: [servers.tls.ca] },
    });
    try {
      await Promise.all(messages.map((m) => transport.sendMail({ envelope: m.envelope, raw: m.raw })));
    } finally {
      transport.close();
    }
  };
  // One warm-up round trip each way so TLS session set-up and JIT do not favour the second.
  await rawSend(1)();
  const raw1 = await timed('raw nodemailer pool, 1 connection', rawSend(1));
  const raw5 = await timed('raw nodemailer pool, 5 connections (reference)', rawSend(5));

  const runner = outboxRunner(app.ctx);
  // "Sent" is the throughput measured; filing into Sent (IMAP APPEND) follows and is shown apart.
  let sentCount = 0;
  let allSentAt = 0;
  const start = performance.now();
  app.bus.subscribe((event, payload) => {
    if (event !== 'outbox:changed' || (payload as { state: string }).state !== 'sent') return;
    if (++sentCount === count) allSentAt = performance.now();
  });
  await runner.flush();
  await runner.idle();
  const filedMs = performance.now() - start;
  const sent = { ms: allSentAt - start };
  console.log(
    `${'outbox: send now until all sent'.padEnd(44)} ${(sent.ms / 1000).toFixed(2).padStart(7)} s   ${Math.round(count / (sent.ms / 1000))} msg/s`,
  );
  console.log(`${'outbox: … and all filed in Sent (IMAP)'.padEnd(44)} ${(filedMs / 1000).toFixed(2).padStart(7)} s`);
  const states = app.ctx.store.db.all<{ state: string; n: number }>(
    'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state',
  );
  console.log(`outbox states after the run: ${states.map((s) => `${s.state} ${s.n}`).join(', ')}`);
  const ratio = raw1.ms / sent.ms;
  console.log(
    `outbox throughput / raw (1 connection) = ${ratio.toFixed(2)}× (target ≥ 0.8×) ${ratio >= 0.8 ? 'PASS' : 'MISS'}`,
  );
  console.log(`outbox throughput / raw (5 connections) = ${(raw5.ms / sent.ms).toFixed(2)}× (reference)`);
  await app.close();
} finally {
  await harness.stop();
  await rm(profile, { recursive: true, force: true });
}
