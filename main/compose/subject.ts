/**
 * Reply and forward subjects without piling up prefixes. Besides the English ones, the prefixes
 * mail clients write in other languages: AW/Antw (German, Dutch), SV (Scandinavian "svar"), VS
 * (Finnish "vastaus"; Danish/Norwegian forward), WG (German forward), TR (French forward),
 * RV/ENC (Spanish, Portuguese), Odp/PD (Polish), Ynt (Turkish), Rif/Ref, and counters like Re[2]:.
 */
const REPLY = [
  're',
  'aw',
  'antw',
  'antwort',
  'sv',
  'vs',
  'odp',
  'ynt',
  'rif',
  'ref',
  'res',
  'atb',
  '回复',
  '答复',
  '回覆',
];
const FORWARD = ['fwd', 'fw', 'wg', 'tr', 'rv', 'vs', 'vl', 'enc', 'doorst', 'pd', '转发', '轉寄'];

function prefixPattern(words: readonly string[]): RegExp {
  // "Re:", "RE :", "Re[2]:", "Re(2):", and the full-width colon East Asian clients write.
  return new RegExp(`^\\s*(?:${words.join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：]\\s*`, 'iu');
}

const REPLY_PREFIX = prefixPattern(REPLY);
const FORWARD_PREFIX = prefixPattern(FORWARD);

function strip(subject: string, pattern: RegExp): string {
  let rest = subject.trim();
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) rest = rest.slice(match[0].length);
  return rest;
}

export function replySubject(subject: string): string {
  return `Re: ${strip(subject, REPLY_PREFIX)}`.trimEnd();
}

export function forwardSubject(subject: string): string {
  return `Fwd: ${strip(subject, FORWARD_PREFIX)}`.trimEnd();
}
