import type { z } from 'zod';
import type { Security } from '../../../shared/model/account';
import type { VerifyStepSchema } from '../../../shared/model/setup';

export type VerifyStep = z.infer<typeof VerifyStepSchema>;
export type StepName = VerifyStep['step'];

/** The steps a verification goes through, in order, for each security setting. */
export function planFor(security: Security): StepName[] {
  if (security === 'implicit') return ['dns', 'connect', 'tls', 'greeting', 'auth', 'done'];
  if (security === 'starttls') return ['dns', 'connect', 'greeting', 'starttls', 'auth', 'done'];
  return ['dns', 'connect', 'greeting', 'auth', 'done'];
}

/** Records each step as it happens; the first step not yet passed is where a failure happened. */
export class Trace {
  private readonly recorded = new Map<StepName, VerifyStep>();

  constructor(readonly plan: readonly StepName[]) {}

  /** The first report of a step wins (SMTP says EHLO twice around STARTTLS, for instance). */
  ok(step: StepName, detail: string): void {
    if (!this.recorded.has(step)) this.recorded.set(step, { step, ok: true, detail });
  }

  fail(step: StepName, detail: string): void {
    this.recorded.set(step, { step, ok: false, detail });
  }

  passed(step: StepName): boolean {
    return this.recorded.get(step)?.ok === true;
  }

  /** The first planned step not yet passed ('done' once all are). */
  nextPending(): StepName {
    return this.plan.find((step) => !this.passed(step)) ?? 'done';
  }

  steps(): VerifyStep[] {
    return this.plan.flatMap((step) => {
      const entry = this.recorded.get(step);
      return entry ? [entry] : [];
    });
  }
}
