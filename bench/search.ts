// Search benchmark: `npx tsx bench/search.ts [--messages N] [--runs R] [--seed S]` (default 50,000 messages).
// Builds a store through the app's own store (migrations, so the index is kept by its triggers as
// sync keeps it), with varied senders, subjects and 1–3 KB bodies from a Zipf-distributed
// vocabulary, some French/German and Japanese. Then times the first page of 50 results (parse,
// SQL, highlights: what search:query does) for five queries, median and p95 over many runs,
// against a baseline measured in the same run: the first page of the message list of the Inbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { channelExamples } from '../shared/ipc/examples';
import { listMessages } from '../main/services/messages';
import { runLocalSearch } from '../main/search/local-search';
import { prepareSearch } from '../main/search/prepare';
import { rebuildSearchIndex } from '../main/search/rebuild';
import { openStore } from '../main/store/open-store';
import { seededRandom } from './support/mailbox';
import { buildSearchStore } from './support/search-store';

const TARGETS = { medianMs: 20, p95Ms: 50 };
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261130' },
  },
});
const count = Number(values.messages);
const runs = Number(values.runs);
if (!Number.isInteger(count) || count < 100) throw new Error(`--messages must be ≥ 100, got ${values.messages}`);
if (!Number.isInteger(runs) || runs < 10) throw new Error(`--runs must be ≥ 10, got ${values.runs}`);

const QUERIES = [
  { label: 'common word', query: 'project' },
  { label: 'rare word', query: 'zeppelin' },
  { label: 'from:', query: 'from:alice' },
  { label: 'subject phrase', query: 'subject:"budget review"' },
  { label: 'combined', query: 'from:alice project -is:read after:2025-03-01' },
] as const;
/** Printed for reference, without a target. */
const EXTRA = [
  { label: 'by relevance', query: 'project', sort: 'relevance' },
  { label: 'folder only', query: 'in:sent', sort: 'date' },
  { label: 'CJK', query: '東京', sort: 'date' },
] as const;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function measure(body: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < 10; i++) body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const fmt = (value: number) => `${value.toFixed(2)} ms`.padStart(10);

const profile = mkdtempSync(join(tmpdir(), 'letterbox-bench-search-'));
const store = openStore(profile);
try {
  console.log(`search benchmark: ${count} messages, ${runs} runs per query, seed ${values.seed}, ${process.version}`);
  const built = buildSearchStore(store.db, count, seededRandom(Number(values.seed)));
  console.log(
    `store built through the index triggers: ${built.ms.toFixed(0)} ms (${(count / (built.ms / 1000)).toFixed(0)} msg/s), ` +
      `${(built.bodyBytes / 1e6).toFixed(1)} MB of body text, ${built.nonAscii} messages with non-ASCII text`,
  );
  const rebuilt = rebuildSearchIndex(store.db);
  console.log(`index rebuild (search --rebuild): ${rebuilt.messages} messages in ${rebuilt.ms.toFixed(0)} ms`);

  const accounts = [{ ...channelExamples['accounts:get'].output, id: 'acc-1' }];
  const baseline = measure(() =>
    listMessages(
      store.db,
      {
        source: { kind: 'mailbox', mailboxId: 'inbox' },
        limit: 50,
        cursor: null,
        sort: 'date',
        conversations: false,
        offset: null,
      },
      [],
    ),
  );
  console.log(
    `\nbaseline: message list, first page of 50 (Inbox)   median ${fmt(baseline.median)}   p95 ${fmt(baseline.p95)}`,
  );
  console.log('\nfirst page of 50 results (parse + SQL + highlights)');
  for (const { label, query } of QUERIES) {
    const prepared = prepareSearch(accounts, query);
    if (!prepared.ok || prepared.root === null) throw new Error(`bench query failed to parse: ${query}`);
    const request = { accountId: null, limit: 50, cursor: null, sort: 'date' as const };
    const first = runLocalSearch(store.db, prepared.compiled, request);
    const hits = first.ok ? first.hits.length : 0;
    const total = store.db.get<{ n: number }>(
      prepared.compiled.match === null
        ? `SELECT count(*) AS n FROM messages m WHERE ${prepared.compiled.where}`
        : `SELECT count(*) AS n FROM messages m WHERE m.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH :match) AND ${prepared.compiled.where}`,
      { ...prepared.compiled.params, ...(prepared.compiled.match === null ? {} : { match: prepared.compiled.match }) },
    )?.n;
    const timing = measure(() => {
      const again = prepareSearch(accounts, query);
      if (again.ok && again.root !== null) runLocalSearch(store.db, again.compiled, request);
    });
    const ok = timing.median < TARGETS.medianMs && timing.p95 < TARGETS.p95Ms;
    console.log(
      `  ${label.padEnd(15)} ${JSON.stringify(query).padEnd(48)} ${String(total).padStart(6)} matches, page ${String(hits).padStart(2)}` +
        `   median ${fmt(timing.median)}   p95 ${fmt(timing.p95)}   ${(timing.median / baseline.median).toFixed(1)}× baseline` +
        `   target median < ${TARGETS.medianMs} ms, p95 < ${TARGETS.p95Ms} ms   ${verdict(ok)}`,
    );
  }
  console.log('\nfor reference (no target)');
  for (const { label, query, sort } of EXTRA) {
    const prepared = prepareSearch(accounts, query);
    if (!prepared.ok || prepared.root === null) throw new Error(`bench query failed to parse: ${query}`);
    const compiled = prepared.compiled;
    const timing = measure(() =>
      runLocalSearch(store.db, compiled, { accountId: null, limit: 50, cursor: null, sort }),
    );
    console.log(
      `  ${label.padEnd(15)} ${JSON.stringify(query).padEnd(48)} ${sort.padEnd(9)}   median ${fmt(timing.median)}   p95 ${fmt(timing.p95)}`,
    );
  }
} finally {
  store.close();
  rmSync(profile, { recursive: true, force: true });
}
