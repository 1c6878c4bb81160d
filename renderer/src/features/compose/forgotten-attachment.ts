/**
 * Words that say a file goes with the message, in the languages our users write most. Whole words
 * only ("attachment" but not "attachments-free"), case-insensitive, Unicode-aware.
 */
const MENTIONS = [
  'attached',
  'attachments?',
  'enclosed',
  'angehängt',
  'anhang',
  'anbei',
  'pièces? jointes?',
  'ci-joint',
  'adjuntos?',
  'adjunto',
  'bijlagen?',
  'allegat[oi]',
];

const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MENTIONS.join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/**
 * Whether the user's own words mention an attachment. Quoted lines ("> …", from the message being
 * answered) do not count: the original's "see attached" is not a promise this reply makes.
 */
export function mentionsAttachment(subject: string, text: string): boolean {
  const own = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
  return PATTERN.test(subject) || PATTERN.test(own);
}
