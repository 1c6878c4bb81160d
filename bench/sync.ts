// IMAP sync benchmark: `npx tsx bench/sync.ts [--messages N] [--seed S]` (default 10,000 messages).
// Writes a deterministic mailbox (bench/support/mailbox.ts) into a private Dovecot's maildir before
// Dovecot first opens it, warms Dovecot once, then measures in one run:
//   (a) baseline: raw imapflow FETCH of all envelopes+flags, and separately of all sources;
//   (b) a Letterbox full sync through the app (openNodeApp, accounts:save, sync:run): headers,
//       bodies for an offline window of all mail, parse + raw store;
//   (c) a no-change resync.
// Every connection uses STARTTLS on loopback, as the app's account does (Dovecot proxies TLS through
// imap-login, so raw throughput is capped there; see /work/shared/reference/DOVECOT.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { harnessAccount } from '../test/support/harness-account';
import { openNodeApp, type NodeApp } from '../main/platform/node/open-node-app';
import type { AccountSyncSummary } from '../shared/model/sync';
import { onAbruptExit } from '../test/support/exit-guard';
import { startMailHarness, type MailHarness } from '../test/support/harness';
import { rawFetchInChild } from './support/raw-fetch-child';
import { writeMaildirInChild } from './support/write-maildir-child';

const TARGETS = { ratio: 4, resyncMs: 150, rssMb: 300, loopP99Ms: 50 };

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20251130' } },
});
const count = Number(values.messages);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`--messages must be a positive integer, got ${values.messages}`);

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** Peak RSS by sampling (the main thread and the parser workers share one process). */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage.rss())), 20);
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return this.peak;
  }
}

/** Wall time, and CPU time of this process (main thread and workers; not Dovecot's). */
async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await body();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function runSync(app: NodeApp): Promise<AccountSyncSummary> {
  const result = await app.dispatcher.dispatch('sync:run', { accountId: null }, { transport: 'cli' });
  if (!result.ok) throw new Error(`sync:run failed: ${JSON.stringify(result.error)}`);
  const summary = (result.value as { accounts: AccountSyncSummary[] }).accounts[0];
  if (!summary) throw new Error('sync:run returned no account');
  if (!summary.ok) throw new Error(`sync failed: ${summary.error ?? 'unknown error'}`);
  return summary;
}

