import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMessage } from '../../../main/mail/mime/parse-message';
import { createParserPool, ParserPoolError } from '../../../main/mail/mime/parser-pool';
import type { ParserPool, ParserPoolOptions } from '../../../main/mail/mime/parser-pool';
import {
  fixture,
  fixtureNames,
  hugeHeaderMessage,
  largeMessage,
  manyAttachmentsMessage,
} from '../../support/mime-fixtures/index';

const faultWorker = new URL('../../support/mime-fixtures/fault-worker.mjs', import.meta.url);
const withFault = (fault: string, name = 'plain.eml') =>
  Buffer.concat([Buffer.from(`X-Test-Fault: ${fault}\r\n`), fixture(name)]);

let pool: ParserPool | null = null;
const open = (options: ParserPoolOptions = {}) => (pool = createParserPool(options));
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('parser pool', () => {
  it('gives the same results as parseMessage, for the whole corpus in parallel', async () => {
    const inputs = [
      ...fixtureNames().map((name) => ({ name, bytes: () => fixture(name) })),
      { name: 'huge header', bytes: hugeHeaderMessage },
      { name: 'many attachments', bytes: () => manyAttachmentsMessage(50) },
    ];
    const expected = await Promise.all(inputs.map((input) => parseMessage(input.bytes())));
    const parser = open({ size: 2 });
    const actual = await Promise.all(inputs.map((input) => parser.parse(input.bytes())));
    actual.forEach((result, i) => expect(result, inputs[i]?.name).toEqual(expected[i]));
    expect(parser.stats()).toEqual({ workers: 2, busy: 0, queued: 0 });
  });

  it('leaves the HTML body out of the reply when asked (sync stores no HTML); the rest is the same', async () => {
    const parser = open({ size: 1 });
    const [full, lean] = await Promise.all([
      parser.parse(fixture('alternative.eml')),
      parser.parse(fixture('alternative.eml'), { html: false }),
    ]);
    expect(full.html).toContain('<');
    expect(lean).toEqual({ ...full, html: null });
  });

  it('hands the text back as UTF-8 bytes when asked (sync), with nothing else changed', async () => {
    const parser = open({ size: 1 });
    const [full, packed] = await Promise.all([
      parser.parse(fixture('html-only.eml')),
      parser.parse(fixture('html-only.eml'), { textAsBytes: true }),
    ]);
    expect(full.text).toMatch(/[^ -~\s]/); // the bytes must carry more than ASCII
    expect(packed.textBytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(packed.textBytes)).toBe(full.text);
    const { textBytes, ...rest } = packed;
    expect(textBytes?.byteLength).toBeGreaterThan(full.text.length);
    expect(rest).toEqual({ ...full, text: '' });
  });

  it('moves a whole buffer to the worker; copies a view, or when told not to transfer', async () => {
    const parser = open({ size: 1 });
    const owned = new Uint8Array(fixture('plain.eml'));
    const kept = new Uint8Array(fixture('plain.eml'));
    const backing = Buffer.concat([Buffer.from('xx'), fixture('plain.eml')]);
    const view = backing.subarray(2);
    const results = await Promise.all([
      parser.parse(owned),
      parser.parse(kept, { transfer: false }),
      parser.parse(view),
    ]);
    expect(results.map((result) => result.subject)).toEqual(Array(3).fill('Re: Analytical engine notes'));
    expect(owned.byteLength).toBe(0); // detached: it now belongs to the worker
    expect(kept.byteLength).toBe(fixture('plain.eml').byteLength);
    expect(view.toString()).toBe(fixture('plain.eml').toString());
  });

  it('a message that wedges its worker times out with the envelope; a fresh worker takes the next one', async () => {
    const parser = open({ size: 1, timeoutMs: 500, workerUrl: faultWorker });
    const [hung, next] = await Promise.all([parser.parse(withFault('hang')), parser.parse(fixture('alternative.eml'))]);
    expect(hung).toMatchObject({
      subject: 'Re: Analytical engine notes',
      from: { name: 'Lovelace, Ada', address: 'ada@example.com' },
      text: '',
      warnings: ['parse timed out after 500 ms', 'body not parsed'],
    });
    expect(next).toEqual(await parseMessage(fixture('alternative.eml')));
  });

  it('a real parse that outlives its timeout is cut off the same way', async () => {
    const parser = open({ size: 1, timeoutMs: 1 });
    const result = await parser.parse(largeMessage(8_000_000));
    expect(result).toMatchObject({ subject: 'Large message', text: '' });
    expect(result.warnings).toEqual(['parse timed out after 1 ms', 'body not parsed']);
  });

  it('survives a thrown error, process.exit and running out of memory in a worker', { timeout: 30_000 }, async () => {
    const parser = open({ size: 1, workerUrl: faultWorker, maxWorkerMemoryMb: 64 });
    for (const fault of ['crash', 'exit', 'oom']) {
      const [broken, next] = await Promise.all([parser.parse(withFault(fault)), parser.parse(fixture('no-body.eml'))]);
      expect(broken.subject, fault).toBe('Re: Analytical engine notes');
      expect(broken.warnings[0], fault).toMatch(/^parser crashed: /);
      expect(next.subject, fault).toBe('(no body at all)');
    }
  });

  it('ready() holds a producer back while the queue is full', async () => {
    const parser = open({ size: 1, maxQueued: 2 });
    const parses = Array.from({ length: 5 }, () => parser.parse(fixture('plain.eml')));
    expect(parser.stats().queued).toBe(5); // the worker is still starting
    let ready = false;
    const waiting = parser.ready().then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ready).toBe(false);
    await Promise.all(parses);
    await waiting;
    expect(ready).toBe(true);
  });

  it('close() rejects queued and running parses and everything after', async () => {
    const parser = open({ size: 1, workerUrl: faultWorker, timeoutMs: 60_000 });
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: unknown) => error,
      );
    const running = outcome(parser.parse(withFault('hang')));
    const queued = outcome(parser.parse(fixture('plain.eml')));
    while (parser.stats().busy === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await parser.close();
    const after = [outcome(parser.parse(fixture('plain.eml'))), outcome(parser.ready())];
    for (const result of await Promise.all([running, queued, ...after])) {
      expect(result).toMatchObject({ name: 'ParserPoolError', code: 'closed' });
    }
  });

  it('a worker that cannot start fails parses with a clear error instead of retrying forever', async () => {
    const parser = open({ workerUrl: new URL('./no-such-worker.mjs', import.meta.url) });
    const failure = await parser.parse(fixture('plain.eml')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ParserPoolError);
    expect(failure).toMatchObject({ code: 'worker_failed', message: /could not start.*no-such-worker/ });
    await expect(parser.parse(fixture('plain.eml'))).rejects.toBe(failure);
  });

  it('an idle pool that was never closed does not keep the process alive', { timeout: 30_000 }, async () => {
    const poolModule = new URL('../../../main/mail/mime/parser-pool.ts', import.meta.url).href;
    const dir = await mkdtemp(join(tmpdir(), 'letterbox-pool-'));
    const script = join(dir, 'forgotten-pool.mjs');
    await writeFile(
      script,
      `const { createParserPool } = await import(${JSON.stringify(poolModule)});
      const result = await createParserPool().parse(new TextEncoder().encode('Subject: hi\\r\\n\\r\\nbody'));
      console.log(result.subject);`,
    );
    try {
      const root = fileURLToPath(new URL('../../..', import.meta.url));
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: root, timeout: 20_000 });
      expect((await run).stdout.trim()).toBe('hi');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the main thread responsive while parsing 2,000 messages', { timeout: 120_000 }, async () => {
    const names = fixtureNames();
    const expected = new Map(
      await Promise.all(names.map(async (name) => [name, (await parseMessage(fixture(name))).subject] as const)),
    );
    const parser = open();
    await parser.parse(fixture('plain.eml')); // start-up is not what this measures
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const results: Promise<[string, string]>[] = [];
    for (let i = 0; i < 2000; i++) {
      const name = names[i % names.length] as string;
      await parser.ready();
      results.push(parser.parse(fixture(name)).then((result) => [name, result.subject]));
    }
    const subjects = await Promise.all(results);
    delay.disable();
    expect(subjects).toHaveLength(2000);
    for (const [name, subject] of subjects) expect(subject).toBe(expected.get(name));
    expect(delay.percentile(99) / 1e6).toBeLessThan(100);
  });
});
