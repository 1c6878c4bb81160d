// IMAP sync benchmark: `npx tsx bench/sync.ts [--messages N] [--seed S]` (default 10,000 messages).
// Writes a deterministic mailbox (bench/support/mailbox.ts) into a private Dovecot's maildir before
// Dovecot first opens it, warms Dovecot once, then measures in one run:
//   (a) baseline: raw imapflow FETCH of all envelopes+flags, and separately of all sources;
//   (b) a Letterbox full sync through the app (openNodeApp, accounts:save, sync:run): headers,
//       bodies for an offline window of all mail, parse + raw store;
//   (c) a no-change resync.
// (b) and (c) run in a process of their own from the bundles the desktop app ships
// (support/sync-child.ts), so its times and memory are the app's, not tsx's or the harness's.
// (a) and (b) are measured in turn, in several rounds (--rounds, default 3), each sync into a fresh
// store: on a shared 2-core machine one run's figures vary by a quarter. The speed verdict is the
// median round's ratio; memory and event-loop delay are judged on the worst round.
// Every connection uses STARTTLS on loopback, as the app's account does (Dovecot proxies TLS through
// imap-login, so raw throughput is capped there; see /work/shared/reference/DOVECOT.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { harnessAccount } from '../test/support/harness-account';
import { onAbruptExit } from '../test/support/exit-guard';
import { startMailHarness, type MailHarness } from '../test/support/harness';
import { bundleSyncChild, runBundledSyncChild } from './support/bundle-sync-child';
import { startLatencyProxy } from './support/latency-proxy';
import { rawFetchInChild, type RawFetch } from './support/raw-fetch-child';
import type { SyncChildResult } from './support/sync-child';
import { writeMaildirInChild } from './support/write-maildir-child';

const TARGETS = { ratio: 4, resyncMs: 150, rssMb: 300, loopP99Ms: 50 };

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20251130' },
    rounds: { type: 'string', default: '3' },
    // Round-trip time added between every IMAP client (raw and Letterbox) and Dovecot.
    rtt: { type: 'string', default: '0' },
  },
});
const rttMs = Number(values.rtt);
if (!Number.isFinite(rttMs) || rttMs < 0) throw new Error(`--rtt must be a number of ms, got ${values.rtt}`);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
const count = Number(values.messages);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`--messages must be a positive integer, got ${values.messages}`);

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

interface Round {
  round: number;
  headers: RawFetch;
  sources: RawFetch;
  measured: SyncChildResult;
}

const ratioOf = (r: Round | undefined): number => (r ? r.measured.full.ms / r.sources.ms : Number.NaN);

/** Wall time of a step run in the bench process or a child it waits for. */
async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await body();
  return { value, ms: performance.now() - started };
}

