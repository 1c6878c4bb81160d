/**
 * The whole run: the provider table answering without the network, per-step time limits,
 * cancelling, and the order in which sources are reported (see http-world.ts for the servers).
 */
import { describe, expect, it } from 'vitest';
import { discoverAccount, STEPS } from '../../../main/mail/autoconfig';
import { autoconfigXml, countingDns, countingHttp, outcome, sequence } from './fixtures';
import { ISPDB_HOST, useHttpWorld, WELL_KNOWN_PATH } from './http-world';

const world = useHttpWorld();

describe('provider table', () => {
  it('answers gmail.com without touching DNS or HTTP', async () => {
    const base = world.options();
    const dnsSpy = countingDns(base.dns ?? fail());
    const httpSpy = countingHttp(base.http ?? fail());
    const config = await discoverAccount('someone@gmail.com', { ...base, dns: dnsSpy.value, http: httpSpy.value });
    expect(config).toMatchObject({
      source: 'provider-table',
      providerName: 'Gmail',
      incoming: [
        { protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'implicit', username: 'someone@gmail.com' },
        expect.anything(),
      ],
      outgoing: [
        { host: 'smtp.gmail.com', port: 465, security: 'implicit', username: 'someone@gmail.com' },
        { host: 'smtp.gmail.com', port: 587, security: 'starttls', username: 'someone@gmail.com' },
      ],
      guidance: expect.stringMatching(/app password/),
    });
    expect(dnsSpy.calls).toEqual([]);
    expect(httpSpy.calls).toEqual([]);
    expect(sequence(base.steps)).toEqual(['provider-table:running', 'provider-table:found']);
  });
});

describe('time limits and cancelling', () => {
  it('gives up on a server that accepts and never answers within the step timeout, then tries the next source', async () => {
    world.https.route('hang.test', WELL_KNOWN_PATH, {
      body: autoconfigXml('After the hang', 'imap.hang.test', 'smtp.hang.test'),
    });
    const run = world.options({ stepTimeoutMs: 700 });
    const started = performance.now();
    const config = await discoverAccount('j@hang.test', run);
    expect(config).toMatchObject({ source: 'well-known', providerName: 'After the hang' });
    const timedOut = outcome(run.steps, 'domain-autoconfig');
    expect(timedOut).toMatchObject({
      status: 'timed-out',
      detail: expect.stringMatching(/^No answer within 700 ms: GET https:\/\/autoconfig\.hang\.test/),
    });
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(690);
    expect(timedOut.durationMs).toBeLessThan(1200);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(world.silent.connections()).toBeGreaterThan(0);
  });

  it('stops at once when cancelled, reporting the step in flight and the rest as cancelled', async () => {
    const controller = new AbortController();
    const run = world.options({ stepTimeoutMs: 10_000, signal: controller.signal });
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    await expect(discoverAccount('k@cancel.test', run)).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(sequence(run.steps)).toEqual([
      'provider-table:running',
      'provider-table:not-found',
      'domain-autoconfig:running',
      'domain-autoconfig:cancelled',
      'well-known:cancelled',
      'ispdb:cancelled',
      'srv:cancelled',
      'mx:cancelled',
      'guess:cancelled',
    ]);
    expect(outcome(run.steps, 'domain-autoconfig').durationMs).toBeLessThan(800);
  });

  it('reports every source in the specified order, each running then its outcome, when none knows the domain', async () => {
    const run = world.options();
    expect(await discoverAccount('l@nothing.test', run)).toBeNull();
    const order = STEPS.map((step) => step.source);
    expect(order).toEqual(['provider-table', 'domain-autoconfig', 'well-known', 'ispdb', 'srv', 'mx', 'guess']);
    expect(run.steps.map((s) => s.source)).toEqual(order.flatMap((source) => [source, source]));
    expect(run.steps.map((s) => s.status)).toEqual(order.flatMap(() => ['running', 'not-found']));
    expect(outcome(run.steps, 'ispdb').detail).toBe(`GET ${world.https.url(ISPDB_HOST, '/v1.1/nothing.test')} → 404`);
  });
});

function fail(): never {
  throw new Error('test seams missing');
}