function loopStats(histogram: IntervalHistogram): { p50: number; p99: number; max: number } {
  return {
    p50: histogram.percentile(50) / 1e6,
    p99: histogram.percentile(99) / 1e6,
    max: histogram.max / 1e6,
  };
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function main(): Promise<void> {
  let harness: MailHarness | null = null;
  let app: NodeApp | null = null;
  const profileDir = mkdtempSync(join(tmpdir(), 'letterbox-bench-sync-'));
  // Ctrl-C or a kill: SIGTERM Dovecot and remove our folders (a later harness start also sweeps
  // run folders whose owner is gone).
  const removeGuard = onAbruptExit(() => {
    harness?.stopNow();
    rmSync(profileDir, { recursive: true, force: true });
    if (harness) rmSync(harness.info.dovecot.runDir, { recursive: true, force: true, maxRetries: 3 });
  });
  try {
    console.log(`sync benchmark: ${count} messages, seed ${seed}, ${process.version}, STARTTLS on loopback`);
    const startedAt = performance.now();
    harness = await startMailHarness();
    const servers = harness.info;
    const user = servers.users.alice;
    const dovecot = servers.dovecot;

    // Written before any login: Dovecot builds dovecot-uidlist and its index on first access.
    // In a child process, so generating 270 MB of mail does not count in this process's RSS.
    const generated = await timed(() =>
      writeMaildirInChild(
        join(dovecot.homeRoot, user.name, 'Maildir'),
        count,
        { uid: dovecot.mailUid, gid: dovecot.mailGid },
        seed,
      ),
    );
    const stats = generated.value;
    console.log(
      `mailbox: ${stats.messages} messages, ${mb(stats.bytes)} (${stats.threadsStarted} threads, ${stats.replies} replies; ` +
        `${stats.kinds.plain} plain, ${stats.kinds.alternative} alternative, ${stats.kinds.html} HTML-only, ` +
        `${stats.kinds.attachments} with attachments; ${stats.encodedSubjects} RFC 2047 subjects), written in ${ms(generated.ms)}`,
    );

    // Warm-up: first access builds Dovecot's uidlist, index and cache (much slower than later ones).
    const warm = await timed(async () => {
      await rawFetchInChild(servers, user, 'headers');
      await rawFetchInChild(servers, user, 'sources');
    });
    console.log(`dovecot warm-up (headers + sources, not measured): ${ms(warm.ms)}`);

    // Each in a process of its own (see raw-fetch-child.ts), timed there.
    const headers = await rawFetchInChild(servers, user, 'headers');
    const sources = await rawFetchInChild(servers, user, 'sources');
    if (headers.value.messages !== count || sources.value.messages !== count) {
      throw new Error(`server has ${headers.value.messages}/${sources.value.messages} messages, expected ${count}`);
    }
    const rawMb = sources.value.bytes / 1e6;
    console.log('\n(a) baseline: raw imapflow FETCH 1:* (one connection, streamed)');
    console.log(`  connect+STARTTLS+login ${ms(headers.value.loginMs)} (included in both)`);
    console.log(`  envelope+flags      ${ms(headers.ms).padStart(9)}`);
    console.log(
      `  full sources        ${ms(sources.ms).padStart(9)}   ${rawMb.toFixed(1)} MB, ${(rawMb / (sources.ms / 1000)).toFixed(0)} MB/s, CPU ${ms(sources.cpuMs)}`,
    );

    app = await openNodeApp({
      profileDir,
      shell: 'cli',
      env: { LETTERBOX_SECRETS: 'vault' },
      sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
    });
    const saved = await app.dispatcher.dispatch(
      'accounts:save',
      { account: { ...harnessAccount(servers, user), id: null }, password: user.password },
      { transport: 'cli' },
    );
    if (!saved.ok) throw new Error(`accounts:save failed: ${JSON.stringify(saved.error)}`);

    // When each phase of the pass starts (from the app's own sync:progress events).
    const phaseAt = new Map<string, number>();
    const unsubscribe = app.bus.subscribe((event, payload) => {
      if (event !== 'sync:progress') return;
      const phase = (payload as { phase: string }).phase;
      if (!phaseAt.has(phase)) phaseAt.set(phase, performance.now());
    });
    const rss = new RssSampler();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    // Drop what generation and the baseline left on the heap, so the peak is mostly the sync's.
    collectGarbage();
    const before = process.memoryUsage();
    const rssBefore = before.rss;
    rss.start();
    loop.enable();
    const syncStarted = performance.now();
    const full = await timed(() => runSync(app as NodeApp));
    loop.disable();
    unsubscribe();
    const peakRss = rss.stop();
    const inbox = full.value.folders.find((f) => f.path === 'INBOX');
    const delay = loopStats(loop);

    console.log(
      '\n(b) Letterbox full sync (openNodeApp + sync:run; headers, bodies for "all mail", parse + raw store)',
    );
    console.log(
      '  full-text index: built inline (search-index triggers run in every message write), so part of this time',
    );
    console.log(
      `  full sync           ${ms(full.ms).padStart(9)}   INBOX: ${inbox?.added ?? 0} headers, ${inbox?.bodies ?? 0} bodies ` +
        `(strategy ${inbox?.strategy ?? '?'}), CPU ${ms(full.cpuMs)} (all threads)`,
    );
    const at = (phase: string): number => (phaseAt.get(phase) ?? syncStarted) - syncStarted;
    console.log(
      `  phases: login ${ms(at('folders'))}, folders+SELECT+flag diff ${ms(at('headers') - at('folders'))}, ` +
        `header fetch ${ms(at('bodies') - at('headers'))}, bodies ${ms(full.ms - at('bodies'))}`,
    );
    console.log(`  vs raw headers      ${(full.ms / headers.ms).toFixed(2)}×`);
    const ratio = full.ms / sources.ms;
    console.log(
      `  vs raw sources      ${ratio.toFixed(2)}×   target ≤ ${TARGETS.ratio}×   ${verdict(ratio <= TARGETS.ratio)}`,
    );

    loop.reset();
    loop.enable();
    const resync = await timed(() => runSync(app as NodeApp));
    loop.disable();
    const resyncInbox = resync.value.folders.find((f) => f.path === 'INBOX');
    console.log('\n(c) no-change resync');
    console.log(
      `  resync              ${ms(resync.ms).padStart(9)}   target < ${TARGETS.resyncMs} ms   ${verdict(resync.ms < TARGETS.resyncMs)}` +
        `   (INBOX strategy ${resyncInbox?.strategy ?? '?'}, ${resyncInbox?.added ?? 0} added, ${resyncInbox?.bodies ?? 0} bodies)`,
    );
    const resyncDelay = loopStats(loop);

    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log('\nresources during the full sync');
    console.log(
      `  peak RSS (sampled)  ${mb(peakRss).padStart(9)}   target < ${TARGETS.rssMb} MB   ${verdict(peakRss < TARGETS.rssMb * 1e6)}`,
    );
    console.log(
      `  RSS before the sync ${mb(rssBefore).padStart(9)}   (app open, parser pool not started; heap ${mb(before.heapUsed)}, external ${mb(before.external)})`,
    );
    console.log(
      `  maxRSS (process)    ${mb(maxRss).padStart(9)}   (whole run; generation and the baseline ran in processes of their own)`,
    );
    console.log(
      `  event-loop delay    p50 ${delay.p50.toFixed(1)} ms, p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms` +
        `   target p99 < ${TARGETS.loopP99Ms} ms   ${verdict(delay.p99 < TARGETS.loopP99Ms)}`,
    );
    console.log(
      `  (resync: p50 ${resyncDelay.p50.toFixed(1)} ms, p99 ${resyncDelay.p99.toFixed(1)} ms, max ${resyncDelay.max.toFixed(1)} ms)`,
    );
    console.log(`\ntotal run ${ms(performance.now() - startedAt)}`);
  } finally {
    await app?.close().catch(() => undefined);
    await harness?.stop();
    rmSync(profileDir, { recursive: true, force: true });
    removeGuard();
  }
}

await main();
