// The measured part of bench/sync.ts: the app opened in a process of its own, from the bundles the
// desktop app ships (built by bundleSyncChild, main/ as one ESM file with its parser and writer
// threads beside it), a full sync, then a no-change resync. Run from sources instead, the process
// would also hold tsx's transpiler and its module-hooks thread, which the app does not have
// (about 60 MB of RSS before any mail was read); and the bench's own process holds what the
// harness and the mailbox generation left behind. Times and memory are taken here.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openNodeApp, type NodeApp } from '../../main/platform/node/open-node-app';
import type { AccountDraft } from '../../shared/model/account';
import type { AccountSyncSummary } from '../../shared/model/sync';

export interface SyncChildInput {
  profileDir: string;
  account: AccountDraft;
  password: string;
  ca: string;
}

export interface LoopStats {
  p50: number;
  p99: number;
  max: number;
}

export interface SyncRun {
  ms: number;
  cpuMs: number;
  summary: AccountSyncSummary;
  loop: LoopStats;
}

export interface SyncChildResult {
  full: SyncRun;
  resync: SyncRun;
  /** Milliseconds from the start of the full sync to the first progress event of each phase. */
  phases: Record<string, number>;
  peakRss: number;
  rssBefore: number;
  heapBefore: number;
  externalBefore: number;
  maxRss: number;
}

/** Peak RSS by sampling (the main thread and the worker threads share one process). */
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

function loopStats(histogram: IntervalHistogram): LoopStats {
  return { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** One `sync:run` as the CLI dispatches it: wall time, this process's CPU (all threads), loop delay. */
async function measuredSync(app: NodeApp): Promise<SyncRun> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await app.dispatcher.dispatch('sync:run', { accountId: null }, { transport: 'cli' });
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  loop.disable();
  if (!result.ok) throw new Error(`sync:run failed: ${JSON.stringify(result.error)}`);
  const summary = (result.value as { accounts: AccountSyncSummary[] }).accounts[0];
  if (!summary) throw new Error('sync:run returned no account');
  if (!summary.ok) throw new Error(`sync failed: ${summary.error ?? 'unknown error'}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, summary, loop: loopStats(loop) };
}

export async function runSyncChild(input: SyncChildInput): Promise<SyncChildResult> {
  const app = await openNodeApp({
    profileDir: input.profileDir,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [input.ca] } } },
  });
  try {
    const saved = await app.dispatcher.dispatch(
      'accounts:save',
      { account: input.account, password: input.password },
      { transport: 'cli' },
    );
    if (!saved.ok) throw new Error(`accounts:save failed: ${JSON.stringify(saved.error)}`);
    const phases: Record<string, number> = {};
    let startedAt = 0;
    const unsubscribe = app.bus.subscribe((event, payload) => {
      if (event !== 'sync:progress') return;
      const phase = (payload as { phase: string }).phase;
      phases[phase] ??= performance.now() - startedAt;
    });
    collectGarbage();
    const before = process.memoryUsage();
    const rss = new RssSampler();
    rss.start();
    startedAt = performance.now();
    const full = await measuredSync(app);
    const peakRss = rss.stop();
    unsubscribe();
    const resync = await measuredSync(app);
    return {
      full,
      resync,
      phases,
      peakRss,
      rssBefore: before.rss,
      heapBefore: before.heapUsed,
      externalBefore: before.external,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await app.close();
  }
}
