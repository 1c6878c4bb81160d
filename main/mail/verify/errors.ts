import type { CertificateInfo, VerifyFailureCode } from '../../../shared/model/setup';
import type { StepName } from './trace';

export interface VerifyStepDetails {
  serverText?: string | null;
  step?: StepName;
  authMethods?: string[] | null;
  certificate?: CertificateInfo | null;
  /** A variant of the code that changes the wording ("refused" STARTTLS rather than "not offered"). */
  variant?: string;
}

/**
 * A failure a protocol module has already understood (STARTTLS missing, a login refused, a
 * greeting from the wrong protocol), so classification need not guess from library internals.
 */
export class VerifyStepError extends Error {
  constructor(
    readonly code: VerifyFailureCode,
    reason: string,
    readonly details: VerifyStepDetails = {},
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'VerifyStepError';
  }
}
