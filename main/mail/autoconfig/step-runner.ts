import type { AutoconfigStep } from '../../../shared/model/setup';
import { errorText } from './dns-resolver';
import type { Step, StepContext, StepResult } from './types';

export type StepOutcome = { status: 'found'; result: StepResult & { status: 'found' } } | { status: 'continue' };

/** Rejects as soon as `signal` aborts, so a step that ignores its signal still cannot hold us up. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

const last = (trace: string[]): string => (trace.length > 0 ? `: ${trace.slice(-3).join('; ')}` : '');

/**
 * Runs one step under its own time limit and the caller's cancel signal, reporting 'running'
 * and then the outcome. Whatever the step throws becomes a 'failed' report, never an exception:
 * one broken source must not stop the others. Cancellation is the one thing that propagates.
 */
export async function runStep(
  step: Step,
  base: Omit<StepContext, 'signal' | 'trace'>,
  cancel: AbortSignal,
  timeoutMs: number,
  report: (step: AutoconfigStep) => void,
): Promise<StepOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const timer = new AbortController();
  const timeout = setTimeout(
    () => timer.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  const signal = AbortSignal.any([cancel, timer.signal]);
  const ctx: StepContext = { ...base, signal, trace: [] };
  report({ source: step.source, status: 'running', detail: step.describe(ctx), durationMs: 0 });
  try {
    const result = await abortable(
      Promise.resolve().then(() => step.run(ctx)),
      signal,
    );
    report({ source: step.source, status: result.status, detail: result.detail, durationMs: elapsed() });
    return result.status === 'found' ? { status: 'found', result } : { status: 'continue' };
  } catch (error) {
    if (cancel.aborted) {
      report({
        source: step.source,
        status: 'cancelled',
        detail: `Cancelled${last(ctx.trace)}`,
        durationMs: elapsed(),
      });
      throw cancel.reason;
    }
    if (timer.signal.aborted) {
      const detail = `No answer within ${timeoutMs} ms${last(ctx.trace)}`;
      report({ source: step.source, status: 'timed-out', detail, durationMs: elapsed() });
    } else {
      report({ source: step.source, status: 'failed', detail: errorText(error), durationMs: elapsed() });
    }
    return { status: 'continue' };
  } finally {
    clearTimeout(timeout);
    // Stop whatever the step left running (sockets, lookups) once its outcome is decided.
    if (!timer.signal.aborted) timer.abort(new DOMException('step finished', 'AbortError'));
  }
}
