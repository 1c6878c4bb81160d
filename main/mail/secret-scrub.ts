/** Shorter passwords would blank out ordinary words; libraries never echo them anyway. */
const MIN_REDACTED_LENGTH = 4;

/**
 * Belt and braces for text that quotes servers verbatim: a misbehaving server could echo the
 * password. The returned function removes the password and the SASL PLAIN/base64 forms it
 * travels in from any string.
 */
export function secretScrubber(credentials: { username: string; password: string }): (text: string) => string {
  const { username, password } = credentials;
  if (password.length < MIN_REDACTED_LENGTH) return (text) => text;
  const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  const secrets = [password, base64(password), base64(`\0${username}\0${password}`)];
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('••••••'), text);
}
