/**
 * Built-in provider table: data only. Server names, ports and username forms follow each
 * provider's published settings (and Thunderbird's ISPDB entries for the same providers).
 * `domains` are matched exactly (lists, not patterns like "hotmail.*", so nobody can register
 * "hotmail.example" and get Microsoft's servers suggested); `mxSuffixes` match the domain's MX
 * hosts for custom domains hosted at the provider.
 */

import { GMX_COM_DOMAINS, GMX_NET_DOMAINS, OUTLOOK_DOMAINS, YAHOO_DOMAINS } from './provider-domains';

export interface ServerTemplate {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  security: 'implicit' | 'starttls';
  /** The provider's login name: the whole address or only the part before the @. */
  username: 'address' | 'local-part';
}

export interface Provider {
  id: string;
  name: string;
  domains: readonly string[];
  /** A host matches when it equals a suffix or ends with "." + suffix. */
  mxSuffixes: readonly string[];
  /** Best first: implicit TLS before STARTTLS (RFC 8314), IMAP before POP3. */
  servers: readonly ServerTemplate[];
  guidance: string | null;
}

const imap = (host: string, username: ServerTemplate['username'] = 'address'): ServerTemplate => ({
  protocol: 'imap',
  host,
  port: 993,
  security: 'implicit',
  username,
});
const pop3 = (host: string): ServerTemplate => ({
  protocol: 'pop3',
  host,
  port: 995,
  security: 'implicit',
  username: 'address',
});
const smtps = (host: string): ServerTemplate => ({
  protocol: 'smtp',
  host,
  port: 465,
  security: 'implicit',
  username: 'address',
});
const submission = (host: string): ServerTemplate => ({
  protocol: 'smtp',
  host,
  port: 587,
  security: 'starttls',
  username: 'address',
});

const GOOGLE_GUIDANCE =
  'Google does not accept your normal password from mail apps. Turn on 2-Step Verification, then create an ' +
  'app password at https://myaccount.google.com/apppasswords and use it here.';

