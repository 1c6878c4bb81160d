// Parse throughput over the MIME fixture corpus: `npx tsx bench/parse.ts [messages]`.
// Prints messages/s for parseMessage on this thread and for the worker pool at 1 and 2 workers,
// plus the main thread's event-loop delay (p99) while the pool works.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseMessage } from '../main/mail/mime/parse-message';
import { createParserPool } from '../main/mail/mime/parser-pool';
import { fixture, fixtureNames, largeMessage } from '../test/support/mime-fixtures/index';

const count = Number(process.argv[2] ?? 2000);
const corpus = [...fixtureNames().map((name) => fixture(name)), largeMessage(1_000_000)];
const bytesPerRound = corpus.reduce((sum, raw) => sum + raw.length, 0);
const input = (i: number) => Buffer.from(corpus[i % corpus.length] as Buffer);

function report(label: string, started: number, extra = ''): void {
  const seconds = (performance.now() - started) / 1000;
  const megabytes = (bytesPerRound * (count / corpus.length)) / 1e6;
  console.log(
    `${label.padEnd(22)} ${(count / seconds).toFixed(0).padStart(6)} msg/s  ${(megabytes / seconds).toFixed(1)} MB/s${extra}`,
  );
}

console.log(`${count} messages cycling ${corpus.length} fixtures (${(bytesPerRound / 1e6).toFixed(2)} MB per cycle)`);
let started = performance.now();
for (let i = 0; i < count; i++) await parseMessage(input(i));
report('parseMessage (inline)', started);

for (const size of [1, 2]) {
  const pool = createParserPool({ size });
  await Promise.all([pool.parse(input(0)), pool.parse(input(1))]); // start-up excluded
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    await pool.ready();
    pending.push(pool.parse(input(i)));
  }
  await Promise.all(pending);
  delay.disable();
  report(
    `pool, ${size} worker${size > 1 ? 's' : ''}`,
    started,
    `  event-loop p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
  );
  await pool.close();
}
