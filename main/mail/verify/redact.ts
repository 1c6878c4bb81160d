import type { VerifyResult } from '../../../shared/model/setup';

/** Shorter passwords would blank out ordinary words; libraries never echo them anyway. */
const MIN_REDACTED_LENGTH = 4;

/**
 * Belt and braces: no library here puts the password in an error, but server text is quoted
 * verbatim and a misbehaving server could echo it. Every string of the result is scrubbed of
 * the password and of the SASL PLAIN/base64 forms it travels in.
 */
export function redactResult(result: VerifyResult, credentials: { username: string; password: string }): VerifyResult {
  const { username, password } = credentials;
  if (password.length < MIN_REDACTED_LENGTH) return result;
  const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  const secrets = [password, base64(password), base64(`\0${username}\0${password}`)];
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('••••••'), text);
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