const MICROSOFT_GUIDANCE =
  'Microsoft no longer accepts passwords or app passwords from mail apps for Outlook.com, Hotmail, Live and ' +
  'MSN addresses (it requires Microsoft sign-in, OAuth 2.0), so signing in with a password is expected to fail.';

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    domains: ['gmail.com', 'googlemail.com'],
    mxSuffixes: [],
    servers: [imap('imap.gmail.com'), pop3('pop.gmail.com'), smtps('smtp.gmail.com'), submission('smtp.gmail.com')],
    guidance: GOOGLE_GUIDANCE,
  },
  {
    id: 'google-workspace',
    name: 'Google Workspace',
    domains: [],
    // aspmx.l.google.com and its alt*; smtp.google.com (the single MX Google has recommended since 2023).
    mxSuffixes: ['google.com', 'googlemail.com'],
    servers: [imap('imap.gmail.com'), pop3('pop.gmail.com'), smtps('smtp.gmail.com'), submission('smtp.gmail.com')],
    guidance: `${GOOGLE_GUIDANCE} Your administrator may have turned off IMAP or app passwords for your organization.`,
  },
  {
    id: 'outlook',
    name: 'Outlook.com',
    domains: OUTLOOK_DOMAINS,
    mxSuffixes: ['olc.protection.outlook.com'],
    servers: [
      imap('outlook.office365.com'),
      pop3('outlook.office365.com'),
      submission('smtp.office365.com'),
      submission('smtp-mail.outlook.com'),
    ],
    guidance: MICROSOFT_GUIDANCE,
  },
  {
    id: 'microsoft-365',
    name: 'Microsoft 365',
    domains: [],
    // <tenant>.mail.protection.outlook.com, and the DNSSEC-signed <tenant>.<x>.mx.microsoft since 2024.
    mxSuffixes: ['mail.protection.outlook.com', 'mx.microsoft'],
    servers: [imap('outlook.office365.com'), pop3('outlook.office365.com'), submission('smtp.office365.com')],
    guidance:
      'Most Microsoft 365 organizations no longer accept passwords from mail apps for IMAP and POP3 (Microsoft ' +
      'retired basic authentication), and SMTP sign-in is often turned off. Ask your administrator whether ' +
      'password sign-in is allowed for your mailbox.',
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    domains: YAHOO_DOMAINS,
    // Yahoo's MX hosts (mta5.am0.yahoodns.net …); AOL uses other *.yahoodns.net hosts, so no wider suffix.
    mxSuffixes: ['am0.yahoodns.net'],
    servers: [
      imap('imap.mail.yahoo.com'),
      pop3('pop.mail.yahoo.com'),
      smtps('smtp.mail.yahoo.com'),
      submission('smtp.mail.yahoo.com'),
    ],
    guidance:
      'Yahoo needs an app password for mail apps: in Yahoo Account Security choose "Generate app password" and ' +
      'use it here instead of your Yahoo password.',
  },
  {
    id: 'aol',
    name: 'AOL Mail',
    domains: ['aol.com', 'aim.com'],
    mxSuffixes: [],
    servers: [imap('imap.aol.com'), pop3('pop.aol.com'), smtps('smtp.aol.com'), submission('smtp.aol.com')],
    guidance:
      'AOL needs an app password for mail apps: in AOL Account Security choose "Generate app password" and use ' +
      'it here instead of your AOL password.',
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    // Custom domains in iCloud+ still sign in with the Apple Account's iCloud Mail address.
    mxSuffixes: ['mail.icloud.com'],
    servers: [
      // Apple: IMAP takes the name part of the iCloud address, SMTP the whole address.
      imap('imap.mail.me.com', 'local-part'),
      submission('smtp.mail.me.com'),
    ],
    guidance:
      'iCloud Mail needs an app-specific password: turn on two-factor authentication for your Apple Account, ' +
      'then create one at https://account.apple.com (Sign-In and Security → App-Specific Passwords). With a ' +
      'custom domain, sign in with your @icloud.com address.',
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'fastmail.us', 'messagingengine.com'],
    mxSuffixes: ['messagingengine.com'],
    servers: [
      imap('imap.fastmail.com'),
      pop3('pop.fastmail.com'),
      smtps('smtp.fastmail.com'),
      submission('smtp.fastmail.com'),
    ],
    guidance:
      'Fastmail needs an app password for mail apps: create one in Fastmail under Settings → Privacy & Security ' +
      '→ App passwords, with access to IMAP/POP and SMTP.',
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    mxSuffixes: [],
    servers: [imap('imap.zoho.com'), pop3('pop.zoho.com'), smtps('smtp.zoho.com'), submission('smtp.zoho.com')],
    guidance: zohoGuidance(),
  },
  {
    id: 'zoho-eu',
    name: 'Zoho Mail (EU)',
    domains: ['zoho.eu', 'zohomail.eu'],
    mxSuffixes: [],
    servers: [imap('imap.zoho.eu'), pop3('pop.zoho.eu'), smtps('smtp.zoho.eu'), submission('smtp.zoho.eu')],
    guidance: zohoGuidance(),
  },
  zohoOrganization('zoho-organization', 'Zoho Mail', 'com'),
  zohoOrganization('zoho-organization-eu', 'Zoho Mail (EU)', 'eu'),
  zohoOrganization('zoho-organization-in', 'Zoho Mail (India)', 'in'),
  zohoOrganization('zoho-organization-au', 'Zoho Mail (Australia)', 'com.au'),
  {
    id: 'gmx',
    name: 'GMX',
    domains: GMX_NET_DOMAINS,
    mxSuffixes: ['gmx.net'],
    servers: [imap('imap.gmx.net'), pop3('pop.gmx.net'), smtps('mail.gmx.net'), submission('mail.gmx.net')],
    guidance: gmxGuidance(),
  },
  {
    id: 'gmx-com',
    name: 'GMX',
    domains: GMX_COM_DOMAINS,
    mxSuffixes: ['gmx.com'],
    servers: [imap('imap.gmx.com'), pop3('pop.gmx.com'), smtps('mail.gmx.com'), submission('mail.gmx.com')],
    guidance: gmxGuidance(),
  },
  {
    id: 'mailbox-org',
    name: 'mailbox.org',
    domains: ['mailbox.org'],
    mxSuffixes: ['mailbox.org'],
    servers: [
      imap('imap.mailbox.org'),
      pop3('pop3.mailbox.org'),
      smtps('smtp.mailbox.org'),
      submission('smtp.mailbox.org'),
    ],
    guidance: 'With two-factor authentication on, mail apps need an application password from mailbox.org’s settings.',
  },
];

function zohoGuidance(): string {
  return (
    'Turn on IMAP (or POP) access first in Zoho Mail: Settings → Mail Accounts → IMAP Access. With two-factor ' +
    'authentication on, use an application-specific password.'
  );
}

/** Zoho hosts organization (custom-domain) mailboxes on separate "pro" servers per data centre. */
function zohoOrganization(id: string, name: string, tld: string): Provider {
  return {
    id,
    name,
    domains: [],
    mxSuffixes: [`zoho.${tld}`],
    servers: [
      imap(`imappro.zoho.${tld}`),
      pop3(`poppro.zoho.${tld}`),
      smtps(`smtppro.zoho.${tld}`),
      submission(`smtppro.zoho.${tld}`),
    ],
    guidance: zohoGuidance(),
  };
}

function gmxGuidance(): string {
  return (
    'GMX lets mail apps in only after you allow it once: in GMX webmail open E-Mail → Settings → POP3 & IMAP ' +
    'and turn on access.'
  );
}
