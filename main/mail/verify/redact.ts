import type { VerifyResult } from '../../../shared/model/setup';
import { secretScrubber } from '../secret-scrub';

/**
 * Belt and braces: no library here puts the password in an error, but server text is quoted
 * verbatim and a misbehaving server could echo it. Every string of the result is scrubbed of
 * the password and of the SASL PLAIN/base64 forms it travels in.
 */
export function redactResult(result: VerifyResult, credentials: { username: string; password: string }): VerifyResult {
  const scrub = secretScrubber(credentials);
  const scrubOrNull = (text: string | null): string | null => (text === null ? null : scrub(text));
  return {
    ...result,
    steps: result.steps.map((step) => ({ ...step, detail: scrub(step.detail) })),
    failure: result.failure && {
      ...result.failure,
      message: scrub(result.failure.message),
      serverText: scrubOrNull(result.failure.serverText),
    },
  };
}
