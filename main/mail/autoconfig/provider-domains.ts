/**
 * The longer domain lists of the provider table, as Thunderbird's ISPDB lists them (each domain
 * belongs to the provider; look-alike registrations elsewhere are not matched, see providers.ts).
 */

const variants = (base: string, tlds: readonly string[]): string[] => tlds.map((tld) => `${base}.${tld}`);

export const OUTLOOK_DOMAINS: readonly string[] = [
  ...variants('outlook', ['com', 'at', 'be', 'cl', 'cz', 'de', 'dk', 'es', 'fr', 'hu', 'ie', 'in', 'it']),
  ...variants('outlook', ['jp', 'kr', 'lv', 'my', 'ph', 'pt', 'sa', 'sg', 'sk', 'co.id', 'co.il', 'co.th']),
  ...variants('outlook', ['com.ar', 'com.au', 'com.br', 'com.gr', 'com.tr', 'com.vn']),
  ...variants('hotmail', ['com', 'be', 'ca', 'cl', 'cz', 'de', 'dk', 'es', 'fi', 'fr', 'gr', 'hu', 'it', 'lt']),
  ...variants('hotmail', ['lv', 'my', 'nl', 'no', 'ph', 'rs', 'se', 'sg', 'sk', 'co.id', 'co.il', 'co.in']),
  ...variants('hotmail', ['co.jp', 'co.kr', 'co.th', 'co.uk', 'co.za', 'com.ar', 'com.au', 'com.br']),
  ...variants('hotmail', ['com.hk', 'com.tr', 'com.tw', 'com.vn']),
  ...variants('live', ['com', 'at', 'be', 'ca', 'cl', 'cn', 'de', 'dk', 'fi', 'fr', 'hk', 'ie', 'in', 'it']),
  ...variants('live', ['jp', 'nl', 'no', 'ru', 'se', 'co.jp', 'co.kr', 'co.uk', 'co.za', 'com.ar', 'com.au']),
  ...variants('live', ['com.mx', 'com.my', 'com.ph', 'com.pt', 'com.sg']),
  'msn.com',
  'windowslive.com',
  'livemail.tw',
];

export const YAHOO_DOMAINS: readonly string[] = [
  ...variants('yahoo', ['com', 'de', 'it', 'fr', 'es', 'se', 'co.in', 'co.uk', 'co.nz']),
  ...variants('yahoo', ['com.au', 'com.ar', 'com.br', 'com.mx']),
  'ymail.com',
  'myyahoo.com',
  'rocketmail.com',
];

/** GMX Germany/Austria/Switzerland: imap.gmx.net. */
export const GMX_NET_DOMAINS: readonly string[] = variants('gmx', [
  'net',
  'de',
  'at',
  'ch',
  'eu',
  'biz',
  'org',
  'info',
]);

/** GMX's international service runs on other hosts (imap.gmx.com). */
export const GMX_COM_DOMAINS: readonly string[] = [
  ...variants('gmx', ['com', 'us', 'co.uk', 'es', 'fr', 'ca', 'it', 'pt', 'se', 'tm', 'cn', 'co.in', 'com.br']),
  ...variants('gmx', ['com.my', 'hk', 'ie', 'ph', 'ru', 'sg', 'tw', 'com.tr', 'li']),
];
