import { describe, expect, it } from 'vitest';
import type { AutoconfigStep } from '../../../shared/model/setup';
import { runStep } from '../../../main/mail/autoconfig/step-runner';
import { STANDARD_PORTS, type Step, type StepContext } from '../../../main/mail/autoconfig/types';

// The runner never touches these seams itself; a step under test that did would fail loudly.
const unused = (): never => {
  throw new Error('not used by these steps');
};
const base: Omit<StepContext, 'signal' | 'trace'> = {
  email: 'a@x.test',
  localPart: 'a',
  domain: 'x.test',
  dns: { resolveSrv: unused, resolveMx: unused, lookup: unused },
  http: { get: unused },
  ispdbBaseUrl: 'https://ispdb.x.test/v1.1',
  guessPorts: STANDARD_PORTS,
  probeTimeoutMs: 100,
  ca: undefined,
};

const step = (run: Step['run']): Step => ({ source: 'srv', describe: () => 'asking', run });

async function outcomeOf(target: Step, cancel = new AbortController().signal, timeoutMs = 200) {
  const reports: AutoconfigStep[] = [];
  const outcome = await runStep(target, base, cancel, timeoutMs, (report) => reports.push(report));
  return { outcome, reports };
}

describe('runStep', () => {
  it('reports running, then the outcome with its duration', async () => {
    const { outcome, reports } = await outcomeOf(step(async () => ({ status: 'not-found', detail: 'nothing' })));
    expect(outcome).toEqual({ status: 'continue' });
    expect(reports).toEqual([
      { source: 'srv', status: 'running', detail: 'asking', durationMs: 0 },
      { source: 'srv', status: 'not-found', detail: 'nothing', durationMs: expect.any(Number) },
    ]);
  });

  it('times out a step that ignores its signal, showing what it had asked', async () => {
    const hangs = step((ctx) => {
      ctx.trace.push('asked the moon');
      return new Promise(() => undefined);
    });
    const started = performance.now();
    const { outcome, reports } = await outcomeOf(hangs, undefined, 150);
    expect(performance.now() - started).toBeLessThan(400);
    expect(outcome).toEqual({ status: 'continue' });
    expect(reports[1]).toMatchObject({ status: 'timed-out', detail: 'No answer within 150 ms: asked the moon' });
  });

  it('turns an exception into a failed report instead of stopping discovery', async () => {
    const { outcome, reports } = await outcomeOf(
      step(() => {
        throw new Error('boom');
      }),
    );
    expect(outcome).toEqual({ status: 'continue' });
    expect(reports[1]).toMatchObject({ status: 'failed', detail: 'boom' });
  });

  it('aborts the step’s signal when it times out, so its sockets can close', async () => {
    let seen: AbortSignal | undefined;
    await outcomeOf(
      step((ctx) => {
        seen = ctx.signal;
        return new Promise(() => undefined);
      }),
      undefined,
      50,
    );
    expect(seen?.aborted).toBe(true);
  });

  it('reports cancelled and rethrows when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const reports: AutoconfigStep[] = [];
    const run = runStep(
      step(() => new Promise(() => undefined)),
      base,
      controller.signal,
      5000,
      (r) => reports.push(r),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports.map((r) => r.status)).toEqual(['running', 'cancelled']);
  });
});
