/** The schemes a link in a message may use (DESIGN §8): nothing a mail reader would run. */
export function isSafeLinkUrl(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