async function main(): Promise<void> {
  let harness: MailHarness | null = null;
  let proxy: { port: number; close(): Promise<void> } | null = null;
  const profileDir = mkdtempSync(join(tmpdir(), 'letterbox-bench-sync-'));
  // Ctrl-C or a kill: SIGTERM Dovecot and remove our folders (a later harness start also sweeps
  // run folders whose owner is gone).
  const removeGuard = onAbruptExit(() => {
    harness?.stopNow();
    rmSync(profileDir, { recursive: true, force: true });
    if (harness) rmSync(harness.info.dovecot.runDir, { recursive: true, force: true, maxRetries: 3 });
  });
  try {
    const link = rttMs > 0 ? `, ${rttMs} ms round trip added` : '';
    console.log(`sync benchmark: ${count} messages, seed ${seed}, ${process.version}, STARTTLS on loopback${link}`);
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

    // --rtt: the measured clients reach Dovecot through a proxy that delays every chunk.
    proxy = rttMs > 0 ? await startLatencyProxy({ host: servers.host, port: servers.imap.port }, rttMs / 2) : null;
    const imapServers = proxy ? { ...servers, imap: { ...servers.imap, port: proxy.port } } : servers;

    // Each raw fetch and each sync in a process of its own (raw-fetch-child.ts, sync-child.ts).
    const child = await bundleSyncChild();
    const results: Round[] = [];
    for (let round = 1; round <= rounds; round++) {
      const headers = await rawFetchInChild(imapServers, user, 'headers');
      const sources = await rawFetchInChild(imapServers, user, 'sources');
      if (headers.value.messages !== count || sources.value.messages !== count) {
        throw new Error(`server has ${headers.value.messages}/${sources.value.messages} messages, expected ${count}`);
      }
      // A fresh store each round: every round is a first sync.
      const store = join(profileDir, `round-${round}`);
      const measured = await runBundledSyncChild(child, {
        profileDir: store,
        account: { ...harnessAccount(imapServers, user), id: null },
        password: user.password,
        ca: servers.tls.ca,
      });
      rmSync(store, { recursive: true, force: true });
      const result = { round, headers, sources, measured };
      results.push(result);
      console.log(
        `round ${round}: raw sources ${ms(sources.ms)}, full sync ${ms(measured.full.ms)} = ${ratioOf(result).toFixed(2)}×, ` +
          `resync ${ms(measured.resync.ms)}, peak RSS ${mb(measured.peakRss)}, loop p99 ${measured.full.loop.p99.toFixed(1)} ms`,
      );
    }
    // The verdict is the median ratio; the details below are the median round's (the lower one of
    // the middle two for an even count).
    const sorted = [...results].sort((a, b) => ratioOf(a) - ratioOf(b));
    const mid = sorted.length / 2;
    const medianRatio =
      sorted.length % 2 ? ratioOf(sorted[Math.floor(mid)]) : (ratioOf(sorted[mid - 1]) + ratioOf(sorted[mid])) / 2;
    const middle = sorted[Math.ceil(mid) - 1];
    if (!middle) throw new Error('no round was measured');
    const { headers, sources, measured } = middle;
    const rawMb = sources.value.bytes / 1e6;
    console.log(`\n(a) baseline: raw imapflow FETCH 1:* (one connection, streamed), median round`);
    console.log(`  connect+STARTTLS+login ${ms(headers.value.loginMs)} (included in both)`);
    console.log(`  envelope+flags      ${ms(headers.ms).padStart(9)}`);
    console.log(
      `  full sources        ${ms(sources.ms).padStart(9)}   ${rawMb.toFixed(1)} MB, ${(rawMb / (sources.ms / 1000)).toFixed(0)} MB/s, CPU ${ms(sources.cpuMs)}`,
    );

    const { full, resync, phases } = measured;
    const inbox = full.summary.folders.find((f) => f.path === 'INBOX');
    const delay = full.loop;

    console.log(
      '\n(b) Letterbox full sync, median round (sync:run in a process of its own running the app\'s bundles; headers, bodies for "all mail", parse + raw store)',
    );
    console.log(
      '  full-text index: built inline (search-index triggers run in every message write), so part of this time',
    );
    console.log(
      `  full sync           ${ms(full.ms).padStart(9)}   INBOX: ${inbox?.added ?? 0} headers, ${inbox?.bodies ?? 0} bodies ` +
        `(strategy ${inbox?.strategy ?? '?'}), CPU ${ms(full.cpuMs)} (all threads)`,
    );
    const at = (phase: string): number => phases[phase] ?? 0;
    console.log(
      `  phases: login ${ms(at('folders'))}, folders+SELECT+flag diff ${ms(at('headers') - at('folders'))}, ` +
        `header fetch ${ms(at('bodies') - at('headers'))}, bodies ${ms(full.ms - at('bodies'))}`,
    );
    console.log(`  vs raw headers      ${(full.ms / headers.ms).toFixed(2)}×`);
    const ratios = results.map(ratioOf);
    console.log(
      `  vs raw sources      ${(full.ms / sources.ms).toFixed(2)}×; median of ${results.length} rounds ${medianRatio.toFixed(2)}× ` +
        `(${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×)   target ≤ ${TARGETS.ratio}×   ${verdict(medianRatio <= TARGETS.ratio)}`,
    );

    const resyncInbox = resync.summary.folders.find((f) => f.path === 'INBOX');
    console.log('\n(c) no-change resync');
    // Resync, memory and event-loop delay: judged on the worst round.
    const worst = (of: (r: Round) => number): number => Math.max(...results.map(of));
    const worstResync = worst((r) => r.measured.resync.ms);
    console.log(
      `  resync              ${ms(resync.ms).padStart(9)}; worst round ${ms(worstResync)}   target < ${TARGETS.resyncMs} ms   ` +
        `${verdict(worstResync < TARGETS.resyncMs)}` +
        `   (INBOX strategy ${resyncInbox?.strategy ?? '?'}, ${resyncInbox?.added ?? 0} added, ${resyncInbox?.bodies ?? 0} bodies)`,
    );
    const resyncDelay = resync.loop;
    const { rssBefore } = measured;
    const peakRss = worst((r) => r.measured.peakRss);
    const maxRss = worst((r) => r.measured.maxRss);
    console.log('\nresources during the full sync (the worst round; the rest: the median round)');
    console.log(
      `  peak RSS (sampled)  ${mb(peakRss).padStart(9)}   target < ${TARGETS.rssMb} MB   ${verdict(peakRss < TARGETS.rssMb * 1e6)}`,
    );
    console.log(
      `  RSS before the sync ${mb(rssBefore).padStart(9)}   (app open, parser pool not started; heap ${mb(measured.heapBefore)}, external ${mb(measured.externalBefore)})`,
    );
    console.log(
      `  maxRSS (process)    ${mb(maxRss).padStart(9)}   (the measured process, its whole life: open, full sync, resync)`,
    );
    const worstP99 = worst((r) => r.measured.full.loop.p99);
    console.log(
      `  event-loop delay    p50 ${delay.p50.toFixed(1)} ms, p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms; ` +
        `worst round p99 ${worstP99.toFixed(1)} ms   target p99 < ${TARGETS.loopP99Ms} ms   ${verdict(worstP99 < TARGETS.loopP99Ms)}`,
    );
    console.log(
      `  (resync: p50 ${resyncDelay.p50.toFixed(1)} ms, p99 ${resyncDelay.p99.toFixed(1)} ms, max ${resyncDelay.max.toFixed(1)} ms)`,
    );
    console.log(`\ntotal run ${ms(performance.now() - startedAt)}`);
  } finally {
    await proxy?.close();
    await harness?.stop();
    rmSync(profileDir, { recursive: true, force: true });
    removeGuard();
  }
}

await main();
